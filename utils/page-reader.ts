import type { Detection } from './detect/detect-article';
import {
  ANALYSIS_LIMITS,
  checkPageSize,
  deadlineAfter,
  PageLimitError,
  type AnalysisLimits,
  type PageLimit,
} from './dom/page-limits';
import { declobberedCopy } from './dom/safe-dom';
import { bareExtract, clipSelection, clipWholePage, type ClipMode } from './extract/clip-fallbacks';
import { PizhuError } from './errors';
import { metadataOf, oversizedPart, type ArticleExtract } from './model/article';
import type { PageStatus } from './model/page-status';
import type { CitationSource } from './annotate/citation';
import { readCopySteps, stoppedReading, type CopyReading, type PageHtml } from './read-copy';
import { PAGE_CLOCK, runInSlices, runToEnd, type SliceClock, type Steps } from './schedule/slices';

const NOT_READ: Detection = { isArticle: false, score: 0, reasons: [] };

export interface PageReaderOptions {
  document: Document;
  /** The page's address now (a single-page site changes it without a new document). */
  url(): string;
  /** The window whose DOMPurify cleans the extracted HTML. */
  window: Window & typeof globalThis;
  limits?: { automatic: AnalysisLimits; asked: AnalysisLimits };
  /** The clock the reading deadline runs on. */
  now?: () => number;
  /**
   * Reads a copy of the page away from its main thread (the extension origin); the read on load
   * and the re-reads after the page changed go there, the page only serializes itself. Where it
   * fails (the background unreachable), the page is read on its own thread in slices.
   */
  readElsewhere?: (page: PageHtml, asked: boolean) => Promise<CopyReading>;
  /** The page's serialized document, for `readElsewhere`. */
  serialize?: () => string;
}

/**
 * What the content script knows of its page, and when it reads it again. The page is read once
 * on load within the automatic limits, and only detected unless it is an article. Asked for more
 * (a clip, 仍按文章处理, the text to anchor in) it is read within the looser limits the user's
 * request allows; a page that changed since (late rendering) is read again then; a page over even
 * those limits is not tried again until it changes. Beyond the limits nothing is kept and
 * `status().stopped` says why.
 */
export function createPageReader(options: PageReaderOptions) {
  const { document } = options;
  const limits = options.limits ?? ANALYSIS_LIMITS;
  let detection: Detection = NOT_READ;
  let extract: ArticleExtract | null = null;
  let extractStale = false;
  let userSaysArticle = false;
  let stopped: PageLimit | null = null;
  let stoppedWhenAsked = false;
  let rereading = false;

  function keep(reading: CopyReading, within: AnalysisLimits): void {
    ({ detection, extract, stopped } = reading);
    extractStale = false;
    stoppedWhenAsked = stopped !== null && within === limits.asked;
  }

  /** Reads the page, pausing between its steps (copying, detecting, extracting: see slices.ts). */
  function* readSteps(within: AnalysisLimits, mustExtract: boolean): Steps<void> {
    let reading: CopyReading;
    try {
      checkPageSize(document, within);
      const deadline = deadlineAfter(within.milliseconds, options.now);
      yield;
      const copy = declobberedCopy(document);
      deadline.check();
      yield;
      const read = yield* readCopySteps(copy, options.url(), {
        window: options.window,
        deadline,
        mustExtract,
        userSaysArticle,
      });
      reading = { ...read, stopped: null };
    } catch (error) {
      if (!(error instanceof PageLimitError)) throw error;
      reading = stoppedReading(error);
    }
    keep(reading, within);
  }

  /** Reads the page in the extension origin, else on the page's thread in slices. */
  async function readAway(within: AnalysisLimits, mustExtract: boolean, clock?: SliceClock): Promise<void> {
    const { readElsewhere, serialize } = options;
    if (readElsewhere && serialize) {
      try {
        checkPageSize(document, within);
        const page = { html: serialize(), url: options.url(), mustExtract, userSaysArticle };
        // Serializing and sending (the browser copies the markup into the message) are tasks of their own.
        await (clock ?? PAGE_CLOCK).yieldToPage();
        keep(await readElsewhere(page, within === limits.asked), within);
        return;
      } catch (error) {
        if (error instanceof PageLimitError) return keep(stoppedReading(error), within);
        console.warn('Pizhu: reading the page away from it failed; reading it here', error);
      }
    }
    await runInSlices(readSteps(within, mustExtract), { clock, sliceMs: 0 });
  }
  const read = (within: AnalysisLimits, mustExtract: boolean): void => runToEnd(readSteps(within, mustExtract));

  const tooComplex = () =>
    new PizhuError('page-too-complex', `stopped reading the page: ${stopped?.kind ?? 'unknown'} limit`);

  /** The article, read now if need be; a PizhuError when the page is beyond the limits. */
  const extractNow = (): ArticleExtract => {
    if (extractStale || (!extract && !stoppedWhenAsked)) read(limits.asked, true);
    if (!extract) throw tooComplex();
    return extract;
  };

  /** What the user's own choice of text needs: the article's metadata, or just the page's title. */
  const extractOrBare = (): ArticleExtract => {
    try {
      return extractNow();
    } catch (error) {
      if (error instanceof PizhuError && error.code === 'page-too-complex') return bareExtract(document, options.url());
      throw error;
    }
  };

  const status = (): PageStatus => ({
    url: options.url(),
    isArticle: detection.isArticle,
    score: detection.score,
    reasons: detection.reasons,
    metadata: extract && metadataOf(extract),
    stopped,
  });

  return {
    status,
    /** The read made unasked, on load: in steps that each give the page its turn after them. */
    async readOnLoad(clock?: SliceClock): Promise<PageStatus> {
      await readAway(limits.automatic, false, clock);
      return status();
    },
    /** The page's DOM changed: what was read may be out of date. */
    pageChanged(): void {
      extractStale = true;
    },
    /** What a clip keeps: the article, the selection or the whole page (with the article's metadata where it can be read). */
    extract(mode: ClipMode = 'article'): ArticleExtract {
      const extracted =
        mode === 'selection'
          ? clipSelection(extractOrBare(), document)
          : mode === 'page'
            ? clipWholePage(extractOrBare(), document)
            : extractNow();
      const tooLong = oversizedPart(extracted);
      if (tooLong) throw new PizhuError('page-too-long', `the ${tooLong} is longer than a clip may be`);
      return extracted;
    },
    /** The user says the page is an article: read it as one, within the looser limits. */
    treatAsArticle(): PageStatus {
      userSaysArticle = true;
      read(limits.asked, true);
      if (stopped) throw tooComplex();
      return status();
    },
    /**
     * The article's text, to find its element on the page; '' where the page is not read as an
     * article (or not read at all): highlights are then anchored in the page's body.
     */
    articleText(): string {
      if (stopped || !detection.isArticle) return '';
      if (!extract || !options.readElsewhere) return extractNow().text;
      // Re-anchoring after the page changed must not read it again on its thread: the text read
      // last finds the article's element now, and the page is read again away from it for next time.
      if (extractStale && !rereading) {
        rereading = true;
        void readAway(limits.automatic, true).finally(() => (rereading = false));
      }
      return extract.text;
    },
    citation(): CitationSource {
      const { title, source, publishedText, publishedAt } = extractOrBare();
      return { title, source, publishedText, publishedAt, url: options.url() };
    },
  };
}

export type PageReader = ReturnType<typeof createPageReader>;
