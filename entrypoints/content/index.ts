import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { detectArticle, type Detection } from '@/utils/detect/detect-article';
import { extractArticle } from '@/utils/extract/extract-article';
import { ANALYSIS_LIMITS, checkPageSize, deadlineAfter, PageLimitError, type AnalysisLimits, type PageLimit } from '@/utils/dom/page-limits';
import { declobberedCopy } from '@/utils/dom/safe-dom';
import { callBackground } from '@/utils/message-client';
import { bareExtract, clipSelection, clipWholePage } from '@/utils/extract/clip-fallbacks';
import { t } from '@/utils/i18n/translate';
import { PizhuError, type ErrorCode } from '@/utils/errors';
import { classifySender, contentMessages, createMessageHandler } from '@/utils/messages';
import { metadataOf, oversizedPart, type ArticleExtract } from '@/utils/model/article';
import type { PageStatus } from '@/utils/model/page-status';
import { PORTAL_MATCH_PATTERNS } from '@/utils/portal-sites';
import { annotatePage } from './annotate-page';

const LOADED_FLAG = '__pizhuContentScript';
/** A page still loading after this long is read as it stands: some never finish. */
const LOADING_LIMIT_MS = 10_000;
const NOT_READ: Detection = { isArticle: false, score: 0, reasons: [] };

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

    let detection: Detection = NOT_READ;
    let extract: ArticleExtract | null = null;
    // A page that renders late is read again when asked after it changed.
    let extractStale = false;
    let userSaysArticle = false;
    let stopped: PageLimit | null = null;
    // Over even the looser limits: not tried again until the page changes.
    let stoppedWhenAsked = false;

    /**
     * Reads the page within the limits (looser when the user asked for it); over them, `stopped`
     * says why and nothing is kept.
     */
    const read = (limits: AnalysisLimits, mustExtract: boolean): void => {
      try {
        checkPageSize(document, limits);
        const deadline = deadlineAfter(limits.milliseconds);
        const copy = declobberedCopy(document);
        deadline.check();
        const detected = detectArticle(copy, location.href);
        detection = userSaysArticle ? { ...detected, isArticle: true, reasons: [...detected.reasons, 'user'] } : detected;
        extract = detection.isArticle || mustExtract ? extractArticle(copy, location.href, { window, deadline }) : null;
        stopped = null;
      } catch (error) {
        if (!(error instanceof PageLimitError)) throw error;
        detection = { ...NOT_READ, reasons: [`${error.limit.kind}-limit`] };
        extract = null;
        stopped = error.limit;
      }
      extractStale = false;
      stoppedWhenAsked = stopped !== null && limits === ANALYSIS_LIMITS.asked;
    };

    /** The article, read now if need be; a PizhuError when the page is beyond the limits. */
    const extractNow = (): ArticleExtract => {
      if (extractStale || (!extract && !stoppedWhenAsked)) read(ANALYSIS_LIMITS.asked, true);
      if (!extract) throw new PizhuError('page-too-complex', `stopped reading the page: ${stopped?.kind ?? 'unknown'} limit`);
      return extract;
    };

    /** What the user's own choice of text needs: the article's metadata, or just the page's title. */
    const extractOrBare = (): ArticleExtract => {
      try {
        return extractNow();
      } catch (error) {
        if (error instanceof PizhuError && error.code === 'page-too-complex') return bareExtract(document, location.href);
        throw error;
      }
    };

    const status = (): PageStatus => ({
      url: location.href,
      isArticle: detection.isArticle,
      score: detection.score,
      reasons: detection.reasons,
      metadata: extract && metadataOf(extract),
      stopped,
    });

    read(ANALYSIS_LIMITS.automatic, false);

    const annotating = annotatePage({
      onPageChanged: () => (extractStale = true),
      // Highlighting never waits on the detector: a page not read as an article (or not read at
      // all, over the limits) anchors its highlights in its body, or the CMS container it marks.
      articleText: () => (stopped || !detection.isArticle ? '' : extractNow().text),
      citation: () => {
        const { title, source, publishedText, publishedAt } = extractOrBare();
        return { title, source, publishedText, publishedAt, url: location.href };
      },
    });

    const handle = createMessageHandler(
      contentMessages,
      {
        'page.extract': ({ mode }) => {
          const extracted =
            mode === 'selection' ? clipSelection(extractOrBare(), document) : mode === 'page' ? clipWholePage(extractOrBare(), document) : extractNow();
          const tooLong = oversizedPart(extracted);
          if (tooLong) throw new PizhuError('page-too-long', `the ${tooLong} is longer than a clip may be`);
          return extracted;
        },
        'page.ping': () => status(),
        'page.treatAsArticle': () => {
          userSaysArticle = true;
          read(ANALYSIS_LIMITS.asked, true);
          if (stopped) throw new PizhuError('page-too-complex', `stopped reading the page: ${stopped.kind} limit`);
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
