import { useEffect, useLayoutEffect, useState } from 'preact/hooks';
import { ErrorNotice } from '@/components/ErrorNotice';
import { ExportMenu } from '@/components/ExportMenu';
import { ImportNotes } from '@/components/ImportNotes';
import { MoreButton } from '@/components/MoreButton';
import { pageDatabase } from '@/components/page-database';
import { SearchBox } from '@/components/SearchBox';
import { readerHref, SearchResults } from '@/components/SearchResults';
import { useSearch } from '@/components/use-search';
import { countArticles, readArticlePage, type ArticleSort, type ArticleSummary } from '@/utils/db/article-pages';
import { deleteArticles, restoreArticles, type DeletedArticles } from '@/utils/db/article-store';
import {
  hasFilters,
  libraryFacets,
  listAllAnnotations,
  listArticles,
  versionsOf,
  type AnnotationListItem,
  type ArticleFilters,
  type LibraryFacets,
} from '@/utils/db/library-queries';
import { readStoredDatabase } from '@/utils/db/plain-database';
import { loadExportBundle } from '@/utils/export/export-bundle';
import { HIGHLIGHT_COLORS, type HighlightColor } from '@/utils/highlight/colors';
import { t } from '@/utils/i18n/translate';
import type { AnnotationVersion } from '@/utils/model/annotation';
import { publishedForDisplay } from '@/utils/model/article';
import './library.css';

/** About a screenful: each page costs a request per row and per note count, so the first screen waits for no more. */
const PAGE_SIZE = 25;
const SEARCH_LIMIT = 50;
const COLORS = Object.keys(HIGHLIGHT_COLORS) as HighlightColor[];

type View = 'articles' | 'annotations';

/** A `<select>` of a filter: the first option means "all". */
function FilterSelect(props: { label: string; value: string; options: [string, string][]; onChange(value: string): void; testId: string }) {
  return (
    <label>
      {props.label}{' '}
      <select value={props.value} data-testid={props.testId} onChange={(event) => props.onChange(event.currentTarget.value)}>
        <option value="">{t('filterAll')}</option>
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * The library: every article with its dates and note count, sorted and filtered; every note
 * across articles; search over titles, text, quotes, notes and tags; delete with undo.
 */
export function LibraryApp() {
  const [view, setView] = useState<View>('articles');
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<ArticleSort>('clipped');
  const [filters, setFilters] = useState<ArticleFilters>({});
  const [filtersOpen, setFiltersOpen] = useState(false);
  const [facets, setFacets] = useState<LibraryFacets>({ sites: [], tags: [], authors: [] });
  const [articles, setArticles] = useState<{ total: number | null; rows: ArticleSummary[] } | null>(null);
  const [notes, setNotes] = useState<{ total: number; items: AnnotationListItem[] } | null>(null);
  const [versions, setVersions] = useState<Map<string, AnnotationVersion[]>>(new Map());
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [deleted, setDeleted] = useState<DeletedArticles | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [revision, setRevision] = useState(0);
  const search = useSearch(query, SEARCH_LIMIT);

  /**
   * A page of articles. With no filter set it is read with plain IndexedDB, so the first screen
   * does not wait for Dexie to load; filters need Dexie's queries.
   */
  const articlePage = async (offset: number) =>
    hasFilters(filters)
      ? listArticles(await pageDatabase(), { sort, filters, offset, limit: PAGE_SIZE })
      : { total: null, articles: await readStoredDatabase((plain) => readArticlePage(plain, sort, offset, PAGE_SIZE), []) };

  // Clips and notes made in other tabs show up when the library is looked at again.
  useEffect(() => {
    const refresh = () => setRevision((value) => value + 1);
    window.addEventListener('focus', refresh);
    return () => window.removeEventListener('focus', refresh);
  }, []);
  // A layout effect, so the first screen's read starts as the page is committed, not a frame later.
  useLayoutEffect(() => {
    if (view !== 'articles') return;
    articlePage(0).then(
      ({ total, articles: rows }) => setArticles({ total, rows }),
      setError,
    );
  }, [view, sort, filters, revision]);
  // The filter choices are read when the filters are opened, and the total once the first screen
  // is shown: IndexedDB walks a whole index to list distinct values or to count, and a walk over
  // a large library holds up every other request of the page (a search, the next screen).
  useEffect(() => {
    if (filtersOpen) void pageDatabase().then(libraryFacets).then(setFacets, setError);
  }, [revision, filtersOpen]);
  // Dexie is loaded once the first screen is up, so a search or a filter need not wait for it.
  const shown = articles !== null;
  useEffect(() => {
    if (shown) void pageDatabase();
  }, [shown]);
  useEffect(() => {
    if (articles && articles.total === null) {
      void readStoredDatabase(countArticles, 0).then((total) => setArticles((before) => before && { ...before, total }), setError);
    }
  }, [articles]);
  const noteFilters = { tag: filters.tag, color: filters.color, site: filters.site, author: filters.author };
  useEffect(() => {
    if (view !== 'annotations') return;
    pageDatabase()
      .then((db) => listAllAnnotations(db, { ...noteFilters, offset: 0, limit: PAGE_SIZE }))
      .then(setNotes, setError);
  }, [view, filters, revision]);
  // Edits that lost a merge conflict are shown under the note that won.
  useEffect(() => {
    if (notes) {
      void pageDatabase()
        .then((db) => versionsOf(db, notes.items.map((item) => item.annotation.id)))
        .then(setVersions, setError);
    }
  }, [notes]);

  const loadMore = async () => {
    if (!articles) return;
    try {
      const next = await articlePage(articles.rows.length);
      setArticles({ total: next.total ?? articles.total, rows: [...articles.rows, ...next.articles] });
    } catch (failure) {
      setError(failure);
    }
  };
  const loadMoreNotes = async () => {
    if (!notes) return;
    try {
      const next = await listAllAnnotations(await pageDatabase(), { ...noteFilters, offset: notes.items.length, limit: PAGE_SIZE });
      setNotes({ total: next.total, items: [...notes.items, ...next.items] });
    } catch (failure) {
      setError(failure);
    }
  };

  const filter = (part: Partial<ArticleFilters>) => setFilters((before) => ({ ...before, ...part }));
  const toggle = (id: string) =>
    setSelected((before) => {
      const next = new Set(before);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  const deleteSelected = async () => {
    try {
      setDeleted(await deleteArticles(await pageDatabase(), [...selected]));
      setSelected(new Set());
      setRevision((value) => value + 1);
    } catch (failure) {
      setError(failure);
    }
  };
  const undoDelete = async () => {
    if (!deleted) return;
    try {
      await restoreArticles(await pageDatabase(), deleted);
      setDeleted(null);
      setRevision((value) => value + 1);
    } catch (failure) {
      setError(failure);
    }
  };

  const searching = Boolean(query.trim());
  return (
    <main class="library">
      <header>
        <h1>{t('libraryTitle')}</h1>
        <SearchBox value={query} onInput={setQuery} />
        <div class="group-tools">
          <ExportMenu
            label={selected.size > 0 ? t('exportSelected', String(selected.size)) : t('exportEverything')}
            load={async () => loadExportBundle(await pageDatabase(), selected.size > 0 ? { articleIds: [...selected] } : 'all')}
            base={selected.size === 1 ? undefined : 'pizhu-notes'}
          />
          <ImportNotes label={t('importNotes')} onImported={() => setRevision((value) => value + 1)} />
        </div>
      </header>
      <ErrorNotice error={error ?? search.error} />
      {deleted && (
        <p role="status" class="pz-notice" data-testid="undo-delete">
          {t('libraryDeleted', String(deleted.articles.length))}{' '}
          <button onClick={() => void undoDelete()}>{t('undo')}</button>
        </p>
      )}
      {searching ? (
        search.result && <SearchResults {...search.result} />
      ) : (
        <>
          <div role="tablist" class="tabs">
            {(['articles', 'annotations'] as View[]).map((name) => (
              <button key={name} role="tab" aria-selected={view === name} data-testid={`tab-${name}`} onClick={() => setView(name)}>
                {t(name === 'articles' ? 'libraryArticles' : 'libraryAnnotations')}
              </button>
            ))}
          </div>
          <button aria-expanded={filtersOpen} data-testid="toggle-filters" onClick={() => setFiltersOpen(!filtersOpen)}>
            {t('libraryFilters')}
          </button>
          <div class="filters" hidden={!filtersOpen}>
            {view === 'articles' && (
              <label>
                {t('librarySort')}{' '}
                <select value={sort} data-testid="sort" onChange={(event) => setSort(event.currentTarget.value as ArticleSort)}>
                  <option value="clipped">{t('sortClipped')}</option>
                  <option value="published">{t('sortPublished')}</option>
                  <option value="title">{t('sortTitle')}</option>
                </select>
              </label>
            )}
            <FilterSelect label={t('filterSite')} value={filters.site ?? ''} testId="filter-site" options={facets.sites.map((site) => [site, site])} onChange={(site) => filter({ site: site || undefined })} />
            <FilterSelect label={t('filterTag')} value={filters.tag ?? ''} testId="filter-tag" options={facets.tags.map((tag) => [tag, tag])} onChange={(tag) => filter({ tag: tag || undefined })} />
            <FilterSelect label={t('filterAuthor')} value={filters.author ?? ''} testId="filter-author" options={facets.authors.map((author) => [author, author])} onChange={(author) => filter({ author: author || undefined })} />
            <FilterSelect
              label={t('filterColor')}
              value={filters.color ?? ''}
              testId="filter-color"
              options={COLORS.map((color) => [color, t(`color_${color}`)])}
              onChange={(color) => filter({ color: (color || undefined) as HighlightColor | undefined })}
            />
            {view === 'articles' && (
              <>
                <FilterSelect
                  label={t('filterState')}
                  value={filters.state ?? ''}
                  testId="filter-state"
                  options={[
                    ['clipped', t('stateClipped')],
                    ['annotated', t('stateAnnotated')],
                  ]}
                  onChange={(state) => filter({ state: (state || undefined) as ArticleFilters['state'] })}
                />
                <label>
                  {/* The range applies to the date the list is sorted by (clipped, unless sorted by 发布时间). */}
                  {t(sort === 'published' ? 'filterFromPublished' : 'filterFromClipped')} <input type="date" value={filters.from ?? ''} onChange={(event) => filter({ from: event.currentTarget.value || undefined })} />
                </label>
                <label>
                  {t('filterTo')} <input type="date" value={filters.to ?? ''} onChange={(event) => filter({ to: event.currentTarget.value || undefined })} />
                </label>
              </>
            )}
          </div>
          {view === 'articles' && articles && (
            <section data-testid="articles">
              <div class="bulk">
                <span class="pz-muted" data-testid="article-total">
                  {articles.total !== null && t('libraryCount', String(articles.total))}
                </span>
                <button disabled={selected.size === 0} onClick={() => void deleteSelected()} data-testid="delete-selected">
                  {t('libraryDeleteSelected', String(selected.size))}
                </button>
              </div>
              {articles.rows.length === 0 ? (
                <p class="pz-muted">{Object.values(filters).some(Boolean) ? t('libraryNoMatch') : t('libraryEmpty')}</p>
              ) : (
                <table class="articles">
                  <thead>
                    <tr>
                      <th>
                        <input
                          type="checkbox"
                          aria-label={t('librarySelectPage')}
                          checked={articles.rows.every((row) => selected.has(row.id))}
                          onChange={(event) => setSelected(event.currentTarget.checked ? new Set(articles.rows.map((row) => row.id)) : new Set())}
                        />
                      </th>
                      <th>{t('fieldTitle')}</th>
                      <th>{t('fieldSite')}</th>
                      <th>{t('fieldPublished')}</th>
                      <th>{t('fieldClipped')}</th>
                      <th>{t('columnAnnotations')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {articles.rows.map((row) => (
                      <tr key={row.id} data-testid="article-row">
                        <td>
                          <input type="checkbox" aria-label={t('librarySelect', row.title)} checked={selected.has(row.id)} onChange={() => toggle(row.id)} />
                        </td>
                        <td>
                          <a href={readerHref(row.id)} target="_blank" rel="noopener">
                            {row.title}
                          </a>
                        </td>
                        <td>{row.siteName ?? t('valueNone')}</td>
                        <td>{publishedForDisplay(row) ?? t('valueNone')}</td>
                        <td>{row.clippedAt?.slice(0, 10) ?? t('valueNone')}</td>
                        <td data-testid="annotation-count">{row.annotationCount}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              {articles.rows.length < (articles.total ?? 0) && <MoreButton onMore={loadMore} />}
            </section>
          )}
          {view === 'annotations' && notes && (
            <section data-testid="annotations">
              <p class="pz-muted">{t('libraryAnnotationCount', String(notes.total))}</p>
              {notes.items.length === 0 && <p class="pz-muted">{t('annotationsNoMatch')}</p>}
              <ul class="pz-list">
                {notes.items.map(({ annotation, article }) => (
                  <li key={annotation.id} class="note-item" style={{ '--swatch': HIGHLIGHT_COLORS[annotation.color] }} data-testid="annotation-item">
                    <span class="quote">{annotation.quote.exact}</span>
                    {annotation.note && <span class="note">{annotation.note}</span>}
                    <span class="pz-muted">
                      {annotation.tags.map((tag) => `#${tag}`).join(' ')}
                      {annotation.author && ` · ${annotation.author}`} ·{' '}
                      <a href={readerHref(article.id, annotation.id)} target="_blank" rel="noopener">
                        {article.title}
                      </a>
                    </span>
                    {versions.get(annotation.id) && (
                      <details class="versions" data-testid="annotation-versions">
                        <summary>{t('libraryVersions', String(versions.get(annotation.id)!.length))}</summary>
                        <ul>
                          {versions.get(annotation.id)!.map(({ key, record }) => (
                            <li key={key}>
                              {record.note || record.quote.exact}
                              <span class="pz-muted">
                                {' '}
                                · {record.author || t('valueNone')} · {record.updatedAt.slice(0, 16).replace('T', ' ')}
                              </span>
                            </li>
                          ))}
                        </ul>
                      </details>
                    )}
                  </li>
                ))}
              </ul>
              {notes.items.length < notes.total && <MoreButton onMore={loadMoreNotes} />}
            </section>
          )}
        </>
      )}
    </main>
  );
}
