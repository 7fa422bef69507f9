import type { Dexie, Table } from 'dexie';
import { bigramsOf, queryWords, searchableText } from '@/utils/search/search-text';
import { measureStage } from '@/utils/stage-timing';
import { recordsWhere } from './index-lookups';
import { appendPostings, postingsOf, postingsStartingWith, type PostingsTables } from './search-postings';

/**
 * A full-text index for Chinese kept in IndexedDB: character bigrams → the documents that
 * contain them. Writing must stay cheap (a clip is saved in well under 100 ms), so a write only
 * records the document's text as pending; `mergePending` folds pending documents into the
 * postings later, in batches, off the user's path. A search reads the postings of the query's
 * bigrams and also looks through the (few) pending texts, so it never misses a fresh write.
 * Postings and pending texts may hold stale entries after a document changes or is forgotten;
 * callers verify every hit against the record itself.
 */

export interface SearchDoc {
  no?: number;
  /** `article:<id>` or `annotation:<id>`. */
  key: string;
}

/** A document's text waiting to be folded into the postings. */
export interface PendingDoc {
  no: number;
  text: string;
}

/**
 * The texts of the documents one write indexed, in one record keyed by the write's turn: a
 * group's join writes one per member file instead of one per note (IndexedDB's time goes by
 * records). Versions before 8 kept a `PendingDoc` per document, keyed by its number; those are
 * read alike.
 */
export interface PendingBatch {
  no: number;
  docs: PendingDoc[];
}

export type PendingRecord = PendingDoc | PendingBatch;

const docsOf = (record: PendingRecord): readonly PendingDoc[] => ('docs' in record ? record.docs : [record]);

/** The tables a write indexes into: documents and their pending texts. */
export interface DocumentTables {
  searchDocs: Table<SearchDoc, number>;
  searchPending: Table<PendingRecord, number>;
}

export type SearchTables = DocumentTables & PostingsTables;

/** The search tables as version 2 made them; version 6 keeps the postings in `searchPostings`. */
export const SEARCH_SCHEMA = {
  searchDocs: '++no, &key',
  searchTerms: '&term',
  searchPending: 'no',
} as const;

/**
 * The numbers of documents by key; documents not yet known are given one. Most documents a merge
 * or a clip indexes are new, so each is added at once; only when the key index refuses some (a
 * document indexed again) are the numbers looked up, the new ones' included.
 */
async function documentNumbers(
  db: DocumentTables,
  documents: readonly { key: string }[],
): Promise<Map<string, number>> {
  const keys = [...new Set(documents.map((doc) => doc.key))];
  try {
    const added = await db.searchDocs.bulkAdd(
      keys.map((key) => ({ key })),
      { allKeys: true },
    );
    return new Map(keys.map((key, index) => [key, added[index]!]));
  } catch (error) {
    // A caught BulkError leaves the transaction and the documents that were added in place.
    if ((error as Error | null)?.name !== 'BulkError') throw error;
    const known = await recordsWhere(db.searchDocs, 'key', keys);
    return new Map(known.map((doc) => [doc.key, doc.no!]));
  }
}

/**
 * Records documents' texts for indexing, in a few requests however many there are: their numbers,
 * and one pending record with all of their texts. Call inside a transaction over the search
 * tables, with the records' own writes.
 */
export async function indexDocuments(
  db: DocumentTables,
  documents: readonly { key: string; text: string }[],
): Promise<void> {
  if (documents.length === 0) return;
  const [numbers, last] = await Promise.all([
    documentNumbers(db, documents),
    db.searchPending.orderBy(':id').lastKey(),
  ]);
  await db.searchPending.add({
    no: Math.floor(Number(last ?? 0)) + 1,
    docs: documents.map((doc) => ({ no: numbers.get(doc.key)!, text: searchableText(doc.text) })),
  });
}

/**
 * Forgets documents. Their stale postings and pending texts are dropped by the hit check, never
 * shown, and their numbers are never given again.
 */
export async function unindexDocuments(db: DocumentTables, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  const numbers = (await recordsWhere(db.searchDocs, 'key', keys)).map((doc) => doc.no!);
  await db.searchDocs.bulkDelete(numbers);
}

/**
 * Texts are folded this many characters at a time: the postings being built take memory in
 * proportion, and each fold appends a part to the buckets it touches.
 */
export const FOLD_CHARS = 1_000_000;

/** Adds documents to the postings of their terms: each fold appends once per bucket. */
async function addPostings(db: PostingsTables, documents: readonly PendingDoc[]): Promise<void> {
  for (let from = 0; from < documents.length;) {
    const added = new Map<string, number[]>();
    let chars = 0;
    let to = from;
    for (; to < documents.length && chars < FOLD_CHARS; to++) {
      const { no, text } = documents[to]!;
      chars += text.length;
      for (const term of bigramsOf(text)) {
        const list = added.get(term);
        if (list) list.push(no);
        else added.set(term, [no]);
      }
    }
    for (const docs of added.values()) docs.sort((x, y) => x - y);
    await appendPostings(db, added);
    from = to;
  }
}

/** Pending records are read this many at a time until a fold's worth of text is in hand. */
const PENDING_PAGE = 100;

/**
 * Folds pending documents into the postings, up to about `maxChars` of their text; returns how
 * many it merged. One fold of a whole join's notes rewrites each term once, where folds of a few
 * hundred documents rewrote the long postings of common terms over and over.
 */
export async function mergePending(db: Dexie & SearchTables, maxChars = FOLD_CHARS): Promise<number> {
  return db.transaction('rw', [db.searchPostings, db.searchPending], async () => {
    const pending: PendingDoc[] = [];
    let chars = 0;
    let last = -Infinity;
    while (chars < maxChars) {
      const page = await db.searchPending.where('no').above(last).limit(PENDING_PAGE).toArray();
      for (const record of page) {
        last = record.no;
        for (const doc of docsOf(record)) {
          pending.push(doc);
          chars += doc.text.length;
        }
      }
      if (page.length < PENDING_PAGE) break;
    }
    if (last === -Infinity) return 0;
    await measureStage('fold', () => addPostings(db, pending));
    // Every pending record up to the last one folded was read above: one ranged delete.
    await db.searchPending.where('no').belowOrEqual(last).delete();
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
 * Numbers of the documents that may contain every word of `query`, newest indexed first. For one
 * word: every document holding all of its bigrams, plus pending documents whose text holds it; a
 * one-character word matches the bigrams that start with it. `keysOf` turns a batch of them into
 * document keys.
 */
export async function findCandidates(db: SearchTables, query: string): Promise<number[]> {
  const words = queryWords(query);
  if (words.length === 0) return [];
  let found: Set<number> | null = null;
  for (const word of words) {
    const forWord = await candidatesOfWord(db, word);
    found = found === null ? new Set(forWord) : new Set(forWord.filter((no) => found!.has(no)));
    if (found.size === 0) break;
  }
  return [...(found ?? [])].sort((a, b) => b - a);
}

async function candidatesOfWord(db: SearchTables, wanted: string): Promise<number[]> {
  let docs: number[] | null = null;
  if ([...wanted].length === 1) docs = await postingsStartingWith(db, wanted);
  else {
    const lists = [...(await postingsOf(db, bigramsOf(wanted))).values()];
    for (const list of lists.sort((a, b) => a.length - b.length)) {
      docs = docs === null ? list : intersect(docs, list);
      if (docs.length === 0) break;
    }
  }
  const found = new Set(docs ?? []);
  await db.searchPending.each((record) => {
    for (const doc of docsOf(record)) if (doc.text.includes(wanted)) found.add(doc.no);
  });
  return [...found];
}

/** The keys of documents by number; forgotten documents are left out. */
export async function keysOf(db: SearchTables, numbers: readonly number[]): Promise<string[]> {
  const rows = await db.searchDocs.bulkGet([...numbers]);
  return rows.flatMap((row) => (row ? [row.key] : []));
}
