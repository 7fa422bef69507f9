import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import { buildDir } from '../build/ensure-build';
import { MissingPrerequisite } from '../run-main';
import { installLine, packagesFor } from '../setup/machine-plan.mjs';

export const EXTENSION_DIR = buildDir('chrome');

export function findChromium(): string {
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/google-chrome',
    '/usr/bin/chromium-browser',
  ];
  const found = candidates.find((path): path is string => Boolean(path && existsSync(path)));
  if (!found) {
    const chromiumPackages = packagesFor('start').map((pkg) => pkg.name);
    throw new MissingPrerequisite(
      `No Chromium found: run \`${installLine(chromiumPackages)}\` (or set CHROMIUM_PATH).`,
    );
  }
  return found;
}

/** Flags for a quiet, offline, headless Chromium on a CI machine with no sandbox. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface LaunchOptions {
  /** Port of the local portal server that every host name resolves to. */
  portalPort: number;
  headless?: boolean;
  viewport?: { width: number; height: number };
  /** The browser's (and so the extension's) UI language; zh-CN by default. */
  language?: 'zh-CN' | 'en';
  colorScheme?: 'light' | 'dark';
  /**
   * Origins the user allowed when the extension asked (an optional host permission). A headless
   * browser cannot answer the permission prompt, so the profile loads a copy of the built
   * extension that lists them as granted: `permissions.request` then resolves at once, as after
   * the user's 允许. Nothing else differs.
   */
  grantedOrigins?: string[];
  /** Another build of the extension (a benchmark comparing two builds); the current build by default. */
  extensionDir?: string;
  /**
   * A profile kept on disk, to start the browser again on it (a restart); a throwaway one by default.
   * An unpacked extension's id follows its folder: a restart passes the same `extensionDir`.
   */
  userDataDir?: string;
}

/** A copy of a built extension whose manifest already holds `origins` (see `grantedOrigins`). */
export function extensionWithOrigins(
  origins: string[],
  source = EXTENSION_DIR,
  into = mkdtempSync(join(tmpdir(), 'pizhu-ext-')),
): string {
  const dir = join(into, basename(source));
  cpSync(source, dir, { recursive: true });
  const manifestPath = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { host_permissions?: string[] };
  manifest.host_permissions = [...(manifest.host_permissions ?? []), ...origins];
  writeFileSync(manifestPath, JSON.stringify(manifest));
  return dir;
}

/**
 * Starts Chromium with the built extension in a fresh profile. Every host name resolves to the
 * local portal server, so pages open under their real portal addresses and the content script's
 * host matches apply.
 */
export async function launchWithExtension(options: LaunchOptions): Promise<{
  context: BrowserContext;
  background: Worker;
  extensionId: string;
}> {
  const built = options.extensionDir ?? EXTENSION_DIR;
  if (!existsSync(join(built, 'manifest.json'))) {
    throw new MissingPrerequisite('Pizhu is not built for Chrome (.output/chrome-mv3): run npm run build first.');
  }
  const extension = options.grantedOrigins ? extensionWithOrigins(options.grantedOrigins, built) : built;
  const context = await chromium.launchPersistentContext(options.userDataDir ?? '', {
    executablePath: findChromium(),
    headless: options.headless ?? true,
    viewport: options.viewport ?? { width: 1280, height: 900 },
    locale: options.language ?? 'zh-CN',
    colorScheme: options.colorScheme ?? 'light',
    // Chromium on Linux takes its UI language, and so the extension's, from LANGUAGE. LANG must name
    // a locale the machine has: with zh_CN.UTF-8 missing, C's ASCII made every Chinese download name
    // "download". C.UTF-8 is on every glibc system.
    env: {
      ...process.env,
      LC_ALL: '',
      LANG: 'C.UTF-8',
      LANGUAGE: options.language === 'en' ? 'en_US' : 'zh_CN',
    },
    args: [
      `--disable-extensions-except=${extension}`,
      `--load-extension=${extension}`,
      // 127.0.0.1 itself is left alone: a test's other servers (WebDAV) listen there.
      `--host-resolver-rules=MAP * 127.0.0.1:${options.portalPort}, EXCLUDE 127.0.0.1`,
      // Lets a test click the toolbar button (see toolbar-button.ts); the profile is a throwaway.
      '--enable-unsafe-extension-debugging',
      ...CHROMIUM_FLAGS,
    ],
  });
  const background = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return { context, background, extensionId: new URL(background.url()).host };
}

/** The id of the tab whose content script has reported `url`, polling until it has (or null). */
export async function waitForReportedTab(background: Worker, url: string, timeoutMs = 10_000): Promise<number | null> {
  return background.evaluate(
    async ([target, deadline]) => {
      while (Date.now() < deadline) {
        const all = await chrome.storage.session.get(null);
        const key = Object.keys(all).find((name) => (all[name] as { url?: string }).url === target);
        if (key) return Number(key.split(':')[1]);
        await new Promise((done) => setTimeout(done, 50));
      }
      return null;
    },
    [url, Date.now() + timeoutMs] as const,
  );
}
