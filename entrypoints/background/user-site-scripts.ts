import { browser } from 'wxt/browser';
import { userSiteMatches } from '@/utils/sites/user-site-matches';

const SCRIPT_ID = 'pizhu-user-sites';
export const CONTENT_SCRIPT_FILE = 'content-scripts/content.js';

/**
 * Keeps the dynamically registered content script in step with the host permissions the user
 * granted in the options page, so Pizhu runs by itself on exactly those sites.
 */
export async function syncUserSiteScripts(): Promise<void> {
  const { origins = [] } = await browser.permissions.getAll();
  const matches = userSiteMatches(origins);
  const registered = await browser.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
  if (registered.length > 0) await browser.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
  if (matches.length === 0) return;
  await browser.scripting.registerContentScripts([
    { id: SCRIPT_ID, matches, js: [CONTENT_SCRIPT_FILE], runAt: 'document_start', allFrames: true },
  ]);
}
