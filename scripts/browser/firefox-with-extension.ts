import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { buildDir } from '../build/ensure-build';
import { MissingPrerequisite } from '../run-main';
import { installLine } from '../setup/machine-plan.mjs';

export const FIREFOX_EXTENSION_DIR = buildDir('firefox');
const GECKO_ID = 'pizhu@pizhu.local';

export function findFirefox(): string {
  const candidates = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'];
  const found = candidates.find((path): path is string => Boolean(path && existsSync(path)));
  if (!found)
    throw new MissingPrerequisite(`No Firefox found: run \`${installLine(['firefox-esr'])}\` (or set FIREFOX_PATH).`);
  return found;
}

/** Preferences for a quiet, offline profile that neither updates nor phones home. */
const QUIET_PREFS: Record<string, unknown> = {
  'app.update.disabledForTesting': true,
  'browser.aboutwelcome.enabled': false,
  'browser.shell.checkDefaultBrowser': false,
  'browser.startup.homepage_override.mstone': 'ignore',
  'datareporting.policy.dataSubmissionEnabled': false,
  'extensions.update.enabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'toolkit.telemetry.reportingpolicy.firstRun': false,
};

export interface FirefoxOptions {
  /** Firefox's "never remember history": every window is private. */
  neverRememberHistory: boolean;
}

/**
 * Firefox ESR with Pizhu installed, driven over WebDriver BiDi (Firefox's own remote protocol; no
 * Playwright build of Firefox is needed). BiDi may not navigate to extension pages, so they are
 * opened from the browser's own window, which --remote-allow-system-access lets a script reach.
 */
export class FirefoxWithExtension {
  private nextId = 1;
  private readonly waiting = new Map<number, { done: (value: unknown) => void; fail: (error: Error) => void }>();

  private constructor(
    private readonly socket: WebSocket,
    private readonly stop: () => Promise<void>,
    readonly extensionOrigin: string,
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

  static async launch(options: FirefoxOptions): Promise<FirefoxWithExtension> {
    if (!existsSync(join(FIREFOX_EXTENSION_DIR, 'manifest.json'))) {
      throw new MissingPrerequisite(
        'Pizhu is not built for Firefox (.output/firefox-mv3): run npm run build:firefox first.',
      );
    }
    const profile = await mkdtemp(join(tmpdir(), 'pizhu-firefox-'));
    const uuid = crypto.randomUUID();
    const prefs = {
      ...QUIET_PREFS,
      'browser.privatebrowsing.autostart': options.neverRememberHistory,
      // The extension's moz-extension:// host, fixed so the test knows its pages' addresses.
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
    };
    await writeFile(
      join(profile, 'user.js'),
      Object.entries(prefs)
        .map(([key, value]) => `user_pref(${JSON.stringify(key)}, ${JSON.stringify(value)});`)
        .join('\n'),
    );
    const firefox = spawn(
      findFirefox(),
      ['--headless', '--no-remote', '--profile', profile, '--remote-debugging-port=0', '--remote-allow-system-access'],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    const stop = async () => {
      if (firefox.exitCode === null) {
        const exited = new Promise((done) => firefox.once('exit', done));
        firefox.kill();
        await exited;
      }
      await rm(profile, { recursive: true, force: true });
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
      const browser = new FirefoxWithExtension(socket, stop, `moz-extension://${uuid}`);
      await browser.send('session.new', { capabilities: {} });
      await browser.send('webExtension.install', { extensionData: { type: 'path', path: FIREFOX_EXTENSION_DIR } });
      // With every window private, Firefox runs an extension only where the user allowed it
      // ("Run in Private Windows"); that choice is made here as a user would.
      if (options.neverRememberHistory) {
        await browser.inBrowserWindow(`
          const { ExtensionPermissions } = ChromeUtils.importESModule('resource://gre/modules/ExtensionPermissions.sys.mjs');
          const { AddonManager } = ChromeUtils.importESModule('resource://gre/modules/AddonManager.sys.mjs');
          await ExtensionPermissions.add(${JSON.stringify(GECKO_ID)}, { permissions: ['internal:privateBrowsingAllowed'], origins: [] });
          await (await AddonManager.getAddonByID(${JSON.stringify(GECKO_ID)})).reload();
        `);
      }
      return browser;
    } catch (error) {
      await stop();
      throw error;
    }
  }

  send(method: string, params: Record<string, unknown>): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((done, fail) => {
      this.waiting.set(id, { done, fail });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  /** Runs `body` (an async function body) in the browser's own window, with its privileges. */
  private async inBrowserWindow(body: string): Promise<unknown> {
    const { contexts } = (await this.send('browsingContext.getTree', { 'moz:scope': 'chrome' })) as {
      contexts: { context: string }[];
    };
    return this.evaluateIn(contexts[0]!.context, `(async () => { ${body} })()`);
  }

  /** Opens one of the extension's pages in a new tab; returns its browsing context. */
  async openExtensionPage(path: string): Promise<string> {
    const url = `${this.extensionOrigin}/${path}`;
    await this.inBrowserWindow(`
      gBrowser.selectedTab = gBrowser.addTab(${JSON.stringify(url)}, { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() });
    `);
    for (let tries = 0; tries < 100; tries++) {
      const { contexts } = (await this.send('browsingContext.getTree', {})) as {
        contexts: { context: string; url: string }[];
      };
      const found = contexts.find((context) => context.url === url);
      if (found) return found.context;
      await new Promise((done) => setTimeout(done, 100));
    }
    throw new Error(`${url} did not open`);
  }

  /** The value of `expression` (awaited) in a browsing context, as JSON. */
  async evaluateIn<T = unknown>(context: string, expression: string): Promise<T> {
    const reply = (await this.send('script.evaluate', {
      expression: `(async () => JSON.stringify(await (${expression})))()`,
      target: { context },
      awaitPromise: true,
    })) as { type: string; result?: { value?: string }; exceptionDetails?: { text: string } };
    if (reply.type !== 'success') throw new Error(`evaluation failed: ${reply.exceptionDetails?.text}`);
    const text = reply.result?.value;
    return (text === undefined ? undefined : JSON.parse(text)) as T;
  }

  /** Polls `expression` in a context until it is truthy; returns its last value. */
  async waitFor<T>(context: string, expression: string, timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await this.evaluateIn<T>(context, expression);
      if (value || Date.now() > deadline) return value;
      await new Promise((done) => setTimeout(done, 100));
    }
  }

  async close(): Promise<void> {
    await this.send('browser.close', {}).catch(() => undefined);
    this.socket.close();
    await this.stop();
  }
}
