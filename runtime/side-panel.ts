import { browser } from 'wxt/browser';

/** The two browsers' side panels: Chromium's `sidePanel`, Firefox's `sidebarAction`. */
interface SidePanelApis {
  sidePanel?: { open(options: { tabId: number } | { windowId: number }): Promise<void> };
  sidebarAction?: { open(): Promise<void> };
}

/**
 * Opens Pizhu's side panel next to a tab. Both browsers open it only in answer to the user (a
 * click, a shortcut, a menu item), so it is called before anything is awaited in that answer.
 */
export function openSidePanel(tab: { id?: number; windowId?: number }): Promise<void> {
  const apis = browser as unknown as SidePanelApis;
  if (apis.sidebarAction) return apis.sidebarAction.open();
  if (!apis.sidePanel) return Promise.reject(new Error('this browser has no side panel'));
  if (tab.id !== undefined) return apis.sidePanel.open({ tabId: tab.id });
  if (tab.windowId !== undefined) return apis.sidePanel.open({ windowId: tab.windowId });
  return Promise.reject(new Error('no tab to open the side panel next to'));
}

const NOTES_CHANGED = 'pizhu-notes-changed';

/**
 * Tells the extension's pages (the side panel) that notes changed. A broadcast, not a request of
 * the message protocol: content scripts never hear runtime messages, and no page answers it.
 */
export function announceNotesChanged(): void {
  browser.runtime.sendMessage({ type: NOTES_CHANGED }).catch(() => {
    // No extension page is open to hear it.
  });
}

/** Calls back when the background says notes changed (never answering: the background answers requests). */
export function onNotesChanged(listener: () => void): () => void {
  const onMessage = (message: unknown, sender: { id?: string }) => {
    if (sender.id === browser.runtime.id && (message as { type?: unknown } | null)?.type === NOTES_CHANGED) listener();
  };
  browser.runtime.onMessage.addListener(onMessage);
  return () => browser.runtime.onMessage.removeListener(onMessage);
}
