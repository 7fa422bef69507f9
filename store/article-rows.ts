import type { StoredArticle } from '@/utils/model/article';
import { requestResult, walkCursor } from './plain-database';

// The library's article list, read with plain IndexedDB (plain-database.ts): its first screen
// does not wait for Dexie, and Dexie's queries use the same reads once they have the ids.

export type ArticleSort = 'clipped' | 'published' | 'title';

/** An article row of the library: no body, and how many annotations it has. */
export type ArticleSummary = Omit<StoredArticle, 'html' | 'text'> & { annotationCount: number };

export function summaryOf(article: StoredArticle, annotationCount: number): ArticleSummary {
  const { html: _html, text: _text, ...summary } = article;
  return { ...summary, annotationCount };
}

/** The date a sort orders by, newest first; by title, the clip date is the one shown and filtered on. */
export const sortDateField = (sort: ArticleSort) => (sort === 'published' ? 'publishedAt' : 'clippedAt');

/**
 * The rows of `ids`, in that order, with their annotation counts: one transaction, every request
 * sent at once (IndexedDB answers a batch much faster than one request after another).
 */
async function readArticleSummaries(db: IDBDatabase, ids: readonly string[]): Promise<ArticleSummary[]> {
  const transaction = db.transaction(['articles', 'annotations'], 'readonly');
  const articles = transaction.objectStore('articles');
  const byArticle = transaction.objectStore('annotations').index('articleId');
  const rows = await Promise.all(
    ids.map((id) => Promise.all([requestResult(articles.get(id)), requestResult(byArticle.count(id))])),
  );
  return rows.flatMap(([article, annotationCount]) =>
    article ? [summaryOf(article as StoredArticle, annotationCount)] : [],
  );
}

/**
 * Ids of one batch of rows in the sort's order, of the `allowed` articles (all when null). Only the sort's
 * index is walked, key by key, and only until the batch is full: the first screen of a library of
 * any size costs a few dozen keys. Articles without the sort's date come after the dated ones.
 */
async function rowIds(
  db: IDBDatabase,
  sort: ArticleSort,
  allowed: ReadonlySet<string> | null,
  offset: number,
  limit: number,
): Promise<string[]> {
  const articles = () => db.transaction('articles', 'readonly').objectStore('articles');
  const wanted = (cursor: IDBCursor) => {
    const id = cursor.primaryKey as string;
    return !allowed || allowed.has(id) ? id : undefined;
  };
  if (sort === 'title') return walkCursor(articles().index('title').openKeyCursor(), wanted, offset, limit);
  const dated = new Set<string>();
  let datedWanted = 0;
  const ids = await walkCursor(
    articles().index(sortDateField(sort)).openKeyCursor(null, 'prev'),
    (cursor) => {
      dated.add(cursor.primaryKey as string);
      const id = wanted(cursor);
      if (id !== undefined) datedWanted++;
      return id;
    },
    offset,
    limit,
  );
  if (ids.length === limit) return ids;
  // Every dated article has been walked. IndexedDB leaves null values out of an index, so the
  // undated ones come from `createdAt`, newest first.
  const undated = await walkCursor(
    articles().index('createdAt').openKeyCursor(null, 'prev'),
    (cursor) => (dated.has(cursor.primaryKey as string) ? undefined : wanted(cursor)),
    Math.max(0, offset - datedWanted),
    limit - ids.length,
  );
  return [...ids, ...undated];
}

/** One batch of rows of the library's article list, sorted, of the `allowed` articles (all when null). */
export async function readArticleRows(
  db: IDBDatabase,
  sort: ArticleSort,
  offset: number,
  limit: number,
  allowed: ReadonlySet<string> | null = null,
): Promise<ArticleSummary[]> {
  return readArticleSummaries(db, await rowIds(db, sort, allowed, offset, limit));
}

/** How many articles the library holds, counted on an index (counting the table would read every body). */
export function countArticles(db: IDBDatabase): Promise<number> {
  return requestResult(db.transaction('articles', 'readonly').objectStore('articles').index('createdAt').count());
}
