import type { ExportedArticle } from './export-bundle';

/**
 * Characters XML 1.0 cannot hold: C0 controls other than tab, line feed and carriage return,
 * U+FFFE and U+FFFF, and surrogates standing alone. One of them anywhere in a .docx — a page's
 * title, a note, the document's properties — and Word refuses the whole file.
 */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xmlSafe(text: string): string {
  return text.replace(NOT_XML, '');
}

/** A copy of `value` with every string in it made safe for XML, at any depth. */
export function xmlSafeDeep<T>(value: T): T {
  if (typeof value === 'string') return xmlSafe(value) as T;
  if (Array.isArray(value)) return value.map(xmlSafeDeep) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, xmlSafeDeep(item)])) as T;
  }
  return value;
}

/**
 * The articles a Word file is made of, every string in them safe for XML — all but the clipped
 * page's HTML, which no Word file carries (copying megabytes of it cost a tenth of an export).
 */
export function xmlSafeArticles(articles: readonly ExportedArticle[]): ExportedArticle[] {
  return articles.map(({ article, annotations, replies = [] }) => ({
    article: xmlSafeDeep({ ...article, html: '' }),
    annotations: xmlSafeDeep(annotations),
    replies: xmlSafeDeep(replies),
  }));
}
