import { JSDOM, VirtualConsole } from 'jsdom';
import { detectArticle, type Detection } from '../../utils/detect/detect-article';
import { decodeHtml } from '../../utils/extract/decode-html';
import { extractArticle } from '../../utils/extract/extract-article';
import { readPage } from '../../utils/extract/page-reading';
import type { ArticleExtract } from '../../utils/model/article';

/** Where a page read from a file claims to live when no address is given. */
export const DEFAULT_FILE_URL = 'https://example.invalid/article.html';

/** Parses saved HTML with jsdom (no scripts, no network) into a document at `url`. */
export function parseHtml(html: string, url = DEFAULT_FILE_URL): Document {
  // Pages' own console noise (CSS jsdom cannot parse) stays out of our output.
  const virtualConsole = new VirtualConsole();
  return new JSDOM(html, { url, virtualConsole }).window.document;
}

/**
 * Parses saved HTML, hands the document to `read`, then closes its window and lets the event loop turn once: until
 * it turns, the tasks jsdom queued for the page hold the whole window, so a synchronous loop over
 * a corpus kept every page it parsed (gigabytes, and a busy collector). What `read` returns must not need the
 * window (strings and numbers read off the page).
 */
export async function readParsedHtml<T>(html: string, url: string, read: (document: Document) => T): Promise<T> {
  const document = parseHtml(html, url);
  try {
    return read(document);
  } finally {
    document.defaultView?.close();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** HTML starts with markup (perhaps after a comment or an XML declaration) and has an HTML element. */
export function looksLikeHtml(text: string): boolean {
  const start = text.replace(/^\ufeff/, '').trimStart();
  return (
    start.startsWith('<') && /<(?:!doctype\s+html|html|head|body|meta|title|div|p)\b/i.test(start.slice(0, 65_536))
  );
}

/** Detect and extract a page from its bytes, as the content script would on the live page. */
export function analyzeHtml(
  bytes: Uint8Array,
  url = DEFAULT_FILE_URL,
): { detection: Detection; extract: ArticleExtract; document: Document } {
  if (bytes.length === 0) throw new Error('the file is empty');
  const { text } = decodeHtml(bytes);
  if (!looksLikeHtml(text)) throw new Error('the file is not HTML');
  const document = parseHtml(text, url);
  const reading = readPage(document);
  return {
    detection: detectArticle(document, url, reading),
    extract: extractArticle(document, url, { reading }),
    document,
  };
}
