import type { PageMetadata } from '../model/article';

export type CitationSource = Pick<PageMetadata, 'title' | 'source' | 'publishedText' | 'publishedAt'> & { url: string };

/**
 * A quote as a study group pastes it into notes or a report: the words, then where they are
 * from — 《标题》, 来源, 发布时间 as the page showed it, and the address.
 */
export function citeQuote(quote: string, from: CitationSource): string {
  const published = from.publishedText ?? from.publishedAt?.slice(0, 10) ?? null;
  const parts = [from.title ? `《${from.title}》` : null, from.source, published, from.url].filter(
    (part): part is string => Boolean(part && part.trim()),
  );
  return `「${quote}」\n——${parts.join(' ')}`;
}
