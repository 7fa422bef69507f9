import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { copyFile, mkdir, readdir, symlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { buildDir } from '../build/ensure-build';
import { MissingPrerequisite } from '../run-main';
import { installLine } from '../setup/machine-plan.mjs';

/*
 * The Firefox a test runs and the profile it starts with: which program, which preferences (all
 * documented ones), and — when a test needs an enterprise policy — an installation of its own.
 */

export const FIREFOX_EXTENSION_DIR = buildDir('firefox');
export const GECKO_ID = 'pizhu@pizhu.local';

/** The oldest Firefox the built extension installs in (its manifest's strict_min_version). */
export function minimumFirefox(): number {
  const manifest = JSON.parse(readFileSync(join(FIREFOX_EXTENSION_DIR, 'manifest.json'), 'utf8')) as {
    browser_specific_settings?: { gecko?: { strict_min_version?: string } };
  };
  return Number.parseInt(manifest.browser_specific_settings?.gecko?.strict_min_version ?? '0', 10);
}

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
  'browser.startup.page': 0,
  'datareporting.policy.dataSubmissionEnabled': false,
  'extensions.update.enabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'toolkit.telemetry.reportingpolicy.firstRun': false,
  // Text is drawn the same from run to run: no smooth scrolling mid-screenshot.
  'general.smoothScroll': false,
};

/**
 * A Firefox installation of its own for one test: the installed one's files linked, its program
 * copied (Firefox finds its installation from where its program is), and a `distribution/
 * policies.json` of the test's. That file is where Firefox documents that it reads enterprise
 * policies from on Linux; `browser.policies.alternatePath` is honoured only in Mozilla's own test
 * builds, and /etc/firefox/policies would change every Firefox on the machine. Returns the program.
 */
export async function firefoxWithPolicies(into: string, policies: Record<string, unknown>): Promise<string> {
  const program = realpathSync(findFirefox());
  const installed = dirname(program);
  await mkdir(join(into, 'distribution'), { recursive: true });
  for (const name of await readdir(installed)) {
    if (name === 'distribution' || name === basename(program)) continue;
    await symlink(join(installed, name), join(into, name));
  }
  for (const name of existsSync(join(installed, 'distribution')) ? await readdir(join(installed, 'distribution')) : [])
    if (name !== 'policies.json')
      await symlink(join(installed, 'distribution', name), join(into, 'distribution', name));
  await writeFile(join(into, 'distribution', 'policies.json'), JSON.stringify({ policies }));
  await copyFile(program, join(into, basename(program)));
  return join(into, basename(program));
}

/** The profile's preferences (user.js): quiet, with the extension's fixed address and the test's settings. */
export async function writeProfile(
  profile: string,
  settings: { neverRememberHistory: boolean; portalPort?: number; uuid: string; downloadDir: string },
): Promise<void> {
  const prefs: Record<string, unknown> = {
    ...QUIET_PREFS,
    'browser.privatebrowsing.autostart': settings.neverRememberHistory,
    // The extension's moz-extension:// host, fixed so the test knows its pages' addresses.
    'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: settings.uuid }),
    // Pages are asked for in Chinese first. Firefox's own UI, and so Pizhu's, stays English unless
    // Debian's firefox-esr-l10n-zh-cn is installed.
    'intl.accept_languages': 'zh-CN,zh,en',
    // Downloads go, unasked, to a folder the test reads.
    'browser.download.folderList': 2,
    'browser.download.dir': settings.downloadDir,
    'browser.download.useDownloadDir': true,
    'browser.download.always_ask_before_handling_new_types': false,
  };
  if (settings.portalPort !== undefined)
    Object.assign(prefs, {
      // Firefox has no host-resolver switch: the portal server is its HTTP proxy, so a page opens
      // under its real portal address. 127.0.0.1 itself is never proxied (the WebDAV server).
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': settings.portalPort,
      'network.proxy.allow_hijacking_localhost': false,
    });
  await writeFile(
    join(profile, 'user.js'),
    Object.entries(prefs)
      .map(([key, value]) => `user_pref(${JSON.stringify(key)}, ${JSON.stringify(value)});`)
      .join('\n'),
  );
}
