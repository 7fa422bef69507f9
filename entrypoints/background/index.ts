import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { openDatabase } from '@/utils/db/database';
import { backgroundMessages, classifySender, createMessageHandler } from '@/utils/messages';
import { callContent } from '@/utils/message-client';
import { activateTab, createBackgroundHandlers, type SenderContext } from './handlers';
import { forgetPageStatus } from './page-status-cache';
import { syncUserSiteScripts } from './user-site-scripts';

export default defineBackground(() => {
  const db = openDatabase();
  const extensionOrigin = browser.runtime.getURL('/');
  const handle = createMessageHandler(backgroundMessages, createBackgroundHandlers(db), (sender) => {
    const kind = classifySender(sender, browser.runtime.id, extensionOrigin);
    // Only a content script's tab is a page to ask; an extension page in a tab is not.
    const content = kind === 'content';
    const context: SenderContext = {
      tabId: content ? (sender.tab?.id ?? null) : null,
      pageUrl: content ? (sender.url ?? null) : null,
    };
    return { kind, context };
  });

  // sendResponse + `return true` rather than a returned promise: it is what every browser supports.
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    void handle(message, sender).then(sendResponse);
    return true;
  });

  browser.tabs.onRemoved.addListener((tabId) => void forgetPageStatus(tabId));

  browser.commands.onCommand.addListener(async (command, tab) => {
    const tabId = tab?.id ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
    if (tabId === undefined) return;
    if (command === 'activate-page') {
      await activateTab(tabId).catch((error) => console.warn('Pizhu: cannot run here', error));
    } else if (command === 'highlight-selection') {
      await callContent(tabId, 'page.highlightSelection', {}).catch((error) => console.warn('Pizhu: cannot highlight here', error));
    }
  });

  const resync = () => void syncUserSiteScripts().catch((error) => console.error('Pizhu: site sync failed', error));
  browser.permissions.onAdded.addListener(resync);
  browser.permissions.onRemoved.addListener(resync);
  browser.runtime.onInstalled.addListener(resync);
  browser.runtime.onStartup.addListener(resync);
});
