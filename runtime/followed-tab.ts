import { browser, type Browser } from 'wxt/browser';
import type { PageStatus } from '@/utils/model/page-status';
import { onPageStatusChanged, recallPageStatus } from './page-status-cache';

/** The tab the side panel speaks about, and its page's last report (null where Pizhu does not run). */
export interface FollowedTab {
  tabId: number;
  status: PageStatus | null;
}

/**
 * Follows the active tab: in the side panel, of the panel's own window; opened in a tab of its own,
 * the tab last made active in any window that is not one of Pizhu's pages. The page's address comes
 * from its content script's report, so following needs no `tabs` permission; a navigation or a page
 * gone is a new report. Calls back at once and on every change; returns the way to stop.
 */
export function followActiveTab(onTab: (tab: FollowedTab | null) => void): () => void {
  const ownPages = browser.runtime.getURL('/');
  let windowId: number | null = null;
  /** This page's own tab, when it is opened in one. */
  let ownTab: number | null = null;
  let tabId: number | null = null;
  let stopped = false;
  let asked = 0;

  const show = async (id: number | null) => {
    const mine = ++asked;
    tabId = id;
    const status = id === null ? null : await recallPageStatus(id).catch(() => null);
    if (!stopped && mine === asked) onTab(id === null ? null : { tabId: id, status });
  };
  // Browsers show an extension the address of its own pages only; this page's tab is known anyway.
  const isOwnPage = (tab: Browser.tabs.Tab) => tab.id === ownTab || Boolean(tab.url?.startsWith(ownPages));
  const onActivated = ({ tabId: id, windowId: inWindow }: { tabId: number; windowId: number }) => {
    if (windowId !== null && inWindow !== windowId) return;
    void browser.tabs.get(id).then(
      (tab) => {
        if (!isOwnPage(tab)) void show(id);
      },
      () => undefined,
    );
  };
  const stopWatching = onPageStatusChanged((id) => {
    if (id === tabId) void show(id);
  });
  browser.tabs.onActivated.addListener(onActivated);

  void (async () => {
    // A side panel (or Firefox's sidebar) is in no tab; a page opened in a tab is in one.
    const inTab = await browser.tabs.getCurrent();
    ownTab = inTab?.id ?? null;
    if (!inTab) windowId = (await browser.windows.getCurrent()).id ?? null;
    const active = await browser.tabs.query(windowId === null ? { active: true } : { active: true, windowId });
    const first = active.find((tab) => tab.id !== undefined && !isOwnPage(tab));
    if (tabId === null) await show(first?.id ?? null);
  })();

  return () => {
    stopped = true;
    stopWatching();
    browser.tabs.onActivated.removeListener(onActivated);
  };
}
