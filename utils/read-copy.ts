import { detectArticle, type Detection } from './detect/detect-article';
import { readPage } from './extract/page-reading';
import { extractArticle } from './extract/extract-article';
import {
  checkPageSize,
  deadlineAfter,
  PageLimitError,
  type AnalysisLimits,
  type Deadline,
  type PageLimit,
} from './dom/page-limits';
import { declobberedCopy, queryAll } from './dom/safe-dom';
import type { ArticleExtract } from './model/article';
import { runToEnd, type Steps } from './schedule/slices';

/** What reading a copy of a page found: whether it is an article, its article, or the limit it hit. */
export interface CopyReading {
  detection: Detection;
  extract: ArticleExtract | null;
  stopped: PageLimit | null;
}

export interface CopyOptions {
  /** The window whose DOMPurify cleans the extracted HTML. */
  window: Window & typeof globalThis;
  deadline: Deadline;
  /** Extract even where detection says the page is no article (a clip, 仍按文章处理). */
  mustExtract: boolean;
  /** The reader said the page is an article. */
  userSaysArticle: boolean;
}

/** Detection, then extraction where wanted, of an unclobberable copy of a page, pausing between them. */
export function* readCopySteps(
  copy: Document,
  url: string,
  options: CopyOptions,
): Steps<Pick<CopyReading, 'detection' | 'extract'>> {
  const reading = readPage(copy);
  const detected = detectArticle(copy, url, reading);
  const detection = options.userSaysArticle
    ? { ...detected, isArticle: true, reasons: [...detected.reasons, 'user'] }
    : detected;
  yield;
  const extract =
    detection.isArticle || options.mustExtract
      ? extractArticle(copy, url, { window: options.window, deadline: options.deadline, reading })
      : null;
  return { detection, extract };
}

/** The reading of a page that stopped at a limit: no article, and why. */
export function stoppedReading(error: PageLimitError): CopyReading {
  return {
    detection: { isArticle: false, score: 0, reasons: [`${error.limit.kind}-limit`] },
    extract: null,
    stopped: error.limit,
  };
}

export interface PageHtml {
  /** The page's serialized document. */
  html: string;
  url: string;
  mustExtract: boolean;
  userSaysArticle: boolean;
}

/**
 * Reads a page from its serialized HTML, parsed in `window` (an offscreen document or a
 * background page): the same detection and extraction as on the live page, off its main thread.
 * Relative addresses resolve against the page's own address, as in the page.
 */
export function readPageHtml(page: PageHtml, window: Window & typeof globalThis, within: AnalysisLimits): CopyReading {
  try {
    const parsed = new window.DOMParser().parseFromString(page.html, 'text/html');
    const [base] = queryAll(parsed, 'base[href]');
    if (base) base.setAttribute('href', new URL(base.getAttribute('href') ?? '', page.url).href);
    else {
      const added = parsed.createElement('base');
      added.setAttribute('href', page.url);
      parsed.head.prepend(added);
    }
    checkPageSize(parsed, within);
    const deadline = deadlineAfter(within.milliseconds);
    const copy = declobberedCopy(parsed);
    const read = runToEnd(readCopySteps(copy, page.url, { ...page, window, deadline }), deadline);
    return { ...read, stopped: null };
  } catch (error) {
    if (error instanceof PageLimitError) return stoppedReading(error);
    throw error;
  }
}
