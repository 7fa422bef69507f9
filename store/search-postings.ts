import type { Table } from 'dexie';
import { heldKeys } from './index-lookups';

/**
 * The search index's postings, kept in few records: the terms (character bigrams) that start with
 * the same character share a bucket, and each fold appends one record per bucket it touched,
 * never reading what is there. A join's fold of tens of thousands of terms so writes a few
 * thousand records instead of one per term — IndexedDB's time goes by records, not bytes. A
 * bucket that has gathered `MAX_PARTS` records is merged into one as the next fold touches it,
 * so a search reads a bounded number of records per character. The buckets of the most common
 * characters (的, 中, 国, the comma) would each hold a few percent of the whole index, all read by
 * any query starting with them: a bucket's terms that would make a record of more than `SPLIT_AT`
 * postings are written under sub-buckets by their second character instead (`的` + `7`, say).
 */
export interface PostingsPart {
  /** The first character (code point) of every term in the part, followed by its sub-bucket when split. */
  bucket: string;
  /** The fold that wrote it; later folds have larger numbers. */
  seq: number;
  /** Term → document numbers, ascending. */
  terms: Map<string, number[]>;
}

export const POSTINGS_SCHEMA = { searchPostings: '[bucket+seq]' } as const;

export interface PostingsTables {
  searchPostings: Table<PostingsPart, [string, number]>;
}

/** A bucket is merged into one part once it holds this many. */
export const MAX_PARTS = 8;

/** A part would hold more postings than this: its terms are written in `SPLIT_WAYS` sub-buckets. */
export const SPLIT_AT = 4_096;
const SPLIT_WAYS = 16;

/** The bucket of every term that starts with the term's first character, as long as it is not split. */
export function bucketOf(term: string): string {
  return String.fromCodePoint(term.codePointAt(0)!);
}

/** The sub-bucket of a two-character term, its first character followed by a mark chosen by the second. */
export function subBucketOf(term: string): string {
  const first = bucketOf(term);
  const second = term.codePointAt(first.length);
  return second === undefined ? first : first + String.fromCharCode(0x30 + (second % SPLIT_WAYS));
}

/** Ascending lists merged into one, without repeats. */
export function mergeSorted(a: readonly number[], b: readonly number[]): number[] {
  const merged: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const next = j >= b.length || (i < a.length && a[i]! <= b[j]!) ? a[i++]! : b[j++]!;
    if (merged[merged.length - 1] !== next) merged.push(next);
  }
  return merged;
}

/** Folds parts' terms into one map (an older part's lists joined by the newer's). */
function mergeParts(parts: readonly PostingsPart[], into = new Map<string, number[]>()): Map<string, number[]> {
  for (const part of parts)
    for (const [term, docs] of part.terms) into.set(term, mergeSorted(into.get(term) ?? [], docs));
  return into;
}

/** Every part of a bucket, oldest first. */
const bucketParts = (db: PostingsTables, bucket: string) =>
  db.searchPostings.where('[bucket+seq]').between([bucket, -Infinity], [bucket, Infinity], true, true);

const partsOf = (db: PostingsTables, bucket: string) => bucketParts(db, bucket).toArray();

const postingsCount = (terms: ReadonlyMap<string, number[]>) => {
  let count = 0;
  for (const docs of terms.values()) count += docs.length;
  return count;
};

/** Terms (with their postings) grouped by the bucket `bucketFor` gives each. */
function groupTerms(
  terms: ReadonlyMap<string, number[]>,
  bucketFor: (term: string) => string,
): Map<string, Map<string, number[]>> {
  const groups = new Map<string, Map<string, number[]>>();
  for (const [term, docs] of terms) {
    const bucket = bucketFor(term);
    let group = groups.get(bucket);
    if (!group) groups.set(bucket, (group = new Map()));
    group.set(term, docs);
  }
  return groups;
}

/** A bucket's terms as the parts to write: one, or one per sub-bucket when it would be too large. */
const splitIfLarge = (bucket: string, terms: Map<string, number[]>): Map<string, Map<string, number[]>> =>
  postingsCount(terms) <= SPLIT_AT ? new Map([[bucket, terms]]) : groupTerms(terms, subBucketOf);

/**
 * Appends postings (term → ascending document numbers): one part per bucket (or sub-bucket), read
 * from nothing, except for the buckets already at `MAX_PARTS`, which are rewritten as one part
 * (or split, when that part would be too large). Call inside a read-write transaction over
 * `searchPostings`.
 */
export async function appendPostings(db: PostingsTables, added: ReadonlyMap<string, number[]>): Promise<void> {
  if (added.size === 0) return;
  const byBucket = groupTerms(added, bucketOf);
  const keys = [...(await heldKeys(db.searchPostings))] as [string, number][];
  const seq = keys.reduce((max, [, part]) => Math.max(max, part), 0) + 1;
  const counts = new Map<string, number>();
  for (const [bucket] of keys) counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
  const full = (bucket: string) => (counts.get(bucket) ?? 0) + 1 > MAX_PARTS;
  /** A full bucket's parts merged with what is added to it; the parts are deleted. */
  const withParts = async (bucket: string, terms: Map<string, number[]>) => {
    if (!full(bucket)) return terms;
    const merged = mergeParts([{ bucket, seq, terms }], mergeParts(await partsOf(db, bucket)));
    await bucketParts(db, bucket).delete();
    return merged;
  };
  const written = await Promise.all(
    [...byBucket].map(async ([bucket, terms]) => {
      const parts = splitIfLarge(bucket, await withParts(bucket, terms));
      return Promise.all(
        [...parts].map(async ([key, partTerms]) => ({
          bucket: key,
          seq,
          terms: key === bucket ? partTerms : await withParts(key, partTerms),
        })),
      );
    }),
  );
  await db.searchPostings.bulkAdd(written.flat());
}

/** The document numbers of each of `terms`, ascending (an empty list for a term no one holds). */
export async function postingsOf(db: PostingsTables, terms: readonly string[]): Promise<Map<string, number[]>> {
  const buckets = [...new Set(terms.flatMap((term) => [bucketOf(term), subBucketOf(term)]))];
  const parts = (await Promise.all(buckets.map((bucket) => partsOf(db, bucket)))).flat();
  const found = new Map(terms.map((term) => [term, [] as number[]]));
  for (const part of parts)
    for (const term of terms) {
      const docs = part.terms.get(term);
      if (docs) found.set(term, mergeSorted(found.get(term)!, docs));
    }
  return found;
}

/** The document numbers of every term that starts with `character` (its bucket and sub-buckets), ascending. */
export async function postingsStartingWith(db: PostingsTables, character: string): Promise<number[]> {
  let union: number[] = [];
  const parts = await db.searchPostings
    .where('[bucket+seq]')
    .between([character, -Infinity], [`${character}\uffff`, Infinity], true, true)
    .toArray();
  for (const part of parts) for (const docs of part.terms.values()) union = mergeSorted(union, docs);
  return union;
}
