import type { Table } from 'dexie';
import { heldKeys } from './index-lookups';

/**
 * The search index's postings, kept in few records: the terms (character bigrams) that start with
 * the same character share a bucket, and each fold appends one record per bucket it touched,
 * never reading what is there. A join's fold of tens of thousands of terms so writes a few
 * thousand records instead of one per term — IndexedDB's time goes by records, not bytes. A
 * bucket that has gathered `MAX_PARTS` records is merged into one as the next fold touches it,
 * so a search reads a bounded number of records per character.
 */
export interface PostingsPart {
  /** The first character (code point) of every term in the part. */
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

export function bucketOf(term: string): string {
  return String.fromCodePoint(term.codePointAt(0)!);
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

/**
 * Appends postings (term → ascending document numbers): one part per bucket, read from nothing,
 * except for the buckets already at `MAX_PARTS`, which are rewritten as one part. Call inside a
 * read-write transaction over `searchPostings`.
 */
export async function appendPostings(db: PostingsTables, added: ReadonlyMap<string, number[]>): Promise<void> {
  if (added.size === 0) return;
  const byBucket = new Map<string, Map<string, number[]>>();
  for (const [term, docs] of added) {
    const bucket = bucketOf(term);
    let terms = byBucket.get(bucket);
    if (!terms) byBucket.set(bucket, (terms = new Map()));
    terms.set(term, docs);
  }
  const keys = [...(await heldKeys(db.searchPostings))] as [string, number][];
  const seq = keys.reduce((max, [, part]) => Math.max(max, part), 0) + 1;
  const counts = new Map<string, number>();
  for (const [bucket] of keys) counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
  const full = [...byBucket.keys()].filter((bucket) => (counts.get(bucket) ?? 0) + 1 > MAX_PARTS);
  const merged = await Promise.all(
    full.map(async (bucket) => {
      const terms = mergeParts(await partsOf(db, bucket));
      return { bucket, seq, terms: mergeParts([{ bucket, seq, terms: byBucket.get(bucket)! }], terms) };
    }),
  );
  await Promise.all(full.map((bucket) => bucketParts(db, bucket).delete()));
  const fullSet = new Set(full);
  await db.searchPostings.bulkAdd([
    ...merged,
    ...[...byBucket].filter(([bucket]) => !fullSet.has(bucket)).map(([bucket, terms]) => ({ bucket, seq, terms })),
  ]);
}

/** The document numbers of each of `terms`, ascending (an empty list for a term no one holds). */
export async function postingsOf(db: PostingsTables, terms: readonly string[]): Promise<Map<string, number[]>> {
  const buckets = [...new Set(terms.map(bucketOf))];
  const parts = (await Promise.all(buckets.map((bucket) => partsOf(db, bucket)))).flat();
  const found = new Map(terms.map((term) => [term, [] as number[]]));
  for (const part of parts)
    for (const term of terms) {
      const docs = part.terms.get(term);
      if (docs) found.set(term, mergeSorted(found.get(term)!, docs));
    }
  return found;
}

/** The document numbers of every term that starts with `character`, ascending. */
export async function postingsStartingWith(db: PostingsTables, character: string): Promise<number[]> {
  let union: number[] = [];
  for (const part of await partsOf(db, character))
    for (const docs of part.terms.values()) union = mergeSorted(union, docs);
  return union;
}
