import { normalizeSpace, stripSpace } from '../../utils/text/normalize-space';
import { parsePublishedDate } from '../../utils/extract/metadata/published-date';
import type { ArticleExtract } from '../../utils/model/article';
import type { Gold } from '../corpus/load-corpus';

/**
 * The scoring rules of the extraction benchmark, the same for every tool:
 * title exact after white-space normalization; published on the same day, and at the same
 * hour:minute when the page shows a time; source, author and editor exact after trimming;
 * body correct when it contains the gold first and last sentences (white space ignored) and
 * its length is within 0.8–1.25 of the gold's.
 */
export interface ToolOutput {
  title: string | null;
  published: string | null;
  source: string | null;
  author: string | null;
  editor: string | null;
  text: string | null;
}

export const FIELDS = ['title', 'published', 'source', 'author', 'editor', 'body'] as const;

/** Pizhu's extract in the benchmark's terms; the normalized date is what is scored. */
export function toolOutputOf(extract: ArticleExtract): ToolOutput {
  const { title, publishedAt: published, source, author, editor, text } = extract;
  return { title, published, source, author, editor, text };
}
export type Field = (typeof FIELDS)[number];

const sameText = (a: string | null, b: string | null) =>
  (a === null || a.trim() === '' ? null : normalizeSpace(a)) === (b === null ? null : normalizeSpace(b));

/**
 * Several people are one list however they are joined (the older labels use 、, the newer a space);
 * a two-character name spaced for alignment (方 敏) is one name, and a staff code printed after an
 * editor's name (李曦_NN2587) is not part of it.
 */
const names = (value: string | null) =>
  value === null || value.trim() === ''
    ? null
    : normalizeSpace(value)
        .replace(/[\s_]*[A-Z]{1,4}\d{2,6}$/, '')
        .split(/\s*[、，,;；]\s*|\s+/)
        .join(' ')
        .replace(/(?<![\u4e00-\u9fa5])([\u4e00-\u9fa5]) ([\u4e00-\u9fa5])(?![\u4e00-\u9fa5])/g, '$1$2');
const sameNames = (a: string | null, b: string | null) => names(a) === names(b);

export function publishedMatches(output: string | null, gold: string | null): boolean {
  if (gold === null) return output === null || output.trim() === '';
  const want = parsePublishedDate(gold);
  const got = output ? parsePublishedDate(output) : null;
  if (!want || !got) return normalizeSpace(output ?? '') === normalizeSpace(gold);
  if (want.iso.slice(0, 10) !== got.iso.slice(0, 10)) return false;
  return !want.iso.includes('T') || want.iso.slice(11, 16) === got.iso.slice(11, 16);
}

export function bodyMatches(text: string | null, gold: Gold): boolean {
  if (!gold.first_sentence || !gold.last_sentence || !gold.body_chars_approx) return !text;
  const body = stripSpace(text ?? '');
  if (!body.includes(stripSpace(gold.first_sentence)) || !body.includes(stripSpace(gold.last_sentence))) return false;
  const ratio = body.length / gold.body_chars_approx;
  return ratio >= 0.8 && ratio <= 1.25;
}

export function scoreFields(output: ToolOutput, gold: Gold): Record<Field, boolean> {
  return {
    title: sameText(output.title, gold.title),
    published: publishedMatches(output.published, gold.published),
    source: sameText(output.source, gold.source),
    author: sameNames(output.author, gold.author),
    editor: sameNames(output.editor, gold.editor),
    body: bodyMatches(output.text, gold),
  };
}

/**
 * How a field went: right; missing (nothing shown where the page has a value — the reader sees a
 * gap and fills it in with 更正信息); or wrong (a value shown that is not the page's — what the
 * reader may trust and repeat). Precision first: a wrong value costs more than a missing one.
 */
export type Verdict = 'right' | 'missing' | 'wrong';

const FIELD_OUTPUT: Record<Exclude<Field, 'body'>, keyof ToolOutput> = {
  title: 'title',
  published: 'published',
  source: 'source',
  author: 'author',
  editor: 'editor',
};

export function verdicts(output: ToolOutput, gold: Gold): Record<Field, Verdict> {
  const right = scoreFields(output, gold);
  const shown = (field: Field) => {
    const value = field === 'body' ? output.text : output[FIELD_OUTPUT[field]];
    return value !== null && value.trim() !== '';
  };
  return Object.fromEntries(
    FIELDS.map((field) => [field, right[field] ? 'right' : shown(field) ? 'wrong' : 'missing']),
  ) as Record<Field, Verdict>;
}
