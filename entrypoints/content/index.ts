import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { detectArticle, type Detection } from '@/utils/detect/detect-article';
import { extractArticle } from '@/utils/extract/extract-article';
import { declobberedCopy } from '@/utils/dom/safe-dom';
import { callBackground } from '@/utils/message-client';
import { clipSelection, clipWholePage } from '@/utils/extract/clip-fallbacks';
import { t } from '@/utils/i18n/translate';
import { classifySender, contentMessages, createMessageHandler, PizhuError, type ErrorCode } from '@/utils/messages';
import { metadataOf, type ArticleExtract } from '@/utils/model/article';
import type { PageStatus } from '@/utils/model/page-status';
import { PORTAL_MATCH_PATTERNS } from '@/utils/portal-sites';
import { annotatePage } from './annotate-page';

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
  async main() {
    // The toolbar can inject this script into a tab where the manifest already did; run once.
    // This global lives in the content script's isolated world, which the page cannot write to.
    const world = globalThis as unknown as Record<string, boolean>;
    if (world[LOADED_FLAG]) return;
    world[LOADED_FLAG] = true;
    await documentReadable();

    let detection: Detection = detectArticle(declobberedCopy(document), location.href);
    let extract: ArticleExtract | null = null;
    // A page that renders late is read again when asked after it changed.
    let extractStale = false;

    const extractNow = (): ArticleExtract => {
      if (!extract || extractStale) extract = extractArticle(declobberedCopy(document), location.href, { window });
      extractStale = false;
      return extract;
    };

    const status = (): PageStatus => ({
      url: location.href,
      isArticle: detection.isArticle,
      score: detection.score,
      reasons: detection.reasons,
      metadata: extract && metadataOf(extract),
    });

    if (detection.isArticle) extractNow();

    const annotating = annotatePage({
      onPageChanged: () => (extractStale = true),
      isArticle: () => detection.isArticle,
      articleText: () => extractNow().text,
      citation: () => {
        const { title, source, publishedText, publishedAt } = extractNow();
        return { title, source, publishedText, publishedAt, url: location.href };
      },
    });

    const handle = createMessageHandler(
      contentMessages,
      {
        'page.extract': ({ mode }) => {
          const article = extractNow();
          if (mode === 'selection') return clipSelection(article, document);
          if (mode === 'page') return clipWholePage(article, document);
          return article;
        },
        'page.ping': () => status(),
        'page.treatAsArticle': () => {
          extractNow();
          detection = { ...detection, isArticle: true, reasons: [...detection.reasons, 'user'] };
          return status();
        },
        'page.highlightSelection': () => {
          annotating.highlightSelection();
          return null;
        },
        'page.notice': (notice) => {
          if (notice.event === 'clipped') annotating.notify(t('noticeClipped'));
          else annotating.reportError(new PizhuError(notice.code as ErrorCode, 'clip failed'));
          return null;
        },
      },
      (sender) => ({ kind: classifySender(sender, browser.runtime.id, browser.runtime.getURL('/')), context: null }),
    );
    browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
      void handle(message, sender).then(sendResponse);
      return true;
    });

    void callBackground('page.report', status()).catch((error) => console.warn('Pizhu: report failed', error));
  },
});
