// @ts-check
/**
 * What `npm start` and `npm test` need of the machine, and what to do about what is missing. Pure:
 * ensure-machine.mjs looks at the machine and acts. Plain JavaScript, because it runs before
 * node_modules (and so tsx) exists; no syntax newer than the Node it must be able to turn away.
 */

/** The oldest Node the tools run on (package.json `engines`). */
export const MIN_NODE = [20, 19, 0];

/**
 * @typedef {'start' | 'test'} Command
 * @typedef {{ files?: string[]; command?: string; fontLanguage?: string }} Presence
 *   how to see the package is there: what the tests themselves use (all must hold)
 * @typedef {{ name: string; commands: Command[]; noRecommends?: boolean; present: Presence }} DebianPackage
 */

/** @type {DebianPackage[]} */
export const DEBIAN_PACKAGES = [
  // Debian's Chromium shows the demo and drives the real-browser tests.
  { name: 'chromium', commands: ['start', 'test'], present: { files: ['/usr/bin/chromium'] } },
  // The zh-CN UI locale: without it the extension's UI falls back to English.
  {
    name: 'chromium-l10n',
    commands: ['start', 'test'],
    present: { files: ['/usr/lib/chromium/locales/zh-CN.pak'] },
  },
  // Chinese drawn with real glyphs, not boxes: the tests read the screen's pixels.
  { name: 'fonts-noto-cjk', commands: ['start', 'test'], present: { fontLanguage: 'zh' } },
  // Firefox ESR runs the Firefox journeys.
  { name: 'firefox-esr', commands: ['test'], present: { files: ['/usr/bin/firefox-esr'] } },
  // LibreOffice opens the 批注稿 as a member's office suite would (tests/support/libreoffice.ts).
  { name: 'libreoffice-writer-nogui', commands: ['test'], noRecommends: true, present: { command: 'soffice' } },
  // Group sync against a real WebDAV server: Apache with mod_dav (scripts/serve/webdav-server.ts).
  {
    name: 'apache2',
    commands: ['test'],
    noRecommends: true,
    present: { files: ['/usr/sbin/apache2', '/usr/lib/apache2/modules/mod_dav_fs.so'] },
  },
  // The other WebDAV servers a group may use, for the same sync tests (scripts/serve/webdav-servers.ts).
  {
    name: 'lighttpd',
    commands: ['test'],
    noRecommends: true,
    present: { files: ['/usr/sbin/lighttpd'] },
  },
  {
    name: 'lighttpd-mod-webdav',
    commands: ['test'],
    noRecommends: true,
    present: { files: ['/usr/lib/lighttpd/mod_webdav.so'] },
  },
  { name: 'nginx', commands: ['test'], noRecommends: true, present: { files: ['/usr/sbin/nginx'] } },
  {
    name: 'libnginx-mod-http-dav-ext',
    commands: ['test'],
    noRecommends: true,
    present: { files: ['/usr/lib/nginx/modules/ngx_http_dav_ext_module.so'] },
  },
  { name: 'rclone', commands: ['test'], noRecommends: true, present: { files: ['/usr/bin/rclone'] } },
];

/**
 * @param {Command} command
 * @returns {DebianPackage[]}
 */
export function packagesFor(command) {
  return DEBIAN_PACKAGES.filter((pkg) => pkg.commands.includes(command));
}

/**
 * @param {string} version e.g. process.versions.node
 * @returns {boolean}
 */
export function nodeTooOld(version) {
  const parts = version.split('.').map(Number);
  for (let index = 0; index < MIN_NODE.length; index++) {
    const have = parts[index] ?? 0;
    const need = MIN_NODE[index] ?? 0;
    if (have !== need) return have < need;
  }
  return false;
}

/**
 * The apt-get commands that install `names`, without sudo: recommended packages too, except for
 * those marked `noRecommends` (LibreOffice and Apache would bring a desktop's worth).
 * @param {string[]} names
 * @returns {string[][]}
 */
export function aptInstalls(names) {
  const wanted = DEBIAN_PACKAGES.filter((pkg) => names.includes(pkg.name));
  const plain = wanted.filter((pkg) => !pkg.noRecommends).map((pkg) => pkg.name);
  const lean = wanted.filter((pkg) => pkg.noRecommends).map((pkg) => pkg.name);
  return [
    ...(plain.length ? [['apt-get', 'install', '-y', ...plain]] : []),
    ...(lean.length ? [['apt-get', 'install', '-y', '--no-install-recommends', ...lean]] : []),
  ];
}

/**
 * The one line a person with sudo runs to install `names`.
 * @param {string[]} names
 * @returns {string}
 */
export function installLine(names) {
  return [['apt-get', 'update'], ...aptInstalls(names)].map((argv) => `sudo ${argv.join(' ')}`).join(' && ');
}

/**
 * @typedef {'root' | 'sudo' | 'none'} Rights
 * @typedef {{ kind: 'ready' }
 *   | { kind: 'install'; names: string[]; steps: string[][] }
 *   | { kind: 'stop'; message: string }} Plan
 */

/**
 * What to do about the Debian packages `command` needs.
 * @param {{ command: Command; missing: string[]; rights: Rights; hasApt: boolean }} machine
 * @returns {Plan}
 */
export function debianPlan({ command, missing, rights, hasApt }) {
  const names = packagesFor(command)
    .map((pkg) => pkg.name)
    .filter((name) => missing.includes(name));
  if (names.length === 0) return { kind: 'ready' };
  if (!hasApt) {
    return {
      kind: 'stop',
      message: `npm ${command} needs the Debian packages ${names.join(', ')} and this machine has no apt-get: install their equivalents, then run npm ${command} again.`,
    };
  }
  if (rights === 'none') {
    return {
      kind: 'stop',
      message: `npm ${command} needs Debian packages this machine lacks (${names.join(', ')}): run \`${installLine(names)}\`, then npm ${command} again.`,
    };
  }
  // Quiet and unattended; under sudo the variable must be passed through `env`.
  const prefix = rights === 'sudo' ? ['sudo', '-n'] : [];
  const steps = [['apt-get', 'update', '-qq'], ...aptInstalls(names).map((argv) => [...argv, '-qq'])].map((argv) => [
    ...prefix,
    'env',
    'DEBIAN_FRONTEND=noninteractive',
    ...argv,
  ]);
  return { kind: 'install', names, steps };
}
