import { Readability } from '@mozilla/readability';
import type { ArticleExtract } from '../model/article';
import { sanitizeHtml } from '../sanitize/sanitize-html';
import { normalizeSpace, stripSpace } from '../text/normalize-space';
import { cleanExtractedBody, removeChromeBlocks } from './body/clean-body';
import { isChromeLine } from './body/portal-chrome';
import { findBodyContainer } from './body/cms-containers';
import { readOutline } from './body/outline';
import { readArticleMetadata } from './metadata/article-metadata';
import { readMetaTags } from './metadata/meta-tags';
import { findTitle } from './metadata/title';
import { readPageLines } from './page-lines';

export interface ExtractOptions {
  /** Skip sanitizing the HTML (for measurements of the text alone); never for stored articles. */
  skipHtml?: boolean;
}

/**
 * Extracts a portal article: Readability on a cleaned clone for the body, portal rules before
 * and after it, and metadata read from the page around the body. Pure DOM code: it runs in the
 * content script on the live page and in Node on a parsed file alike.
 */
export function extractArticle(document: Document, url: string, options: ExtractOptions = {}): ArticleExtract {
  const meta = readMetaTags(document);
  const { title } = findTitle(document, meta);
  const lines = document.body ? readPageLines(document.body) : [];

  const clone = document.cloneNode(true) as Document;
  removeChromeBlocks(clone.body ?? clone);
  // A CMS body container, when the page has one, is what Readability should look at.
  const container = findBodyContainer(clone);
  const readable = new Readability(clone, { charThreshold: 100, serializer: (node: Node) => node as Element }).parse();
  let content = (readable?.content as unknown as Element | undefined) ?? null;
  if (container && (!content || !stripSpace(container.textContent ?? '').length || coversLess(content, container))) {
    content = container;
  }
  if (content) cleanExtractedBody(content, title);

  // Chrome the DOM clean-up could not reach (a bare text line between blocks) goes here.
  const bodyLines = content ? readPageLines(content).map((line) => line.text).filter((line) => !isChromeLine(line)) : [];
  const metadata = readArticleMetadata({ document, url, meta, title, lines, bodyLines });
  const bodyText = bodyLines.filter((line) => !metadata.removableBodyLines.has(line)).join('\n');
  const window = document.defaultView as (Window & typeof globalThis) | null;
  const html = !options.skipHtml && content && window ? sanitizeHtml(content.innerHTML, window) : '';

  return {
    url,
    canonicalUrl: metadata.canonicalUrl,
    title,
    publishedAt: metadata.published?.iso ?? null,
    publishedText: metadata.published?.text ?? null,
    source: metadata.source,
    author: metadata.author,
    editor: metadata.editor,
    siteName: metadata.siteName,
    column: metadata.column,
    lang: metadata.lang,
    excerpt: normalizeSpace(readable?.excerpt ?? '') || bodyText.slice(0, 160),
    text: bodyText,
    html,
    outline: content ? readOutline(content) : [],
    length: stripSpace(bodyText).length,
  };
}

/** True when Readability's pick holds clearly less of the CMS container's text than the container itself. */
function coversLess(content: Element, container: Element): boolean {
  const picked = stripSpace(content.textContent ?? '').length;
  const whole = stripSpace(container.textContent ?? '').length;
  return picked < whole * 0.7;
}
