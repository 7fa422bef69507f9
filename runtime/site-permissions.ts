import { browser } from 'wxt/browser';

/** Whether the extension may already run on these origins. */
export function hasOrigins(origins: string[]): Promise<boolean> {
  return browser.permissions.contains({ origins });
}

/**
 * Asks the browser to let the extension read these origins. It must be called in the click's
 * user gesture (no await before it), or the browser refuses without asking.
 */
export function requestOrigins(origins: string[]): Promise<boolean> {
  return browser.permissions.request({ origins });
}
