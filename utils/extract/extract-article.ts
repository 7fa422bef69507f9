import { Readability } from '@mozilla/readability';
import type { ArticleExtract } from '../model/article';
import { sanitizeHtml } from '../sanitize/sanitize-html';

/** Extracts the article of a page: clean text, sanitized HTML and its metadata. */
export function extractArticle(document: Document, url: string): ArticleExtract {
  const clone = document.cloneNode(true) as Document;
  const parsed = new Readability(clone, { charThreshold: 100 }).parse();
  const window = document.defaultView as (Window & typeof globalThis) | null;
  const html = parsed?.content && window ? sanitizeHtml(parsed.content, window) : '';
  const text = (parsed?.textContent ?? '').trim();
  return {
    url,
    canonicalUrl: null,
    title: parsed?.title?.trim() || document.title.trim(),
    publishedAt: parsed?.publishedTime ?? null,
    publishedText: null,
    source: null,
    author: parsed?.byline ?? null,
    editor: null,
    siteName: parsed?.siteName ?? null,
    column: null,
    lang: document.documentElement.lang || null,
    excerpt: parsed?.excerpt ?? text.slice(0, 200),
    text,
    html,
    outline: [],
    length: text.length,
  };
}
