import { useEffect, useLayoutEffect, useState } from 'preact/hooks';
import { countArticles, readArticleRows, type ArticleSort, type ArticleSummary } from '@/store/article-rows';
import { lazyDatabase } from '@/store/lazy-database';
import { hasFilters, listArticles, type ArticleFilters } from '@/store/library-queries';
import { readStoredDatabase } from '@/store/plain-database';

/** About a screenful: each batch costs a request per row and per note count, so the first screen waits for no more. */
export const ROWS_PER_BATCH = 25;

/**
 * The library's article rows for a sort and filters, a batch at a time; `total` is null until
 * counted. `revision` changes when the library changed elsewhere.
 */
export function useArticleRows(options: {
  active: boolean;
  sort: ArticleSort;
  filters: ArticleFilters;
  revision: number;
  onError(error: unknown): void;
}) {
  const { active, sort, filters, revision, onError } = options;
  const [articles, setArticles] = useState<{ total: number | null; rows: ArticleSummary[] } | null>(null);

  /**
   * A batch of articles. With no filter set it is read with plain IndexedDB, so the first screen
   * does not wait for Dexie to load; filters need Dexie's queries.
   */
  const readRows = async (offset: number) =>
    hasFilters(filters)
      ? listArticles(await lazyDatabase(), { sort, filters, offset, limit: ROWS_PER_BATCH })
      : {
          total: null,
          articles: await readStoredDatabase((plain) => readArticleRows(plain, sort, offset, ROWS_PER_BATCH), []),
        };

  // A layout effect, so the first screen's read starts as the page is committed, not a frame later.
  useLayoutEffect(() => {
    if (!active) return;
    readRows(0).then(({ total, articles: rows }) => setArticles({ total, rows }), onError);
  }, [active, sort, filters, revision]);
  // Dexie is loaded once the first screen is up, so a search or a filter need not wait for it.
  const shown = articles !== null;
  useEffect(() => {
    if (shown) void lazyDatabase();
  }, [shown]);
  // The total once the first screen is shown: counting walks a whole index, which would hold up
  // every other request of the page (a search, the next screen).
  useEffect(() => {
    if (articles && articles.total === null) {
      void readStoredDatabase(countArticles, 0).then(
        (total) => setArticles((before) => before && { ...before, total }),
        onError,
      );
    }
  }, [articles]);

  const loadMore = async () => {
    if (!articles) return;
    try {
      const next = await readRows(articles.rows.length);
      setArticles({ total: next.total ?? articles.total, rows: [...articles.rows, ...next.articles] });
    } catch (failure) {
      onError(failure);
    }
  };
  return { articles, loadMore };
}
