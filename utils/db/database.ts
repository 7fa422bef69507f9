import Dexie, { type EntityTable } from 'dexie';
import type { ArticleRecord } from '../model/article';
import type { AnnotationRecord } from '../model/annotation';

/** A stored article carries the normalized address it is looked up by. */
export interface StoredArticle extends ArticleRecord {
  urlKey: string;
}

export type PizhuDatabase = Dexie & {
  articles: EntityTable<StoredArticle, 'id'>;
  annotations: EntityTable<AnnotationRecord, 'id'>;
};

export const DATABASE_NAME = 'pizhu';

/**
 * Opens Pizhu's database. It only ever lives in the extension origin (background and extension
 * pages): a content script runs in the page's origin, where the data would be the site's.
 * Every schema change is a new version below, never an edit of an old one.
 */
export function openDatabase(name = DATABASE_NAME): PizhuDatabase {
  const db = new Dexie(name) as PizhuDatabase;
  db.version(1).stores({
    articles: 'id, &urlKey, canonicalUrl, siteName, publishedAt, clippedAt, updatedAt',
    annotations: 'id, articleId, urlKey, color, *tags, author, updatedAt',
  });
  return db;
}
