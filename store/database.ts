import Dexie, { type DexieOptions, type EntityTable } from 'dexie';
import { DATABASE_NAME } from './database-name';
import { tagArticlesMiddleware, withoutTagArticles } from './tag-articles';
import { indexDocuments, SEARCH_SCHEMA, type SearchTables } from './search-index';
import {
  annotationSearchKey,
  annotationSearchText,
  articleSearchKey,
  articleSearchText,
} from '@/utils/search/search-documents';
import type { StoredArticle } from '@/utils/model/article';
import type { AnnotationRecord, AnnotationVersion } from '@/utils/model/annotation';
import type { ReplyRecord, Tombstone } from '@/utils/model/reply';

export type PizhuDatabase = Dexie &
  SearchTables & {
    articles: EntityTable<StoredArticle, 'id'>;
    annotations: EntityTable<AnnotationRecord, 'id'>;
    annotationVersions: EntityTable<AnnotationVersion, 'key'>;
    replies: EntityTable<ReplyRecord, 'id'>;
    tombstones: EntityTable<Tombstone, 'id'>;
  };

/**
 * Opens Pizhu's database. It only ever lives in the extension origin (background and extension
 * pages): a content script runs in the page's origin, where the data would be the site's.
 * Every schema change is a new version below, never an edit of an old one.
 */
export function openDatabase(name = DATABASE_NAME, options?: DexieOptions): PizhuDatabase {
  const db = new Dexie(name, options) as PizhuDatabase;
  db.version(1).stores({
    articles: 'id, &urlKey, canonicalUrl, siteName, publishedAt, clippedAt, updatedAt',
    annotations: 'id, articleId, urlKey, color, *tags, author, updatedAt',
  });
  // v2: the library sorts by title and by when an article entered it, and searches Chinese text.
  db.version(2)
    .stores({
      articles: 'id, &urlKey, canonicalUrl, siteName, publishedAt, clippedAt, createdAt, updatedAt, title',
      ...SEARCH_SCHEMA,
    })
    .upgrade(async (transaction) => {
      const tables: SearchTables = {
        searchDocs: transaction.table('searchDocs'),
        searchTerms: transaction.table('searchTerms'),
        searchPending: transaction.table('searchPending'),
      };
      const articles = await transaction.table<StoredArticle>('articles').toArray();
      const annotations = await transaction.table<AnnotationRecord>('annotations').toArray();
      await indexDocuments(tables, [
        ...articles.map((article) => ({ key: articleSearchKey(article.id), text: articleSearchText(article) })),
        ...annotations.map((annotation) => ({
          key: annotationSearchKey(annotation.id),
          text: annotationSearchText(annotation),
        })),
      ]);
    });
  // v3: merging a study group's notes keeps the edit that lost a conflict as a previous version.
  db.version(3).stores({ annotationVersions: 'key, annotationId' });
  // v4: group sync — whose note it is, replies to notes, and the member's own deletions to send.
  db.version(4).stores({
    annotations: 'id, articleId, urlKey, color, *tags, author, updatedAt, creatorId',
    replies: 'id, annotationId, urlKey, creatorId',
    tombstones: 'id, creatorId',
  });
  // v5: the tag filter reads which articles hold a tag from an index, not from the notes.
  db.version(5)
    .stores({ annotations: 'id, articleId, urlKey, color, *tags, author, updatedAt, creatorId, *tagArticles' })
    .upgrade((transaction) =>
      transaction
        .table<AnnotationRecord>('annotations')
        .toCollection()
        .modify(() => undefined),
    );
  db.use(tagArticlesMiddleware);
  db.annotations.hook('reading', withoutTagArticles);
  return db;
}
