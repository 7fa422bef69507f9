import type { Dexie, Table } from 'dexie';
import { bigramsOf, searchableText } from './search-text';

/**
 * A full-text index for Chinese kept in IndexedDB: character bigrams → the documents that
 * contain them. Writing must stay cheap (a clip is saved in well under 100 ms), so a write only
 * records the document's text as pending; `mergePending` folds pending documents into the
 * postings later, in batches, off the user's path. A search reads the postings of the query's
 * bigrams and also looks through the (few) pending texts, so it never misses a fresh write.
 * Postings may hold stale entries after a document changes; callers verify every hit against
 * the record itself.
 */

export interface SearchDoc {
  no?: number;
  /** `article:<id>` or `annotation:<id>`. */
  key: string;
}

export interface SearchTerm {
  term: string;
  /** Document numbers, ascending. */
  docs: number[];
}

export interface PendingDoc {
  no: number;
  text: string;
}

export interface SearchTables {
  searchDocs: Table<SearchDoc, number>;
  searchTerms: Table<SearchTerm, string>;
  searchPending: Table<PendingDoc, number>;
}

export const SEARCH_SCHEMA = {
  searchDocs: '++no, &key',
  searchTerms: '&term',
  searchPending: 'no',
} as const;

/** Records a document's text for indexing; call inside a transaction over the search tables. */
export async function indexDocument(db: SearchTables, key: string, text: string): Promise<void> {
  const existing = await db.searchDocs.where('key').equals(key).first();
  const no = existing?.no ?? (await db.searchDocs.add({ key }));
  await db.searchPending.put({ no, text: searchableText(text) });
}

/** Forgets a document; its stale postings are dropped by the hit check, never shown. */
export async function unindexDocument(db: SearchTables, key: string): Promise<void> {
  const existing = await db.searchDocs.where('key').equals(key).first();
  if (existing?.no === undefined) return;
  await db.searchDocs.delete(existing.no);
  await db.searchPending.delete(existing.no);
}

function mergeSorted(a: readonly number[], b: readonly number[]): number[] {
  const merged: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const next = j >= b.length || (i < a.length && a[i]! <= b[j]!) ? a[i++]! : b[j++]!;
    if (merged[merged.length - 1] !== next) merged.push(next);
  }
  return merged;
}

/** Folds up to `batch` pending documents into the postings; returns how many it merged. */
export async function mergePending(db: Dexie & SearchTables, batch = 200): Promise<number> {
  return db.transaction('rw', [db.searchTerms, db.searchPending], async () => {
    const pending = await db.searchPending.limit(batch).toArray();
    if (pending.length === 0) return 0;
    const added = new Map<string, number[]>();
    for (const { no, text } of pending) {
      for (const term of bigramsOf(text)) {
        const list = added.get(term);
        if (list) list.push(no);
        else added.set(term, [no]);
      }
    }
    const terms = [...added.keys()];
    const stored = await db.searchTerms.bulkGet(terms);
    await db.searchTerms.bulkPut(
      terms.map((term, index) => ({
        term,
        docs: mergeSorted(stored[index]?.docs ?? [], added.get(term)!.sort((x, y) => x - y)),
      })),
    );
    await db.searchPending.bulkDelete(pending.map((doc) => doc.no));
    return pending.length;
  });
}

function intersect(a: readonly number[], b: readonly number[]): number[] {
  const result: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      result.push(a[i]!);
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  return result;
}

/**
 * Keys of the documents that may contain `query`, newest indexed first: every document holding
 * all of its bigrams, plus pending documents whose text holds it. A one-character query matches
 * the bigrams that start with it.
 */
export async function findCandidates(db: SearchTables, query: string): Promise<string[]> {
  const wanted = searchableText(query);
  if (!wanted) return [];
  let docs: number[] | null = null;
  if ([...wanted].length === 1) {
    let union: number[] = [];
    await db.searchTerms
      .where('term')
      .startsWith(wanted)
      .each((row) => (union = mergeSorted(union, row.docs)));
    docs = union;
  } else {
    const rows = await db.searchTerms.bulkGet(bigramsOf(wanted));
    for (const row of rows.sort((a, b) => (a?.docs.length ?? 0) - (b?.docs.length ?? 0))) {
      docs = docs === null ? (row?.docs ?? []) : intersect(docs, row?.docs ?? []);
      if (docs.length === 0) break;
    }
  }
  const found = new Set(docs ?? []);
  await db.searchPending.each((doc) => {
    if (doc.text.includes(wanted)) found.add(doc.no);
    else found.delete(doc.no);
  });
  const numbers = [...found].sort((a, b) => b - a);
  const rows = await db.searchDocs.bulkGet(numbers);
  return rows.flatMap((row) => (row ? [row.key] : []));
}
