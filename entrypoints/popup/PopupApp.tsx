import { useState } from 'preact/hooks';
import { ArticleList } from '@/components/ArticleList';
import { ErrorNotice } from '@/components/ErrorNotice';
import { ThisPageSection } from '@/components/popup/ThisPageSection';
import { useCurrentTab } from '@/components/popup/use-current-tab';
import { SearchBox } from '@/components/SearchBox';
import { SearchResults } from '@/components/SearchResults';
import { useSearch } from '@/components/use-search';
import { GroupSyncStatus } from '@/components/GroupSyncStatus';
import { t } from '@/runtime/translate';
import { openSidePanel } from '@/runtime/side-panel';

const SEARCH_LIMIT = 8;

/**
 * The toolbar popup: what the current page is (article or not, its metadata, its notes, clipped
 * or not), the clip button, a search box with instant results, and recent items. It reads the
 * database and the page's last report directly, so it never waits on the page or the background.
 */
export function PopupApp() {
  const tab = useCurrentTab();
  const [query, setQuery] = useState('');
  const search = useSearch(query, SEARCH_LIMIT);
  const searching = Boolean(query.trim());
  const [panelError, setPanelError] = useState<unknown>(null);

  return (
    <main>
      <SearchBox value={query} onInput={setQuery} />
      {searching && search.result && <SearchResults {...search.result} />}
      <ErrorNotice error={search.error ?? panelError} />
      <ThisPageSection tab={tab} hidden={searching} />
      <section aria-labelledby="recent" hidden={searching}>
        <h2 id="recent">{t('popupRecent')}</h2>
        {tab.recent && <ArticleList articles={tab.recent} emptyText={t('popupRecentEmpty')} />}
      </section>
      <GroupSyncStatus compact />
      <footer>
        {tab.tabId !== null && (
          <button
            type="button"
            class="pz-link"
            data-testid="open-side-panel"
            onClick={() => {
              // Called at once in the click: both browsers open a side panel only in answer to the reader.
              void openSidePanel({ id: tab.tabId! }).then(() => window.close(), setPanelError);
            }}
          >
            {t('popupOpenSidePanel')}
          </button>
        )}
        <a href="/library.html" target="_blank" data-testid="open-library">
          {t('popupOpenLibrary')}
        </a>
        <a href="/options.html" target="_blank">
          {t('popupOptions')}
        </a>
      </footer>
    </main>
  );
}
