import { readMetaTags, type MetaTags } from './metadata/meta-tags';
import { readPageLines, type PageLine } from './page-lines';

/**
 * What the detector and the extractor both read off a page, read once for the two of them: the
 * page's lines are a walk over the whole body, and on a page read for both it was walked twice.
 * Only for a document that does not change in between (the content script reads a copy).
 */
export interface PageReading {
  meta: MetaTags;
  /** The body's lines, walked on first use. */
  lines(): readonly PageLine[];
}

export function readPage(document: Document): PageReading {
  let lines: readonly PageLine[] | undefined;
  return {
    meta: readMetaTags(document),
    lines: () => (lines ??= document.body ? readPageLines(document.body) : []),
  };
}
