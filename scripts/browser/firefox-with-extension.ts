import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import {
  FIREFOX_EXTENSION_DIR,
  GECKO_ID,
  findFirefox,
  firefoxWithPolicies,
  minimumFirefox,
  writeProfile,
} from './firefox-install';
import { extensionWithOrigins } from './launch-with-extension';
import { MissingPrerequisite } from '../run-main';

export interface FirefoxOptions {
  /**
   * Firefox's "never remember history": every window is private. Pizhu is then allowed in private
   * windows as a user allows it, by the documented `ExtensionSettings` policy's `private_browsing`.
   */
  neverRememberHistory?: boolean;
  /** The local portal server: every address but 127.0.0.1's goes there (an HTTP proxy). */
  portalPort?: number;
  /**
   * Origins the user allowed when Pizhu asked (an optional host permission), as in Chromium's
   * launch (see launch-with-extension.ts): a headless Firefox cannot answer the prompt, so a copy
   * of the extension lists them in its manifest, which Firefox grants a temporary add-on at install.
   */
  grantedOrigins?: string[];
  /** The viewport of each tab, in CSS pixels. */
  viewport?: { width: number; height: number };
}

export interface Point {
  x: number;
  y: number;
}

export interface Box extends Point {
  width: number;
  height: number;
}

/** A BiDi remote value: what a script returned, a node with its shared id among them. */
interface RemoteValue {
  type: string;
  sharedId?: string;
  value?: unknown;
}

export type EvaluateReply = { type: string; result?: RemoteValue; exceptionDetails?: { text: string } };

interface TreeContext {
  context: string;
  url: string;
  children: TreeContext[] | null;
}

/** The value a script gave as JSON text, or the script's failure as an error. */
function jsonOf<T>(reply: EvaluateReply): T {
  if (reply.type !== 'success') throw new Error(`script failed: ${reply.exceptionDetails?.text}`);
  const text = reply.result?.value as string | undefined;
  return (text === undefined ? undefined : JSON.parse(text)) as T;
}

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Asks `find` again every 100 ms until it gives a value; after `timeoutMs`, fails saying `what`. */
export async function until<T>(
  find: () => Promise<T | null | undefined>,
  what: () => string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await find();
    if (found !== null && found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(what());
    await pause(100);
  }
}

/**
 * Firefox ESR with Pizhu installed, driven over WebDriver BiDi only (Firefox's own remote protocol;
 * no Playwright build of Firefox, and no privileged browser window: nothing but the documented
 * `webExtension`, `browsingContext`, `script`, `input` and `session` modules, documented
 * preferences and a documented enterprise policy — see firefox-install.ts). Playwright 1.65's BiDi Firefox was tried first: against Debian's Firefox ESR 153 it
 * stops at launch on `emulation.setMediaFeaturesOverride`, a command that Firefox does not have.
 *
 * What BiDi in Firefox refuses, and the way round it here: it does not navigate a tab to a
 * `moz-extension://` page, and its key presses do not reach extension shortcuts or the toolbar.
 * Pizhu's own pages are reached from Pizhu's own UI instead — the note frame, an extension page that
 * every portal tab holds, is a child browsing context BiDi can script, and from it the popup opens as
 * a tab; the popup's links open the library, the library's open the reader (see `openExtensionPage`).
 */
export class FirefoxWithExtension {
  private nextId = 1;
  private readonly waiting = new Map<number, { done: (value: unknown) => void; fail: (error: Error) => void }>();

  private constructor(
    private readonly socket: WebSocket,
    private readonly stop: () => Promise<void>,
    readonly extensionOrigin: string,
    readonly version: string,
    private readonly viewport: { width: number; height: number },
    /** Where Firefox saves downloads. */
    readonly downloadDir: string,
  ) {
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as {
        id?: number;
        type: string;
        result?: unknown;
        error?: string;
        message?: string;
      };
      const call = message.id === undefined ? undefined : this.waiting.get(message.id);
      if (!call) return;
      this.waiting.delete(message.id!);
      if (message.type === 'error') call.fail(new Error(`${message.error}: ${message.message}`));
      else call.done(message.result);
    });
  }

  static async launch(options: FirefoxOptions = {}): Promise<FirefoxWithExtension> {
    if (!existsSync(join(FIREFOX_EXTENSION_DIR, 'manifest.json')))
      throw new MissingPrerequisite(
        'Pizhu is not built for Firefox (.output/firefox-mv3): run `npm run build:firefox` first.',
      );
    const profile = await mkdtemp(join(tmpdir(), 'pizhu-firefox-'));
    // The test's own Firefox installation (when it needs policies) and its copy of the extension.
    const scratch = await mkdtemp(join(tmpdir(), 'pizhu-firefox-scratch-'));
    const program = options.neverRememberHistory
      ? await firefoxWithPolicies(scratch, { ExtensionSettings: { [GECKO_ID]: { private_browsing: true } } })
      : findFirefox();
    const uuid = crypto.randomUUID();
    await writeProfile(profile, {
      neverRememberHistory: options.neverRememberHistory ?? false,
      portalPort: options.portalPort,
      uuid,
      downloadDir: join(profile, 'downloads'),
    });
    const firefox = spawn(program, ['--headless', '--no-remote', '--profile', profile, '--remote-debugging-port=0'], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: '', LANGUAGE: 'zh_CN' },
    });
    const stop = async () => {
      if (firefox.exitCode === null) {
        const exited = new Promise((done) => firefox.once('exit', done));
        firefox.kill();
        await exited;
      }
      await rm(profile, { recursive: true, force: true });
      await rm(scratch, { recursive: true, force: true });
    };
    try {
      const endpoint = await new Promise<string>((done, fail) => {
        let said = '';
        const timer = setTimeout(
          () => fail(new Error(`Firefox did not start its remote agent: ${said.slice(-500)}`)),
          30_000,
        );
        firefox.stderr!.on('data', (chunk: Buffer) => {
          said += String(chunk);
          const found = /WebDriver BiDi listening on (ws:\/\/\S+)/.exec(said);
          if (found) {
            clearTimeout(timer);
            done(found[1]!);
          }
        });
        firefox.once('exit', (code) => fail(new Error(`Firefox exited (${code}): ${said.slice(-500)}`)));
      });
      const socket = new WebSocket(`${endpoint}/session`);
      await new Promise((done, fail) => socket.once('open', done).once('error', fail));
      let browser = new FirefoxWithExtension(
        socket,
        stop,
        `moz-extension://${uuid}`,
        '',
        options.viewport ?? { width: 1280, height: 900 },
        join(profile, 'downloads'),
      );
      const session = (await browser.send('session.new', { capabilities: {} })) as {
        capabilities: { browserVersion: string };
      };
      browser = Object.assign(browser, { version: session.capabilities.browserVersion });
      // Said in words rather than seen as a failed install: the Firefox Pizhu asks for, and this one.
      const needed = minimumFirefox();
      if (browser.majorVersion < needed)
        throw new Error(
          `Pizhu needs Firefox ${needed} or newer (strict_min_version in its manifest), and this Firefox is ${browser.version}: install a newer firefox-esr or set FIREFOX_PATH.`,
        );
      const path = options.grantedOrigins
        ? extensionWithOrigins(options.grantedOrigins, FIREFOX_EXTENSION_DIR, scratch)
        : FIREFOX_EXTENSION_DIR;
      await browser.send('webExtension.install', { extensionData: { type: 'path', path } });
      return browser;
    } catch (error) {
      await stop();
      throw error;
    }
  }

  /** The browser's major version, e.g. 153. */
  get majorVersion(): number {
    return Number.parseInt(this.version, 10);
  }

  send(method: string, params: Record<string, unknown>): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((done, fail) => {
      this.waiting.set(id, { done, fail });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  private async tree(root?: string): Promise<TreeContext[]> {
    const { contexts } = (await this.send('browsingContext.getTree', root ? { root } : {})) as {
      contexts: TreeContext[];
    };
    return contexts;
  }

  /** The top-level browsing contexts (tabs), with their addresses. */
  async tabs(): Promise<{ context: string; url: string }[]> {
    return (await this.tree()).map(({ context, url }) => ({ context, url }));
  }

  /** Opens `url` in a new tab and waits for it to load; returns the tab's browsing context. */
  async newTab(url: string): Promise<string> {
    const { context } = (await this.send('browsingContext.create', { type: 'tab' })) as { context: string };
    await this.send('browsingContext.setViewport', { context, viewport: this.viewport });
    await this.send('browsingContext.navigate', { context, url, wait: 'complete' });
    return context;
  }

  async reload(context: string): Promise<void> {
    await this.send('browsingContext.reload', { context, wait: 'complete' });
  }

  /** Brings a tab to the front: a tab behind another gets few animation frames, and screenshots wait for them. */
  async activate(context: string): Promise<void> {
    await this.send('browsingContext.activate', { context });
  }

  async closeTab(context: string): Promise<void> {
    await this.send('browsingContext.close', { context });
  }

  /** A frame inside `context` (at any depth) whose address starts with `prefix`, once it exists. */
  async childFrame(context: string, prefix: string, timeoutMs = 10_000): Promise<string> {
    const find = (nodes: TreeContext[]): string | null => {
      for (const node of nodes) {
        if (node.url.startsWith(prefix)) return node.context;
        const inner = find(node.children ?? []);
        if (inner) return inner;
      }
      return null;
    };
    return until(
      async () => find((await this.tree(context))[0]?.children ?? []),
      () => `no frame at ${prefix} in ${context}`,
      timeoutMs,
    );
  }

  /** A tab whose address starts with `prefix`, once it has opened. */
  async tabAt(prefix: string, timeoutMs = 10_000): Promise<string> {
    return until(
      async () => (await this.tabs()).find((tab) => tab.url.startsWith(prefix))?.context,
      () => `no tab at ${prefix}`,
      timeoutMs,
    );
  }

  /** The note frame of a portal tab: the extension's page that Pizhu's in-page tools hold. */
  noteFrame(tab: string): Promise<string> {
    return this.childFrame(tab, `${this.extensionOrigin}/note-frame.html`);
  }

  /**
   * Opens one of the extension's pages in a new tab from Pizhu's own UI (see the class comment):
   * `window.open` in the note frame of `tab`, with the user's activation, as its links do. The
   * frame belongs to the extension, so the page it opens does too. Returns the new tab.
   */
  async openExtensionPage(tab: string, path: string): Promise<string> {
    const url = `${this.extensionOrigin}/${path}`;
    const before = new Set((await this.tabs()).map((one) => one.context));
    const frame = await this.noteFrame(tab);
    await this.send('script.evaluate', {
      expression: `void window.open(${JSON.stringify(`/${path}`)}, '_blank')`,
      target: { context: frame },
      awaitPromise: false,
      userActivation: true,
    });
    const opened = await until(
      async () => (await this.tabs()).find((one) => !before.has(one.context) && one.url === url)?.context,
      () => `${url} did not open`,
    );
    await this.send('browsingContext.setViewport', { context: opened, viewport: this.viewport });
    await this.waitFor(opened, `document.readyState === 'complete'`);
    return opened;
  }

  /** The value of `expression` (awaited) in a browsing context, as JSON. */
  async evaluateIn<T = unknown>(context: string, expression: string): Promise<T> {
    const reply = (await this.send('script.evaluate', {
      expression: `(async () => JSON.stringify(await (${expression})))()`,
      target: { context },
      awaitPromise: true,
    })) as EvaluateReply;
    return jsonOf<T>(reply);
  }

  /** Polls `expression` in a context until it is truthy; returns its last value. */
  async waitFor<T>(context: string, expression: string, timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await this.evaluateIn<T>(context, expression).catch(() => undefined as T);
      if (value || Date.now() > deadline) return value;
      await pause(100);
    }
  }

  /**
   * Runs `declaration` (a function's source) in a context with the nodes given (shared ids from
   * `pizhuRoot`), then the values given (as JSON); returns its awaited value as JSON.
   */
  async callIn<T = unknown>(
    context: string,
    declaration: string,
    nodes: string[] = [],
    values: unknown[] = [],
  ): Promise<T> {
    const reply = (await this.send('script.callFunction', {
      functionDeclaration: `async (...all) => JSON.stringify(await (${declaration})(...all.map((one, at) => (at < ${nodes.length} ? one : JSON.parse(one)))))`,
      arguments: [
        ...nodes.map((sharedId) => ({ sharedId })),
        ...values.map((value) => ({ type: 'string', value: JSON.stringify(value) })),
      ],
      target: { context },
      awaitPromise: true,
    })) as EvaluateReply;
    return jsonOf<T>(reply);
  }

  /** Runs a function in a page with one argument, as Playwright's `page.evaluate` does. */
  inPage<A, T>(context: string, run: (argument: A) => T, argument: A): Promise<Awaited<T>> {
    return this.callIn<Awaited<T>>(context, run.toString(), [], [argument]);
  }

  /**
   * The shared id of Pizhu's in-page tools' shadow root. It is closed, so no page script reaches it;
   * BiDi's node serialization gives it to the test (as DevTools shows it), and nothing else.
   */
  async pizhuRoot(context: string): Promise<string | null> {
    // The host has no mark of its own (the page would read it): the child of <html> whose root is closed.
    const reply = (await this.send('script.evaluate', {
      expression: `[...document.documentElement.children].filter((element) => element.shadowRoot === null)`,
      target: { context },
      awaitPromise: false,
      serializationOptions: { maxDomDepth: 0 },
    })) as EvaluateReply;
    const nodes = (reply.result?.value ?? []) as { value?: { shadowRoot?: { sharedId?: string } | null } }[];
    return nodes.map((node) => node.value?.shadowRoot?.sharedId).find(Boolean) ?? null;
  }

  /**
   * `map` (a function's source, of one element) for each element matching `selector` in Pizhu's
   * in-page tools of `context`, or (`inPizhuRoot` false) in the context's own document.
   */
  private async eachMatch<T>(context: string, selector: string, inPizhuRoot: boolean, map: string): Promise<T[]> {
    const root = inPizhuRoot ? await this.pizhuRoot(context) : null;
    if (inPizhuRoot && !root) return [];
    return this.callIn<T[]>(
      context,
      `(...args) => {
        const scope = args.length > 1 ? args[0] : document;
        return [...scope.querySelectorAll(args[args.length - 1])].map(${map});
      }`,
      root ? [root] : [],
      [selector],
    );
  }

  /** The boxes on screen of the elements matching `selector` in Pizhu's tools (or, `false`, the document). */
  boxes(context: string, selector: string, inPizhuRoot = true): Promise<Box[]> {
    return this.eachMatch<Box>(
      context,
      selector,
      inPizhuRoot,
      `(element) => {
        const rect = element.getBoundingClientRect();
        return { x: rect.x, y: rect.y, width: rect.width, height: rect.height };
      }`,
    );
  }

  /** The text of each element matching `selector` in Pizhu's tools (or, `false`, the document). */
  texts(context: string, selector: string, inPizhuRoot = true): Promise<string[]> {
    return this.eachMatch<string>(
      context,
      selector,
      inPizhuRoot,
      `(element) => element.innerText ?? element.textContent`,
    );
  }

  /** The bytes of the first finished download whose name matches, once it is there. */
  async download(name: RegExp, timeoutMs = 10_000): Promise<{ name: string; bytes: Buffer }> {
    let names: string[] = [];
    const found = await until(
      async () => {
        names = existsSync(this.downloadDir) ? await readdir(this.downloadDir) : [];
        // Firefox puts an empty file under the final name, writes the bytes into a .part file beside
        // it and renames that over it when done: finished means no .part and something written.
        const done = names.find((one) => name.test(one) && !one.endsWith('.part') && !names.includes(`${one}.part`));
        return done && (await stat(join(this.downloadDir, done))).size > 0 ? done : null;
      },
      () => `no download like ${name} (${names.join(', ')})`,
      timeoutMs,
    );
    return { name: found, bytes: await readFile(join(this.downloadDir, found)) };
  }

  /** A PNG of a box of the tab's viewport, as the reader sees it. */
  async screenshot(context: string, box: Box): Promise<Buffer> {
    const { data } = (await this.send('browsingContext.captureScreenshot', {
      context,
      clip: { type: 'box', ...box },
    })) as { data: string };
    return Buffer.from(data, 'base64');
  }

  async close(): Promise<void> {
    await this.send('browser.close', {}).catch(() => undefined);
    this.socket.close();
    await this.stop();
  }
}
