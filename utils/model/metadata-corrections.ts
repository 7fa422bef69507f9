import * as v from 'valibot';
import { parsePublishedDate } from '../extract/metadata/published-date';
import type { PageMetadata } from './article';

/**
 * The reader's corrections of what was read off a page. The record's fields hold the corrected
 * values, so the library, the reader, search and every export show them with no step of their
 * own; `corrections` remembers which fields the reader set and what the page gave, so that a
 * re-clip keeps the reader's values and a field can go back to the page's.
 */

export const CORRECTABLE_FIELDS = ['title', 'published', 'source', 'author', 'editor'] as const;
export type CorrectableField = (typeof CORRECTABLE_FIELDS)[number];

/** The record fields each correctable field stands for: 发布时间 is a date and the words shown for it. */
const KEYS = {
  title: ['title'],
  published: ['publishedAt', 'publishedText'],
  source: ['source'],
  author: ['author'],
  editor: ['editor'],
} as const satisfies Record<CorrectableField, readonly (keyof PageMetadata)[]>;

type CorrectedKey = (typeof KEYS)[CorrectableField][number];
export type CorrectedValues = Pick<PageMetadata, CorrectedKey>;

const MAX_VALUE = 2_000;
const value = v.pipe(v.string(), v.maxLength(MAX_VALUE));
const ValuesSchema = v.strictObject({
  title: v.optional(v.pipe(value, v.minLength(1))),
  publishedAt: v.optional(v.nullable(value)),
  publishedText: v.optional(v.nullable(value)),
  source: v.optional(v.nullable(value)),
  author: v.optional(v.nullable(value)),
  editor: v.optional(v.nullable(value)),
});

export const MetadataCorrectionsSchema = v.strictObject({
  /** The reader's values of the fields they corrected. */
  user: ValuesSchema,
  /** What the page gave for those same fields. */
  asRead: ValuesSchema,
});
export type MetadataCorrections = v.InferOutput<typeof MetadataCorrectionsSchema>;

/** What the popup's form sends: one text per field; an empty one means the page has none. */
export const CorrectionInputSchema = v.strictObject({
  title: v.optional(value),
  published: v.optional(value),
  source: v.optional(value),
  author: v.optional(value),
  editor: v.optional(value),
});
export type CorrectionInput = v.InferOutput<typeof CorrectionInputSchema>;

export type CorrectionProblem = 'title-empty' | 'date-unreadable';

const clean = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * The record values a form's texts stand for, or the first problem with them: a title cannot be
 * empty, and a 发布时间 must be a date (so that sorting and exports by date still work).
 */
export function valuesFromInput(
  input: CorrectionInput,
): { ok: true; values: Partial<CorrectedValues> } | { ok: false; problem: CorrectionProblem } {
  const values: Partial<CorrectedValues> = {};
  if (input.title !== undefined) {
    const title = clean(input.title);
    if (!title) return { ok: false, problem: 'title-empty' };
    values.title = title;
  }
  if (input.published !== undefined) {
    const text = clean(input.published);
    const date = text ? parsePublishedDate(text) : null;
    if (text && !date) return { ok: false, problem: 'date-unreadable' };
    values.publishedAt = date?.iso ?? null;
    values.publishedText = date ? text : null;
  }
  for (const key of ['source', 'author', 'editor'] as const) {
    if (input[key] !== undefined) values[key] = clean(input[key]) || null;
  }
  return { ok: true, values };
}

type Correctable = PageMetadata & { corrections?: MetadataCorrections };

/** Two values of a field are the same correction when they name the same date, or the same words. */
function sameField(field: CorrectableField, a: Partial<CorrectedValues>, b: Partial<CorrectedValues>): boolean {
  if (field === 'published')
    return (a.publishedAt ?? a.publishedText ?? null) === (b.publishedAt ?? b.publishedText ?? null);
  return KEYS[field].every((key) => (a[key] ?? null) === (b[key] ?? null));
}

function pick(from: Partial<CorrectedValues>, field: CorrectableField): Partial<CorrectedValues> {
  return Object.fromEntries(KEYS[field].filter((key) => key in from).map((key) => [key, from[key]]));
}

/** The fields the reader has corrected. */
export function correctedFields(article: { corrections?: MetadataCorrections }): CorrectableField[] {
  const user = article.corrections?.user ?? {};
  return CORRECTABLE_FIELDS.filter((field) => KEYS[field].some((key) => key in user));
}

/** What the page gave for a corrected field, to show beside the reader's value; null if not corrected. */
export function asReadOf(article: Correctable, field: CorrectableField): Partial<CorrectedValues> | null {
  return correctedFields(article).includes(field) ? pick(article.corrections!.asRead, field) : null;
}

/** The article as the page gave it with the reader's values over it, and the record of which. */
function applied<T extends Correctable>(fromPage: T, user: Partial<CorrectedValues>): T {
  const { corrections: _previous, ...page } = fromPage;
  if (!Object.keys(user).length) return page as T;
  const asRead = Object.fromEntries(
    (Object.keys(user) as CorrectedKey[]).map((key) => [key, page[key] ?? null]),
  ) as Partial<CorrectedValues>;
  return { ...page, ...user, corrections: { user, asRead } } as T;
}

/**
 * The article with the reader's values set. A value equal to what the page gave undoes that
 * field's correction: "back to the page's" is the page's value typed or put back.
 */
export function correctArticle<T extends Correctable>(article: T, values: Partial<CorrectedValues>): T {
  const fromPage = { ...article, ...article.corrections?.asRead };
  const user: Partial<CorrectedValues> = { ...article.corrections?.user };
  for (const field of CORRECTABLE_FIELDS) {
    const edit = pick(values, field);
    if (!Object.keys(edit).length) continue;
    for (const key of KEYS[field]) delete user[key];
    if (!sameField(field, edit, fromPage)) Object.assign(user, edit);
  }
  return applied(fromPage, user);
}

/**
 * A fresh read of the page (a re-clip) with the reader's earlier corrections kept; one the page
 * now agrees with is no longer a correction.
 */
export function keepCorrections<T extends PageMetadata>(extract: T, previous: MetadataCorrections | undefined): T {
  const user: Partial<CorrectedValues> = {};
  for (const field of previous ? CORRECTABLE_FIELDS : []) {
    const mine = pick(previous!.user, field);
    if (Object.keys(mine).length && !sameField(field, mine, extract)) Object.assign(user, mine);
  }
  return applied(extract, user);
}

/** A fresh read of a page (the popup's) with the reader's stored corrections over it. */
export function withReaderValues<T extends PageMetadata>(
  metadata: T,
  stored: { corrections?: MetadataCorrections } | null,
): T {
  return { ...metadata, ...stored?.corrections?.user };
}
