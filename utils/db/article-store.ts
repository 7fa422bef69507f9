import type { ArticleExtract } from '../model/article';
import { normalizeUrl } from '../url/normalize-url';
import type { PizhuDatabase, StoredArticle } from './database';

/**
 * Stores a clipped article. Clipping the same address again refreshes the copy but keeps its
 * identity, so annotations that point at it stay attached.
 */
export async function saveClippedArticle(
  db: PizhuDatabase,
  extract: ArticleExtract,
  now: Date = new Date(),
): Promise<StoredArticle> {
  const urlKey = normalizeUrl(extract.url);
  const timestamp = now.toISOString();
  return db.transaction('rw', db.articles, async () => {
    const existing = await db.articles.where('urlKey').equals(urlKey).first();
    const record: StoredArticle = {
      ...extract,
      urlKey,
      id: existing?.id ?? crypto.randomUUID(),
      createdAt: existing?.createdAt ?? timestamp,
      clippedAt: timestamp,
      updatedAt: timestamp,
    };
    await db.articles.put(record);
    return record;
  });
}

/** The most recently changed articles first. */
export async function listRecentArticles(db: PizhuDatabase, limit: number): Promise<StoredArticle[]> {
  return db.articles.orderBy('updatedAt').reverse().limit(limit).toArray();
}
