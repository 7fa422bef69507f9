import * as v from 'valibot';
import type { MetadataCorrections } from './metadata-corrections';

/**
 * The article as the extractor sees it. The schema is the trust boundary: whatever a content
 * script sends is parsed with it before the background stores anything.
 */

const MAX_SHORT = 2_000;
const MAX_TEXT = 2_000_000;
const MAX_HTML = 6_000_000;

const shortText = v.pipe(v.string(), v.maxLength(MAX_SHORT));
const optionalShortText = v.nullable(shortText);

export const HttpUrlSchema = v.pipe(
  v.string(),
  v.maxLength(4_096),
  v.url(),
  v.check((value) => /^https?:\/\//i.test(value), 'only http(s) addresses are accepted'),
);

export const OutlineItemSchema = v.object({
  level: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(6)),
  text: shortText,
});

export const PageMetadataSchema = v.object({
  title: shortText,
  publishedAt: optionalShortText,
  publishedText: optionalShortText,
  source: optionalShortText,
  author: optionalShortText,
  editor: optionalShortText,
  siteName: optionalShortText,
  column: optionalShortText,
});

export const ArticleExtractSchema = v.object({
  ...PageMetadataSchema.entries,
  url: HttpUrlSchema,
  canonicalUrl: v.nullable(HttpUrlSchema),
  lang: v.nullable(v.pipe(v.string(), v.maxLength(35))),
  excerpt: v.pipe(v.string(), v.maxLength(MAX_SHORT)),
  text: v.pipe(v.string(), v.maxLength(MAX_TEXT)),
  html: v.pipe(v.string(), v.maxLength(MAX_HTML)),
  outline: v.pipe(v.array(OutlineItemSchema), v.maxLength(2_000)),
  length: v.pipe(v.number(), v.integer(), v.minValue(0)),
});

/**
 * The part of an extract too long for the background to accept, if any — for the content script to
 * say so in words instead of having the whole clip refused as a bad message.
 */
export function oversizedPart(extract: Pick<ArticleExtract, 'text' | 'html'>): 'text' | 'html' | null {
  if (extract.text.length > MAX_TEXT) return 'text';
  if (extract.html.length > MAX_HTML) return 'html';
  return null;
}

export type OutlineItem = v.InferOutput<typeof OutlineItemSchema>;
export type PageMetadata = v.InferOutput<typeof PageMetadataSchema>;
export type ArticleExtract = v.InferOutput<typeof ArticleExtractSchema>;

/** The metadata part of an extract, e.g. for the popup's view of the current page. */
export function metadataOf(extract: ArticleExtract): PageMetadata {
  const { title, publishedAt, publishedText, source, author, editor, siteName, column } = extract;
  return { title, publishedAt, publishedText, source, author, editor, siteName, column };
}

/** A stored article: the extract plus identity and bookkeeping. */
export interface ArticleRecord extends ArticleExtract {
  id: string;
  /** null while the article is only annotated, not clipped. */
  clippedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** The fields the reader corrected and what the page gave for them; the fields hold the reader's values. */
  corrections?: MetadataCorrections;
}

/** An article as the store holds it: with the normalized address it is looked up by. */
export interface StoredArticle extends ArticleRecord {
  urlKey: string;
}

/**
 * The publication time in one form whatever the page wrote (`2019年6月15日 08:18`, `2019/06/15`):
 * `2019-06-15 08:18`, or the date alone when the page gave no time; the page's own words only
 * when they could not be read as a date.
 */
export function publishedForDisplay(article: {
  publishedAt: string | null;
  publishedText: string | null;
}): string | null {
  return article.publishedAt ? article.publishedAt.slice(0, 16).replace('T', ' ') : article.publishedText;
}
