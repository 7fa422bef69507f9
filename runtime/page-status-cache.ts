import { browser } from 'wxt/browser';
import { reportStandsForTab, type PageStatus } from '@/utils/model/page-status';

/**
 * What each tab's content script last reported. Kept in storage.session, not in memory,
 * because the service worker may be stopped between the report and the popup opening.
 */
const STATUS_KEY = /^page-status:(\d+)$/;
const keyOf = (tabId: number) => `page-status:${tabId}`;
/** Which frame of the tab the kept report came from: the one the popup, clip and shortcut speak to. */
const frameKeyOf = (tabId: number) => `page-frame:${tabId}`;

let reports: Promise<unknown> = Promise.resolve();

/** Keeps a frame's report for its tab when it stands for the tab (see reportStandsForTab). */
export function rememberPageStatus(tabId: number, status: PageStatus, frameId = 0): Promise<void> {
  // One at a time: the top page and its frames report at once, and each decision reads the last.
  const done = reports.then(async () => {
    const kept = await recallPageStatus(tabId);
    const keptFrame = await recallPageFrame(tabId);
    if (!reportStandsForTab(kept && { status: kept, frameId: keptFrame }, { status, frameId })) return;
    await browser.storage.session.set({ [keyOf(tabId)]: status, [frameKeyOf(tabId)]: frameId });
  });
  reports = done.catch(() => undefined);
  return done;
}

/** The frame whose report stands for the tab: 0, the top page, unless a frame holds the article. */
export async function recallPageFrame(tabId: number): Promise<number> {
  const key = frameKeyOf(tabId);
  const stored = await browser.storage.session.get(key);
  return (stored[key] as number | undefined) ?? 0;
}

export async function recallPageStatus(tabId: number): Promise<PageStatus | null> {
  const key = keyOf(tabId);
  const stored = await browser.storage.session.get(key);
  return (stored[key] as PageStatus | undefined) ?? null;
}

export async function forgetPageStatus(tabId: number): Promise<void> {
  await browser.storage.session.remove([keyOf(tabId), frameKeyOf(tabId)]);
}

/** Calls back with the tab whose kept report changed (a page loaded, navigated or went away). */
export function onPageStatusChanged(listener: (tabId: number) => void): () => void {
  const onChanged = (changes: Record<string, unknown>) => {
    for (const key of Object.keys(changes)) {
      const tabId = STATUS_KEY.exec(key)?.[1];
      if (tabId) listener(Number(tabId));
    }
  };
  browser.storage.session.onChanged.addListener(onChanged);
  return () => browser.storage.session.onChanged.removeListener(onChanged);
}
