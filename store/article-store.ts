import type { AnnotationRecord, AnnotationVersion } from '@/utils/model/annotation';
import type { ArticleExtract } from '@/utils/model/article';
import { correctArticle, keepCorrections, type CorrectedValues } from '@/utils/model/metadata-corrections';
import { indexDocuments, unindexDocuments } from './search-index';
import { normalizeUrl } from '@/utils/url/normalize-url';
import { PizhuError } from '@/utils/errors';
import type { PizhuDatabase } from './database';
import type { ReplyRecord } from '@/utils/model/reply';
import { clearTombstones, recordTombstones } from './tombstones';
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
      ...keepCorrections(extract, existing?.corrections),
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

/** The record of an article that is read — annotated or corrected — but not clipped yet. */
export function unclippedArticle(extract: ArticleExtract, urlKey: string, timestamp: string): StoredArticle {
  return { ...extract, urlKey, id: crypto.randomUUID(), clippedAt: null, createdAt: timestamp, updatedAt: timestamp };
}

/**
 * Sets the reader's values of an article's title, 发布时间, 来源, 作者 or 责编. An article not stored
 * yet is created from `loadArticle` with no clip date, as a first note creates it, so a correction
 * made before clipping is kept when the article is clipped.
 */
export async function correctArticleMetadata(
  db: PizhuDatabase,
  url: string,
  values: Partial<CorrectedValues>,
  options: { loadArticle: () => Promise<ArticleExtract>; now?: Date },
): Promise<StoredArticle> {
  const urlKey = normalizeUrl(url);
  const timestamp = (options.now ?? new Date()).toISOString();
  // The page is asked before the transaction: IndexedDB transactions end when they wait on anything else.
  const known = await db.articles.where('urlKey').equals(urlKey).first();
  const extract = known ? null : await options.loadArticle();
  if (extract && normalizeUrl(extract.url) !== urlKey)
    throw new PizhuError('page-changed', 'the tab shows another page now');
  return db.transaction('rw', [db.articles, db.searchDocs, db.searchPending], async () => {
    const stored = await db.articles.where('urlKey').equals(urlKey).first();
    const base = stored ?? (extract && unclippedArticle(extract, urlKey, timestamp));
    if (!base) throw new Error('the article is not stored and the page did not give it');
    const record = { ...correctArticle(base, values), updatedAt: timestamp };
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
  replies: ReplyRecord[];
}

/** Deletes articles and their annotations in one transaction; returns them for undo. */
export async function deleteArticles(db: PizhuDatabase, ids: readonly string[]): Promise<DeletedArticles> {
  return db.transaction(
    'rw',
    [db.articles, db.annotations, db.annotationVersions, db.replies, db.tombstones, db.searchDocs, db.searchPending],
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
      const replies = await db.replies
        .where('urlKey')
        .anyOf(articles.map((article) => article.urlKey))
        .toArray();
      await db.annotationVersions.bulkDelete(versions.map((version) => version.key));
      await db.annotations.bulkDelete(annotations.map((annotation) => annotation.id));
      await db.replies.bulkDelete(replies.map((reply) => reply.id));
      await recordTombstones(db, [...annotations, ...replies]);
      await db.articles.bulkDelete(articles.map((article) => article.id));
      await unindexDocuments(db, [
        ...articles.map((article) => articleSearchKey(article.id)),
        ...annotations.map((annotation) => annotationSearchKey(annotation.id)),
      ]);
      return { articles, annotations, versions, replies };
    },
  );
}

/** Undo of `deleteArticles`: everything back as it was, or nothing if an address was taken meanwhile. */
export async function restoreArticles(db: PizhuDatabase, deleted: DeletedArticles): Promise<void> {
  await db.transaction(
    'rw',
    [db.articles, db.annotations, db.annotationVersions, db.replies, db.tombstones, db.searchDocs, db.searchPending],
    async () => {
      await db.articles.bulkAdd(deleted.articles);
      await db.annotations.bulkPut(deleted.annotations);
      await db.annotationVersions.bulkPut(deleted.versions);
      await db.replies.bulkPut(deleted.replies);
      await clearTombstones(
        db,
        [...deleted.annotations, ...deleted.replies].map((record) => record.id),
      );
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
