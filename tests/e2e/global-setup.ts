import { ensureBuild } from '../../scripts/build/ensure-build';
import { findChromium } from '../../scripts/browser/launch-with-extension';
import { findFirefox } from '../../scripts/browser/firefox-install';
import { stopIfMissing } from '../../scripts/run-main';
import { findApache } from '../../scripts/serve/webdav-server';

/**
 * Before any test: what every test file needs of the machine is there (else one line saying what
 * to install, not a failure per test), and the extension is built for both browsers when its
 * build is missing or older than the sources (a run right after `npm run build` does not build
 * again).
 */
export default function globalSetup(): void {
  try {
    findChromium();
    findFirefox();
    findApache();
    ensureBuild('chrome', 'firefox');
  } catch (error) {
    throw stopIfMissing(error);
  }
}
