import { useEffect, useState } from 'preact/hooks';
import { ErrorNotice } from '@/components/ErrorNotice';
import { ExportMenu } from '@/components/ExportMenu';
import { ImportNotes } from '@/components/ImportNotes';
import { GroupSyncStatus } from '@/components/GroupSyncStatus';
import { BackupOffer } from '@/components/BackupOffer';
import { ArticlesTable } from '@/components/library/ArticlesTable';
import { LibraryFilters } from '@/components/library/LibraryFilters';
import { NotesList } from '@/components/library/NotesList';
import { useArticleRows } from '@/components/library/use-article-rows';
import { useDeleteWithUndo } from '@/components/library/use-delete-with-undo';
import { useNoteList } from '@/components/library/use-note-list';
import { SearchBox } from '@/components/SearchBox';
import { SearchResults } from '@/components/SearchResults';
import { useSearch } from '@/components/use-search';
import { t } from '@/runtime/translate';
import type { ArticleSort } from '@/store/article-rows';
import { loadExportBundle } from '@/store/export-snapshot';
import { lazyDatabase } from '@/store/lazy-database';
import { hasFilters, type ArticleFilters } from '@/store/library-queries';
import './library.css';

const SEARCH_LIMIT = 50;

type View = 'articles' | 'annotations';

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
  const [error, setError] = useState<unknown>(null);
  const [revision, setRevision] = useState(0);
  const refresh = () => setRevision((value) => value + 1);
  const search = useSearch(query, SEARCH_LIMIT);
  const { articles, loadMore } = useArticleRows({
    active: view === 'articles',
    sort,
    filters,
    revision,
    onError: setError,
  });
  const noteList = useNoteList({ active: view === 'annotations', filters, revision, onError: setError });
  const removal = useDeleteWithUndo({ onChanged: refresh, onError: setError });
  const { selected, deleted } = removal;

  // Clips and notes made in other tabs show up when the library is looked at again.
  useEffect(() => {
    window.addEventListener('focus', refresh);
    return () => window.removeEventListener('focus', refresh);
  }, []);

  return (
    <main class="library">
      <header>
        <h1>{t('libraryTitle')}</h1>
        <SearchBox value={query} onInput={setQuery} />
        <div class="group-tools">
          <ExportMenu
            label={selected.size > 0 ? t('exportSelected', String(selected.size)) : t('exportEverything')}
            load={async () =>
              loadExportBundle(await lazyDatabase(), selected.size > 0 ? { articleIds: [...selected] } : 'all')
            }
          />
          <ImportNotes label={t('importNotes')} onImported={refresh} />
          <GroupSyncStatus onSynced={refresh} />
        </div>
      </header>
      <ErrorNotice error={error ?? search.error} />
      <BackupOffer start={articles !== null || noteList.notes !== null || error !== null} />
      {deleted && (
        <p role="status" class="pz-notice" data-testid="undo-delete">
          {t('libraryDeleted', String(deleted.articles.length))}{' '}
          <button onClick={() => void removal.undoDelete()}>{t('undo')}</button>
        </p>
      )}
      {query.trim() ? (
        search.result && <SearchResults {...search.result} />
      ) : (
        <>
          <div role="tablist" class="tabs">
            {(['articles', 'annotations'] as View[]).map((name) => (
              <button
                key={name}
                role="tab"
                aria-selected={view === name}
                data-testid={`tab-${name}`}
                onClick={() => setView(name)}
              >
                {t(name === 'articles' ? 'libraryArticles' : 'libraryAnnotations')}
              </button>
            ))}
          </div>
          <button aria-expanded={filtersOpen} data-testid="toggle-filters" onClick={() => setFiltersOpen(!filtersOpen)}>
            {t('libraryFilters')}
          </button>
          <LibraryFilters
            open={filtersOpen}
            forArticles={view === 'articles'}
            sort={sort}
            onSort={setSort}
            filters={filters}
            onFilter={(part) => setFilters((before) => ({ ...before, ...part }))}
            revision={revision}
            onError={setError}
          />
          {view === 'articles' && articles && (
            <ArticlesTable
              articles={articles}
              filtered={hasFilters(filters)}
              selected={selected}
              onSelect={removal.setSelected}
              onToggle={removal.toggle}
              onDelete={() => void removal.deleteSelected()}
              onMore={loadMore}
              onError={setError}
            />
          )}
          {view === 'annotations' && noteList.notes && (
            <NotesList notes={noteList.notes} versions={noteList.versions} onMore={noteList.loadMore} />
          )}
        </>
      )}
    </main>
  );
}
