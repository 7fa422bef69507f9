import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { openDatabase } from '@/store/database';
import { callContent } from '@/runtime/message-client';
import { PizhuError } from '@/utils/errors';
import { forgetPageStatus } from '@/runtime/page-status-cache';
import { createNoteFrameRelay } from '@/runtime/note-frame-relay';
import { activateTab, clipTab, createBackgroundMessageHandler } from './handlers';
import { createIndexScheduler } from './index-scheduler';
import { syncUserSiteScripts } from './user-site-scripts';
import { createGroupSync } from './group-sync';
import { announceNotesChanged, openSidePanel } from '@/runtime/side-panel';

/** Messages after which the member's file has something new for the group. */
const EDITS = new Set([
  'annotation.save',
  'annotation.delete',
  'annotation.restore',
  'reply.save',
  'reply.delete',
  'library.changed',
]);
/** Messages after which a page's notes may read differently: the side panel reads them again. */
const NOTE_CHANGES = new Set([...EDITS, 'sync.run']);

const CLIP_MENU_ID = 'pizhu-clip';
const SIDE_PANEL_MENU_ID = 'pizhu-side-panel';

export default defineBackground(() => {
  const db = openDatabase();
  // Writes leave documents for the search index pending; fold them in once writing pauses.
  const index = createIndexScheduler(db);
  const indexLater = index.later;
  indexLater();
  const groupSync = createGroupSync(db, async () => {
    await index.now();
    announceNotesChanged();
  });
  const handle = createBackgroundMessageHandler(db, browser.runtime.id, browser.runtime.getURL('/'), groupSync.syncNow);

  // sendResponse + `return true` rather than a returned promise: it is what every browser supports.
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    void handle(message, sender).then((reply) => {
      sendResponse(reply);
      indexLater();
      const type = (message as { type?: unknown } | null)?.type;
      if (reply.ok && typeof type === 'string' && EDITS.has(type)) void groupSync.afterEdit();
      if (reply.ok && typeof type === 'string' && NOTE_CHANGES.has(type)) announceNotesChanged();
    });
    return true;
  });

  // Each page's tools and their note frame talk through here (see frame-messages.ts).
  const relayNoteFrame = createNoteFrameRelay(browser.runtime.id, browser.runtime.getURL('/note-frame.html'));
  browser.runtime.onConnect.addListener((port) => {
    if (!relayNoteFrame(port)) port.disconnect();
  });

  /** Clip from the shortcut or the context menu, and tell the reader on the page how it went. */
  const clipFromBrowser = async (tabId: number) => {
    try {
      await activateTab(tabId);
      await clipTab(db, tabId);
      indexLater();
      await callContent(tabId, 'page.notice', { event: 'clipped' });
    } catch (error) {
      const code = error instanceof PizhuError ? error.code : 'internal';
      await callContent(tabId, 'page.notice', { event: 'clip-failed', code }).catch(() =>
        console.warn('Pizhu: clip failed', error),
      );
    }
  };

  /** Opens the side panel in answer to the reader: nothing may be awaited before it. */
  const openNotesPanel = (tab: { id?: number; windowId?: number }) =>
    void openSidePanel(tab).catch((error) => console.warn('Pizhu: cannot open the side panel', error));

  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create({
      id: CLIP_MENU_ID,
      title: browser.i18n.getMessage('contextClip'),
      contexts: ['page', 'selection'],
    });
    browser.contextMenus.create({
      id: SIDE_PANEL_MENU_ID,
      title: browser.i18n.getMessage('contextSidePanel'),
      contexts: ['action'],
    });
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === CLIP_MENU_ID && tab?.id !== undefined) void clipFromBrowser(tab.id);
    if (info.menuItemId === SIDE_PANEL_MENU_ID && tab) openNotesPanel(tab);
  });

  browser.tabs.onRemoved.addListener((tabId) => void forgetPageStatus(tabId));
  // A tab that loads another page (or an error page, where no content script runs) no longer
  // shows what it last reported; the new page reports itself.
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status === 'loading') void forgetPageStatus(tabId);
  });

  browser.commands.onCommand.addListener(async (command, tab) => {
    if (command === 'open-side-panel') return openNotesPanel(tab ?? {});
    const tabId = tab?.id ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
    if (tabId === undefined) return;
    if (command === 'activate-page') {
      await activateTab(tabId).catch((error) => console.warn('Pizhu: cannot run here', error));
    } else if (command === 'clip-page') {
      await clipFromBrowser(tabId);
    } else if (command === 'highlight-selection') {
      await callContent(tabId, 'page.highlightSelection', {}).catch((error) =>
        console.warn('Pizhu: cannot highlight here', error),
      );
    }
  });

  const resync = () => void syncUserSiteScripts().catch((error) => console.error('Pizhu: site sync failed', error));
  browser.permissions.onAdded.addListener(resync);
  browser.permissions.onRemoved.addListener(resync);
  browser.runtime.onInstalled.addListener(resync);
  browser.runtime.onStartup.addListener(resync);
});
