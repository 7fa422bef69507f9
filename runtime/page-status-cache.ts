import { browser } from 'wxt/browser';
import type { PageStatus } from '@/utils/model/page-status';

/**
 * What each tab's content script last reported. Kept in storage.session, not in memory,
 * because the service worker may be stopped between the report and the popup opening.
 */
const keyOf = (tabId: number) => `page-status:${tabId}`;

export async function rememberPageStatus(tabId: number, status: PageStatus): Promise<void> {
  await browser.storage.session.set({ [keyOf(tabId)]: status });
}

export async function recallPageStatus(tabId: number): Promise<PageStatus | null> {
  const key = keyOf(tabId);
  const stored = await browser.storage.session.get(key);
  return (stored[key] as PageStatus | undefined) ?? null;
}

export async function forgetPageStatus(tabId: number): Promise<void> {
  await browser.storage.session.remove(keyOf(tabId));
}
