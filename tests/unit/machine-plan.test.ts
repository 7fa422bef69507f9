import { describe, expect, it } from 'vitest';
import { debianPlan, installLine, nodeTooOld, packagesFor } from '../../scripts/setup/machine-plan.mjs';

describe('what npm start and npm test do about the machine', () => {
  it('needs the browser, its Chinese locale and CJK fonts to start, and the test tools besides to test', () => {
    expect(packagesFor('start').map((pkg) => pkg.name)).toEqual(['chromium', 'chromium-l10n', 'fonts-noto-cjk']);
    expect(packagesFor('test').map((pkg) => pkg.name)).toEqual([
      'chromium',
      'chromium-l10n',
      'fonts-noto-cjk',
      'firefox-esr',
      'libreoffice-writer-nogui',
      'apache2',
      'lighttpd',
      'lighttpd-mod-webdav',
      'nginx',
      'libnginx-mod-http-dav-ext',
      'rclone',
    ]);
  });

  it('goes on when nothing the command needs is missing', () => {
    expect(debianPlan({ command: 'start', missing: ['apache2'], rights: 'none', hasApt: true })).toEqual({
      kind: 'ready',
    });
  });

  it('without rights, stops with the one line to run, LibreOffice and Apache without their recommends', () => {
    const plan = debianPlan({ command: 'test', missing: ['chromium-l10n', 'apache2'], rights: 'none', hasApt: true });
    expect(plan).toEqual({
      kind: 'stop',
      message:
        'npm test needs Debian packages this machine lacks (chromium-l10n, apache2): run `sudo apt-get update && sudo apt-get install -y chromium-l10n && sudo apt-get install -y --no-install-recommends apache2`, then npm test again.',
    });
  });

  it('names only one install when the missing packages all take their recommends', () => {
    expect(installLine(['fonts-noto-cjk', 'chromium'])).toBe(
      'sudo apt-get update && sudo apt-get install -y chromium fonts-noto-cjk',
    );
  });

  it('as root, updates the package lists once and installs quietly and unattended', () => {
    expect(
      debianPlan({
        command: 'test',
        missing: ['libreoffice-writer-nogui', 'firefox-esr'],
        rights: 'root',
        hasApt: true,
      }),
    ).toEqual({
      kind: 'install',
      names: ['firefox-esr', 'libreoffice-writer-nogui'],
      steps: [
        ['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'update', '-qq'],
        ['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', 'firefox-esr', '-qq'],
        [
          'env',
          'DEBIAN_FRONTEND=noninteractive',
          'apt-get',
          'install',
          '-y',
          '--no-install-recommends',
          'libreoffice-writer-nogui',
          '-qq',
        ],
      ],
    });
  });

  it('with passwordless sudo, runs the same through sudo without asking', () => {
    const plan = debianPlan({ command: 'start', missing: ['chromium'], rights: 'sudo', hasApt: true });
    expect(plan.kind === 'install' && plan.steps.map((argv) => argv.slice(0, 2))).toEqual([
      ['sudo', '-n'],
      ['sudo', '-n'],
    ]);
  });

  it('on a machine without apt-get, names the packages to find another way', () => {
    expect(debianPlan({ command: 'start', missing: ['fonts-noto-cjk'], rights: 'root', hasApt: false })).toEqual({
      kind: 'stop',
      message:
        'npm start needs the Debian packages fonts-noto-cjk and this machine has no apt-get: install their equivalents, then run npm start again.',
    });
  });

  it('turns away a Node older than 20.19', () => {
    expect(['18.20.4', '20.18.3', '20.19.0', '20.20.2', '22.1.0', '100.0.0'].map(nodeTooOld)).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
  });
});
