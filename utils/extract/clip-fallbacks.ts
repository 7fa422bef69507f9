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

/** A body taken from the page, copied into an inert document where nothing loads or runs. */
function withBody(base: ArticleExtract, document: Document, fill: (inert: Element) => void): ArticleExtract {
  const inert = document.implementation.createHTMLDocument('');
  const content = inert.createElement('div');
  fill(content);
  for (const element of content.querySelectorAll('script, style, noscript, template, iframe, object, embed'))
    element.remove();
  const text = readPageLines(content)
    .map((line) => line.text)
    .join('\n');
  const window = document.defaultView as (Window & typeof globalThis) | null;
  return {
    ...base,
    text,
    html: window ? sanitizeHtml(content.innerHTML, window) : '',
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

export function clipSelection(base: ArticleExtract, document: Document): ArticleExtract {
  const selection = document.getSelection();
  return withBody(base, document, (content) => {
    for (let index = 0; index < (selection?.rangeCount ?? 0); index++) {
      content.append(content.ownerDocument.importNode(selection!.getRangeAt(index).cloneContents(), true));
    }
  });
}

export function clipWholePage(base: ArticleExtract, document: Document): ArticleExtract {
  return withBody(base, document, (content) => {
    if (document.body) content.append(content.ownerDocument.importNode(document.body, true));
  });
}
