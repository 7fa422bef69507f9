import { normalizeUrl } from '@/utils/url/normalize-url';
import type { StoredArticle } from '@/utils/model/article';
import { requestResult, walkCursor } from './plain-database';

// What the popup shows first, read with plain IndexedDB (plain-database.ts), without Dexie.

/** IndexedDB's `getAllRecords` (Chromium 141 on), not yet in TypeScript's DOM types nor in every browser. */
interface RecordsInOrder {
  getAllRecords(options: { direction: IDBCursorDirection; count: number }): IDBRequest<{ value: unknown }[]>;
}

/** The most recently changed articles first. */
export async function readRecentArticles(db: IDBDatabase, limit: number): Promise<StoredArticle[]> {
  const byUpdate = db.transaction('articles', 'readonly').objectStore('articles').index('updatedAt');
  // One request where the browser can; a cursor costs a round trip per record (13-25 ms against
  // 4-9 ms for eight articles, measured in the popup's Chromium).
  if ('getAllRecords' in byUpdate) {
    const records = await requestResult(
      (byUpdate as IDBIndex & RecordsInOrder).getAllRecords({ direction: 'prev', count: limit }),
    );
    return records.map((record) => record.value as StoredArticle);
  }
  return walkCursor(byUpdate.openCursor(null, 'prev'), (cursor) => cursor.value as StoredArticle, 0, limit);
}

/** What is stored for an address: its article, if any, and how many annotations it has. */
export async function readPageRecord(
  db: IDBDatabase,
  url: string,
): Promise<{ article: StoredArticle | null; notes: number }> {
  const urlKey = normalizeUrl(url);
  const transaction = db.transaction(['articles', 'annotations'], 'readonly');
  const [article, notes] = await Promise.all([
    requestResult(transaction.objectStore('articles').index('urlKey').get(urlKey)),
    requestResult(transaction.objectStore('annotations').index('urlKey').count(urlKey)),
  ]);
  return { article: (article as StoredArticle | undefined) ?? null, notes };
}
