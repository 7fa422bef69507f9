import Dexie, { type DexieOptions, type EntityTable } from 'dexie';
import { DATABASE_NAME } from './database-name';
import {
  ARTICLE_TAGS_SCHEMA,
  fillArticleTags,
  tagArticlesMiddleware,
  withoutTagArticles,
  type ArticleTagTables,
} from './tag-articles';
import { LOCAL_REVISION_SCHEMA, localRevisionMiddleware, type LocalRevisionTables } from './local-revision';
import { indexDocuments, SEARCH_SCHEMA, type DocumentTables, type SearchTables } from './search-index';
import { bucketOf, POSTINGS_SCHEMA, type PostingsPart } from './search-postings';
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
  SearchTables &
  LocalRevisionTables &
  ArticleTagTables & {
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
      const tables: DocumentTables = {
        searchDocs: transaction.table('searchDocs'),
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
  // v6: postings live in few records, a bucket per first character, appended by each fold.
  db.version(6)
    .stores({ searchTerms: null, ...POSTINGS_SCHEMA })
    .upgrade(async (transaction) => {
      const buckets = new Map<string, PostingsPart>();
      await transaction.table<{ term: string; docs: number[] }>('searchTerms').each(({ term, docs }) => {
        const bucket = bucketOf(term);
        let part = buckets.get(bucket);
        if (!part) buckets.set(bucket, (part = { bucket, seq: 1, terms: new Map() }));
        part.terms.set(term, docs);
      });
      await transaction.table<PostingsPart>('searchPostings').bulkAdd([...buckets.values()]);
    });
  // v7: a token renewed by every write to what a member publishes, so an idle sync need not rebuild its file.
  db.version(7).stores(LOCAL_REVISION_SCHEMA);
  // v9: the tag filter reads the articles holding a tag in one request, from a table keyed [tag+articleId].
  db.version(9)
    .stores(ARTICLE_TAGS_SCHEMA)
    .upgrade((transaction) => fillArticleTags(transaction.table('annotations'), transaction.table('articleTags')));
  db.use(tagArticlesMiddleware);
  db.use(localRevisionMiddleware);
  db.annotations.hook('reading', withoutTagArticles);
  return db;
}
