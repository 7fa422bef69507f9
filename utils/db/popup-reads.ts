import { normalizeUrl } from '../url/normalize-url';
import type { StoredArticle } from './database';
import { requestResult, walkCursor } from './plain-database';

/** The most recently changed articles first. */
export function readRecentArticles(db: IDBDatabase, limit: number): Promise<StoredArticle[]> {
  const byUpdate = db.transaction('articles', 'readonly').objectStore('articles').index('updatedAt');
  return walkCursor(byUpdate.openCursor(null, 'prev'), (cursor) => cursor.value as StoredArticle, 0, limit);
}

/** What is stored for an address: its article, if any, and how many annotations it has. */
export async function readPageRecord(db: IDBDatabase, url: string): Promise<{ article: StoredArticle | null; notes: number }> {
  const urlKey = normalizeUrl(url);
  const transaction = db.transaction(['articles', 'annotations'], 'readonly');
  const [article, notes] = await Promise.all([
    requestResult(transaction.objectStore('articles').index('urlKey').get(urlKey)),
    requestResult(transaction.objectStore('annotations').index('urlKey').count(urlKey)),
  ]);
  return { article: (article as StoredArticle | undefined) ?? null, notes };
}
