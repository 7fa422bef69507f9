import { NO_DEADLINE, type Deadline } from '../dom/page-limits';
import type { ArticleExtract } from '../model/article';
import { sanitizeHtml } from '../sanitize/sanitize-html';
import { normalizeSpace, stripSpace } from '../text/normalize-space';
import { cleanExtractedBody, removeChromeBlocks } from './body/clean-body';
import { isChromeLine } from './body/portal-chrome';
import { findBodyContainer } from './body/cms-containers';
import { readOutline } from './body/outline';
import { readabilityWithin } from './body/readability-within';
import { readArticleMetadata } from './metadata/article-metadata';
import { metaValue } from './metadata/meta-tags';
import { findTitle } from './metadata/title';
import { readPageLines } from './page-lines';
import { readPage, type PageReading } from './page-reading';
import { familyBodySelectors, siteFamiliesFor } from './site-families';
import { checkPersonNames, checkPublishedIso, checkTitle } from './metadata/field-checks';

export interface ExtractOptions {
  /** Skip sanitizing the HTML (for measurements of the text alone); never for stored articles. */
  skipHtml?: boolean;
  /** The window whose DOMPurify sanitizes the HTML, for a document that has none (a detached copy). */
  window?: Window & typeof globalThis;
  /** Checked between steps and inside Readability; throws a PageLimitError once passed. */
  deadline?: Deadline;
  /** The page's meta tags and lines when the detector read them already. */
  reading?: PageReading;
  /**
   * A site's domain whose site-family entries are switched off: the benchmark's leave-one-site-out
   * score, which reads each site's pages with nothing learnt from that site.
   */
  leaveOutSite?: string;
  /** When the page was read (ms since the epoch): a 发布时间 after it is no date. Now, when absent. */
  readAt?: number;
}

/**
 * Extracts a portal article: Readability on a cleaned clone for the body, portal rules before
 * and after it, and metadata read from the page around the body. Pure DOM code: it runs in the
 * content script on the live page and in Node on a parsed file alike.
 */
export function extractArticle(document: Document, url: string, options: ExtractOptions = {}): ArticleExtract {
  const deadline = options.deadline ?? NO_DEADLINE;
  const reading = options.reading ?? readPage(document);
  const { meta } = reading;
  const lines = reading.lines();
  const title = checkTitle(findTitle(document, meta, lines).title);
  deadline.check();

  // A CMS body container is the body the site itself marks; only that subtree is copied (into an
  // inert document, where nothing loads or runs). Readability on a clone of the whole page is
  // the fallback.
  const families = siteFamiliesFor(url, options.leaveOutSite);
  const container = findBodyContainer(document, familyBodySelectors(families));
  let readable: ReturnType<typeof readabilityWithin> = null;
  let content: Element | null = null;
  if (container) {
    content = document.implementation.createHTMLDocument('').importNode(container, true);
    removeChromeBlocks(content);
  } else {
    const clone = document.cloneNode(true) as Document;
    removeChromeBlocks(clone.body ?? clone);
    deadline.check();
    readable = readabilityWithin(clone, deadline);
    content = readable?.content ?? null;
  }
  deadline.check();
  if (content) cleanExtractedBody(content, title);

  // Chrome the DOM clean-up could not reach (a bare text line between blocks) goes here.
  const bodyLines = content
    ? readPageLines(content)
        .map((line) => line.text)
        .filter((line) => !isChromeLine(line))
    : [];
  const metadata = readArticleMetadata({
    document,
    url,
    meta,
    title,
    lines,
    bodyLines,
    families,
    readAt: options.readAt ?? Date.now(),
  });
  const publishedAt = checkPublishedIso(metadata.published?.iso, options.readAt ?? Date.now(), {
    labelled: metadata.publishedLabelled,
  });
  const bodyText = bodyLines.filter((line) => !metadata.removableBodyLines.has(line)).join('\n');
  deadline.check();
  const window = options.window ?? (document.defaultView as (Window & typeof globalThis) | null);
  const html = !options.skipHtml && content && window ? sanitizeHtml(content.innerHTML, window) : '';

  return {
    url,
    canonicalUrl: metadata.canonicalUrl,
    title,
    publishedAt,
    publishedText: publishedAt && metadata.publishedShown ? (metadata.published?.text ?? null) : null,
    source: metadata.source,
    author: metadata.author ?? checkPersonNames(latinByline(readable?.byline, bodyText)),
    editor: metadata.editor,
    siteName: metadata.siteName,
    column: metadata.column,
    lang: metadata.lang,
    excerpt: normalizeSpace(readable?.excerpt ?? metaValue(meta, 'description') ?? '') || bodyText.slice(0, 160),
    text: bodyText,
    html,
    outline: content ? readOutline(content) : [],
    length: stripSpace(bodyText).length,
  };
}

/**
 * Readability's byline for pages not in Chinese, where it is reliable; on Chinese portals it
 * usually picks the 责任编辑, so it is not used there.
 */
function latinByline(byline: string | null | undefined, text: string): string | null {
  if (!byline) return null;
  const cjk = text.match(/[\u4e00-\u9fa5]/g)?.length ?? 0;
  if (cjk > text.length * 0.1) return null;
  const name = normalizeSpace(byline).replace(/^(?:by|von|par|por)\s+/i, '');
  return name.length > 0 && name.length <= 80 ? name : null;
}
