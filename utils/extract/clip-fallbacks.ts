import { queryAll, textContentOf } from '../dom/safe-dom';
import type { ArticleExtract } from '../model/article';
import { sanitizeHtml } from '../sanitize/sanitize-html';
import { normalizeSpace, stripSpace } from '../text/normalize-space';
import { readOutline } from './body/outline';
import { readPageLines } from './page-lines';

/**
 * For pages the extractor cannot read as an article, what the user may keep instead: the text
 * they selected, or the page's whole text. The page's metadata (title, dates, 来源) still comes
 * from the extractor's reading of the page around it.
 */
export type ClipMode = 'article' | 'selection' | 'page';

/** A body taken from the page, copied into an inert document where nothing loads or runs; cleaned by `window`'s DOMPurify. */
function withBody(
  base: ArticleExtract,
  window: Window & typeof globalThis,
  fill: (inert: Element) => void,
): ArticleExtract {
  const inert = window.document.implementation.createHTMLDocument('');
  const content = inert.createElement('div');
  fill(content);
  for (const element of content.querySelectorAll('script, style, noscript, template, iframe, object, embed'))
    element.remove();
  const text = readPageLines(content)
    .map((line) => line.text)
    .join('\n');
  return {
    ...base,
    text,
    html: sanitizeHtml(content.innerHTML, window),
    outline: readOutline(content),
    length: stripSpace(text).length,
  };
}

/**
 * The base for a page too large to be read for its metadata: its address and its `<title>`
 * (read from the element — an image named `title` shadows `document.title`).
 */
export function bareExtract(document: Document, url: string): ArticleExtract {
  const titleElement = queryAll(document, 'head > title')[0];
  const title = normalizeSpace((titleElement && textContentOf(titleElement)) ?? '').slice(0, 500) || url;
  return {
    url,
    canonicalUrl: null,
    title,
    publishedAt: null,
    publishedText: null,
    source: null,
    author: null,
    editor: null,
    siteName: null,
    column: null,
    lang: null,
    excerpt: '',
    text: '',
    html: '',
    outline: [],
    length: 0,
  };
}

/** The reader's selection, as markup serialized on the page (`utils/dom/selection-markup.ts`), as the body. */
export function clipMarkup(base: ArticleExtract, markup: string, window: Window & typeof globalThis): ArticleExtract {
  return withBody(base, window, (content) => {
    // An inert document: nothing in the markup loads or runs as it is parsed.
    content.innerHTML = markup;
  });
}

export function clipWholePage(
  base: ArticleExtract,
  document: Document,
  window: Window & typeof globalThis,
): ArticleExtract {
  return withBody(base, window, (content) => {
    if (document.body) content.append(content.ownerDocument.importNode(document.body, true));
  });
}
