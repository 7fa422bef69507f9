import { detectArticle } from './detect/detect-article';
import { stoppedReading, type ClipAsk, type CopyReading, type PageHtml } from './copy-reading';
import { readPage } from './extract/page-reading';
import { extractArticle } from './extract/extract-article';
import { checkPageSize, deadlineAfter, PageLimitError, type AnalysisLimits, type Deadline } from './dom/page-limits';
import { declobberedCopy, queryAll } from './dom/safe-dom';
import { bareExtract, clipMarkup, clipWholePage } from './extract/clip-fallbacks';
import { runToEnd, type Steps } from './schedule/slices';

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

/** The clip a copy's reading gives: what a read article keeps, else what the bare page does. */
function clipOf(
  ask: ClipAsk,
  reading: CopyReading,
  parsed: Document,
  page: PageHtml,
  window: Window & typeof globalThis,
) {
  const base = reading.extract ?? bareExtract(parsed, page.url);
  if (ask.mode === 'selection') return clipMarkup(base, ask.selection, window);
  return ask.mode === 'page' ? clipWholePage(base, parsed, window) : base;
}

/**
 * Reads a page from its serialized HTML, parsed in `window` (an offscreen document or a
 * background page): the same detection and extraction as on the live page, off its main thread.
 * Relative addresses resolve against the page's own address, as in the page.
 */
export function readPageHtml(page: PageHtml, window: Window & typeof globalThis, within: AnalysisLimits): CopyReading {
  const parsed = new window.DOMParser().parseFromString(page.html, 'text/html');
  const reading = readParsed(parsed, page, window, within);
  return page.clip ? { ...reading, clipped: clipOf(page.clip, reading, parsed, page, window) } : reading;
}

function readParsed(
  parsed: Document,
  page: PageHtml,
  window: Window & typeof globalThis,
  within: AnalysisLimits,
): CopyReading {
  try {
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
    const { mustExtract, userSaysArticle } = page;
    const read = runToEnd(readCopySteps(copy, page.url, { mustExtract, userSaysArticle, window, deadline }), deadline);
    return { ...read, stopped: null };
  } catch (error) {
    if (error instanceof PageLimitError) return stoppedReading(error);
    throw error;
  }
}
