import type { Detection } from './detect/detect-article';
import { ANALYSIS_LIMITS, checkPageSize, PageLimitError, type AnalysisLimits, type PageLimit } from './dom/page-limits';
import { selectionMarkup } from './dom/page-markup';
import type { ClipMode } from './extract/clip-fallbacks';
import { PizhuError } from './errors';
import { metadataOf, oversizedPart, type ArticleExtract } from './model/article';
import type { PageStatus } from './model/page-status';
import type { CitationSource } from './annotate/citation';
import { stoppedReading, type ClipAsk, type CopyReading, type PageHtml } from './copy-reading';
import { PAGE_CLOCK, runInSlices, type SliceClock, type Steps } from './schedule/slices';

const NOT_READ: Detection = { isArticle: false, score: 0, reasons: [] };

export interface PageReaderOptions {
  document: Document;
  /** The page's address now (a single-page site changes it without a new document). */
  url(): string;
  limits?: { automatic: AnalysisLimits; asked: AnalysisLimits };
  /**
   * Reads a copy of the page away from its main thread (the extension origin): every read goes
   * there, on load, after the page changed and when the reader asks; the page only serializes
   * itself. Where it fails (the background unreachable) the page stays unread.
   */
  readElsewhere: (page: PageHtml, asked: boolean) => Promise<CopyReading>;
  /** The page's serialized document, for `readElsewhere`, in steps (see utils/dom/page-markup.ts). */
  serialize: () => Steps<string>;
}

/**
 * What the content script knows of its page, and when it reads it again. The page is read once
 * on load within the automatic limits, and only detected unless it is an article. Asked for more
 * (a clip, 仍按文章处理, a citation) it is read within the looser limits the user's request allows; a
 * page that changed since (late rendering) is read again then; a page over even those limits is
 * not tried again until it changes. Beyond the limits nothing is kept and `status().stopped` says
 * why. Detection and extraction never run on the page's thread: its copy is read elsewhere.
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

  /**
   * Reads the page's copy in the extension origin and keeps what it found. A clip carries the
   * whole page whatever its size (the copy is held to the limits where it is read), so that a
   * page over them still gives its selection or text with its title.
   */
  async function readAway(
    within: AnalysisLimits,
    mustExtract: boolean,
    clip?: ClipAsk,
    clock?: SliceClock,
  ): Promise<CopyReading> {
    try {
      if (!clip) checkPageSize(document, within);
      // Serializing (in slices) and sending (the browser copies the markup into the message) are tasks of their own.
      const html = (await runInSlices(options.serialize(), { clock })) ?? '';
      const page = { html, url: options.url(), mustExtract, userSaysArticle, clip };
      await (clock ?? PAGE_CLOCK).yieldToPage();
      const reading = await options.readElsewhere(page, within === limits.asked);
      keep(reading, within);
      return reading;
    } catch (error) {
      if (!(error instanceof PageLimitError)) throw error;
      const reading = stoppedReading(error);
      keep(reading, within);
      return reading;
    }
  }

  /** An asked read of the article, unless the one kept is still the page's. */
  async function readArticle(): Promise<void> {
    if (extractStale || (!extract && !stoppedWhenAsked)) await readAway(limits.asked, true);
  }

  /** What a clip or a citation keeps, read from a copy of the page as it is now. */
  async function clipped(mode: ClipAsk['mode']): Promise<ArticleExtract> {
    const selection = mode === 'selection' ? selectionMarkup(document) : '';
    const reading = await readAway(limits.asked, true, { mode, selection });
    if (!reading.clipped) throw new PizhuError('unreachable', 'the copy of the page gave no clip');
    return reading.clipped;
  }

  const tooComplex = () =>
    new PizhuError('page-too-complex', `stopped reading the page: ${stopped?.kind ?? 'unknown'} limit`);

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
    /** The read made unasked, on load, away from the page; a page whose copy cannot be read stays unread. */
    async readOnLoad(clock?: SliceClock): Promise<PageStatus> {
      try {
        await readAway(limits.automatic, false, undefined, clock);
      } catch (error) {
        console.warn('Pizhu: reading the page away from it failed', error);
      }
      return status();
    },
    /** The page's DOM changed: what was read may be out of date. */
    pageChanged(): void {
      extractStale = true;
    },
    /** What a clip keeps: the article, the selection or the whole page (with the article's metadata where it can be read). */
    async extract(mode: ClipMode = 'article'): Promise<ArticleExtract> {
      let extracted: ArticleExtract;
      if (mode === 'article') {
        await readArticle();
        if (!extract) throw tooComplex();
        extracted = extract;
      } else extracted = await clipped(mode);
      const tooLong = oversizedPart(extracted);
      if (tooLong) throw new PizhuError('page-too-long', `the ${tooLong} is longer than a clip may be`);
      return extracted;
    },
    /** The user says the page is an article: read it as one, within the looser limits. */
    async treatAsArticle(): Promise<PageStatus> {
      userSaysArticle = true;
      await readAway(limits.asked, true);
      if (stopped) throw tooComplex();
      return status();
    },
    /**
     * The article's text, to find its element on the page; '' where the page is not read as an
     * article (or not read at all): highlights are then anchored in the page's body.
     */
    articleText(): string {
      if (stopped || !detection.isArticle || !extract) return '';
      // Re-anchoring after the page changed must not wait for a read: the text read last finds the
      // article's element now, and the page is read again away from it for next time.
      if (extractStale && !rereading) {
        rereading = true;
        void readAway(limits.automatic, true)
          .catch((error) => console.warn('Pizhu: reading the page again failed', error))
          .finally(() => (rereading = false));
      }
      return extract.text;
    },
    /** Where a quote is from: the article's details, read when the page was not (its title where it cannot be). */
    async citation(): Promise<CitationSource> {
      await readArticle();
      const { title, source, publishedText, publishedAt } = extract ?? (await clipped('details'));
      return { title, source, publishedText, publishedAt, url: options.url() };
    },
  };
}

export type PageReader = ReturnType<typeof createPageReader>;
