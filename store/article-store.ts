import type { AnnotationRecord, AnnotationVersion } from '@/utils/model/annotation';
import type { ArticleExtract } from '@/utils/model/article';
import { indexDocuments, unindexDocuments } from './search-index';
import { normalizeUrl } from '@/utils/url/normalize-url';
import type { PizhuDatabase } from './database';
import type { StoredArticle } from '@/utils/model/article';
import {
  annotationSearchKey,
  annotationSearchText,
  articleSearchKey,
  articleSearchText,
} from '@/utils/search/search-documents';

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
  return db.transaction('rw', [db.articles, db.searchDocs, db.searchPending], async () => {
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
    await indexDocuments(db, [{ key: articleSearchKey(record.id), text: articleSearchText(record) }]);
    return record;
  });
}

/** Articles deleted together with their annotations, as an undo puts them back. */
export interface DeletedArticles {
  articles: StoredArticle[];
  annotations: AnnotationRecord[];
  versions: AnnotationVersion[];
}

/** Deletes articles and their annotations in one transaction; returns them for undo. */
export async function deleteArticles(db: PizhuDatabase, ids: readonly string[]): Promise<DeletedArticles> {
  return db.transaction(
    'rw',
    [db.articles, db.annotations, db.annotationVersions, db.searchDocs, db.searchPending],
    async () => {
      const articles = (await db.articles.bulkGet([...ids])).filter((article): article is StoredArticle =>
        Boolean(article),
      );
      const annotations = await db.annotations
        .where('articleId')
        .anyOf(articles.map((article) => article.id))
        .toArray();
      const versions = await db.annotationVersions
        .where('annotationId')
        .anyOf(annotations.map((annotation) => annotation.id))
        .toArray();
      await db.annotationVersions.bulkDelete(versions.map((version) => version.key));
      await db.annotations.bulkDelete(annotations.map((annotation) => annotation.id));
      await db.articles.bulkDelete(articles.map((article) => article.id));
      await unindexDocuments(db, [
        ...articles.map((article) => articleSearchKey(article.id)),
        ...annotations.map((annotation) => annotationSearchKey(annotation.id)),
      ]);
      return { articles, annotations, versions };
    },
  );
}

/** Undo of `deleteArticles`: everything back as it was, or nothing if an address was taken meanwhile. */
export async function restoreArticles(db: PizhuDatabase, deleted: DeletedArticles): Promise<void> {
  await db.transaction(
    'rw',
    [db.articles, db.annotations, db.annotationVersions, db.searchDocs, db.searchPending],
    async () => {
      await db.articles.bulkAdd(deleted.articles);
      await db.annotations.bulkPut(deleted.annotations);
      await db.annotationVersions.bulkPut(deleted.versions);
      await indexDocuments(db, [
        ...deleted.articles.map((article) => ({ key: articleSearchKey(article.id), text: articleSearchText(article) })),
        ...deleted.annotations.map((annotation) => ({
          key: annotationSearchKey(annotation.id),
          text: annotationSearchText(annotation),
        })),
      ]);
    },
  );
}
