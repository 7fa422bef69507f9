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

/** The article as a reference cites it: its (corrected) details and address. */
export type ReferenceSource = Pick<PageMetadata, 'title' | 'author' | 'source' | 'publishedAt'> & { url: string };

/** GB/T 7714-2015 names at most three responsible persons, then 等. */
const MAX_NAMED = 3;

/**
 * The article's reference as a Chinese student cites it, in GB/T 7714-2015's form for an electronic
 * resource: 主要责任者. 题名[EB/OL]. (发布日期)[引用日期]. 网址. The responsible party is the 作者 (names as the
 * page joins them, by spaces), or where there is none the 来源 as the responsible body; with neither the
 * reference begins with the title, as the standard allows. The standard's punctuation is kept in every UI language.
 */
export function gbtReference(from: ReferenceSource, citedOn: string): string {
  const names = (from.author ?? '').split(/[\s,，、;；]+/).filter(Boolean);
  const responsible =
    names.length > 0
      ? names.slice(0, MAX_NAMED).join(', ') + (names.length > MAX_NAMED ? ', 等' : '')
      : (from.source ?? '').trim();
  const published = /^\d{4}-\d{2}-\d{2}/.test(from.publishedAt ?? '') ? `(${from.publishedAt!.slice(0, 10)})` : '';
  const title = from.title.trim().replace(/[.。]+$/, '');
  return `${responsible ? `${responsible}. ` : ''}${title}[EB/OL]. ${published}[${citedOn}]. ${from.url}.`;
}
