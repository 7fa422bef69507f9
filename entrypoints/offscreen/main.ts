import { browser } from 'wxt/browser';
import { readCopyHere } from '@/runtime/page-copy-reader';
import { classifySender, createMessageHandler, offscreenMessages } from '@/utils/messages';

// Chromium's offscreen document: the DOM parser the background's service worker lacks. It answers
// only the background's own requests to read a page's copy; everything else is not its to answer.
const handle = createMessageHandler(
  offscreenMessages,
  { 'offscreen.read': (request) => readCopyHere(request) },
  (sender) => ({
    kind: classifySender(sender, browser.runtime.id, browser.runtime.getURL('/')),
    context: null,
  }),
);

browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if ((message as { type?: unknown } | null)?.type !== 'offscreen.read') return false;
  void handle(message, sender).then(sendResponse);
  return true;
});
