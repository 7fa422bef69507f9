import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { callBackground } from '@/runtime/message-client';
import { t } from '@/runtime/translate';
import { PizhuError, type ErrorCode } from '@/utils/errors';
import { classifySender, contentMessages, createMessageHandler } from '@/utils/messages';
import { createPageReader } from '@/utils/page-reader';
import { PORTAL_MATCH_PATTERNS } from '@/utils/portal-sites';
import { whenPageIdle, yieldToPage } from '@/utils/schedule/slices';
import { startLivePageTools } from './live-page-tools';
import { runsInThisFrame } from '@/utils/dom/same-origin-frames';
import { documentMarkupSteps } from '@/utils/dom/page-markup';
import { listenForOwnCopy } from '@/components/own-copy';
import { listenForBlockedSelection } from '@/components/page-tools/selection-freedom';
import { noteEarlySelection } from '@/components/page-tools/page-listeners';
import { freeSelectionSitesSetting, rememberFreeSelection } from '@/runtime/user-settings';

const LOADED_FLAG = '__pizhuContentScript';
/** A page still loading after this long is read as it stands: some never finish. */
const LOADING_LIMIT_MS = 10_000;

/**
 * Waits for the page's DOM (DOMContentLoaded), or for the limit on a page whose response never
 * ends — injected at document_idle, such a page would never get the content script at all.
 */
function documentReadable(): Promise<void> {
  if (document.readyState !== 'loading') return Promise.resolve();
  return new Promise((done) => {
    document.addEventListener('DOMContentLoaded', () => done(), { once: true });
    setTimeout(done, LOADING_LIMIT_MS);
  });
}

export default defineContentScript({
  matches: [...PORTAL_MATCH_PATTERNS],
  runAt: 'document_start',
  // Same-origin frames hold the article on older portals; main() leaves other frames alone.
  allFrames: true,
  async main() {
    if (!runsInThisFrame(window)) return;
    // The toolbar can inject this script into a tab where the manifest already did; run once.
    // This global lives in the content script's isolated world, which the page cannot write to.
    const world = globalThis as unknown as Record<string, boolean>;
    if (world[LOADED_FLAG]) return;
    world[LOADED_FLAG] = true;
    // Before any script of the page's: these listeners must be the first on every event's path.
    const ownCopy = listenForOwnCopy(window);
    const freedom = listenForBlockedSelection(window);
    const selectedEarly = noteEarlySelection(window);
    const site = location.hostname;
    const follow = (sites: string[]) => (sites.includes(site) ? freedom.turnOn() : freedom.turnOff());
    void freeSelectionSitesSetting.getValue().then(follow);
    // Turned on or off from the popup or the options page: the open page follows.
    freeSelectionSitesSetting.watch(follow);
    const selection = { freedom, remember: (on: boolean) => void rememberFreeSelection(site, on) };
    await documentReadable();
    // Not inside the page's DOMContentLoaded task: Pizhu reads the page once the page is idle, in
    // steps that each give the page its turn.
    await whenPageIdle();

    // The page only serializes itself; the background reads the copy in the extension origin.
    const reader = createPageReader({
      document,
      url: () => location.href,
      serialize: () => documentMarkupSteps(document),
      readElsewhere: (page, asked) => callBackground('page.read', { ...page, asked }),
    });
    await reader.readOnLoad();
    // Highlighting never waits on the detector: a page not read as an article (or not read at
    // all, over the limits) anchors its highlights in its body, or the CMS container it marks.
    // Each in a task of its own: the browser loads the extension's messages on the first one asked
    // for (tens of milliseconds), and the tools are mounted after.
    await yieldToPage();
    t('extName');
    await yieldToPage();
    const tools = await startLivePageTools(reader, { ownCopy, selection, selectedEarly });

    const handle = createMessageHandler(
      contentMessages,
      {
        'page.extract': ({ mode }) => reader.extract(mode),
        'page.ping': () => reader.status(),
        'page.treatAsArticle': () => reader.treatAsArticle(),
        'page.highlightSelection': () => {
          tools.highlightSelection();
          return null;
        },
        'page.notice': (notice) => {
          if (notice.event === 'clipped') tools.notify(t('noticeClipped'));
          else tools.reportError(new PizhuError(notice.code as ErrorCode, 'clip failed'));
          return null;
        },
        'page.act': (action) => {
          tools.act(action);
          return null;
        },
      },
      (sender) => ({ kind: classifySender(sender, browser.runtime.id, browser.runtime.getURL('/')), context: null }),
    );
    browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
      void handle(message, sender).then(sendResponse);
      return true;
    });

    void callBackground('page.report', reader.status()).catch((error) => console.warn('Pizhu: report failed', error));
  },
});
