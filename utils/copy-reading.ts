import type { Detection } from './detect/detect-article';
import type { PageLimit, PageLimitError } from './dom/page-limits';
import type { ArticleExtract } from './model/article';

/** What reading a copy of a page found: whether it is an article, its article, or the limit it hit. */
export interface CopyReading {
  detection: Detection;
  extract: ArticleExtract | null;
  stopped: PageLimit | null;
  /** What the request's `clip` asked for. */
  clipped?: ArticleExtract;
}

/**
 * What a clip or a citation asks of a copy besides its reading: the article's details (the page's
 * title and address where it cannot be read), or those with the reader's selection (its markup,
 * serialized on the page) or the whole page as the body.
 */
export interface ClipAsk {
  mode: 'details' | 'selection' | 'page';
  selection: string;
}

export interface PageHtml {
  /** The page's serialized document. */
  html: string;
  url: string;
  mustExtract: boolean;
  userSaysArticle: boolean;
  clip?: ClipAsk;
}

/** The reading of a page that stopped at a limit: no article, and why. */
export function stoppedReading(error: PageLimitError): CopyReading {
  return {
    detection: { isArticle: false, score: 0, reasons: [`${error.limit.kind}-limit`] },
    extract: null,
    stopped: error.limit,
  };
}
