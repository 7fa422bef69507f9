import { useEffect, useLayoutEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { ArticleList } from '@/components/ArticleList';
import { AlwaysRunHere } from '@/components/AlwaysRunHere';
import { ArticleMetadata } from '@/components/ArticleMetadata';
import { ErrorNotice } from '@/components/ErrorNotice';
import { ExportMenu } from '@/components/ExportMenu';
import { pageDatabase } from '@/components/page-database';
import { SearchBox } from '@/components/SearchBox';
import { readerHref, SearchResults } from '@/components/SearchResults';
import { useSearch } from '@/components/use-search';
import { readStoredDatabase } from '@/utils/db/plain-database';
import { readPageRecord, readRecentArticles } from '@/utils/db/popup-reads';
import { PizhuError } from '@/utils/errors';
import type { ClipMode } from '@/utils/extract/clip-fallbacks';
import { FIRST_SCREEN_MARK } from '@/utils/first-screen-mark';
import { t } from '@/utils/i18n/translate';
import type { ArticleRecord } from '@/utils/model/article';
import type { PageStatus } from '@/utils/model/page-status';
import { recallPageStatus } from '@/utils/page-status-cache';

const RECENT_LIMIT = 8;
const NOTHING_STORED = { article: null, notes: 0 };
const SEARCH_LIMIT = 8;

/** The message schemas are loaded on first use, not before the first screen. */
const callBackground: typeof import('@/utils/message-client').callBackground = async (type, payload) =>
  (await import('@/utils/message-client')).callBackground(type, payload);

/** The tab the popup speaks about: `?tabId=` when opened for a given tab, else the active one. */
async function targetTabId(): Promise<number | null> {
  const fromQuery = Number(new URLSearchParams(location.search).get('tabId'));
  if (Number.isInteger(fromQuery) && fromQuery > 0) return fromQuery;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

type ClipState = 'idle' | 'clipping' | 'done' | 'not-extractable';

/** Errors after which the user may still keep the selection or the page's whole text. */
const cannotReadArticle = (error: unknown) =>
  error instanceof PizhuError && ['not-extractable', 'page-too-complex', 'page-too-long'].includes(error.code);

/** Why the page was not analysed, in the UI language. */
function stoppedText({ kind, found, limit }: NonNullable<PageStatus['stopped']>): string {
  return `${t(`popupStopped_${kind}`, [found.toLocaleString(), limit.toLocaleString()])} ${t('popupStoppedHelp')}`;
}

/**
 * The toolbar popup: what the current page is (article or not, its metadata, its notes, clipped
 * or not), the clip button, a search box with instant results, and recent items. It reads the
 * database and the page's last report directly, so it never waits on the page or the background.
 */
export function PopupApp() {
  const [tabId, setTabId] = useState<number | null>(null);
  const [status, setStatus] = useState<PageStatus | null | undefined>(undefined);
  const [stored, setStored] = useState<{ article: ArticleRecord | null; notes: number } | null>(null);
  const [recent, setRecent] = useState<ArticleRecord[] | null>(null);
  const [clip, setClip] = useState<ClipState>('idle');
  const [error, setError] = useState<unknown>(null);
  const [query, setQuery] = useState('');
  const search = useSearch(query, SEARCH_LIMIT);

  const loadRecent = () => readStoredDatabase((db) => readRecentArticles(db, RECENT_LIMIT), []).then(setRecent, setError);
  const loadStored = async (url: string) => setStored(await readStoredDatabase((db) => readPageRecord(db, url), NOTHING_STORED));

  // A layout effect runs as the first render is committed; Preact runs a plain effect only after
  // the next frame, and the reads would wait for it.
  useLayoutEffect(() => {
    const recalled = targetTabId().then(async (id) => {
      setTabId(id);
      const found = id === null ? null : await recallPageStatus(id).catch(() => null);
      setStatus(found);
      return found;
    });
    // One connection, opened while the page's status is recalled, serves the first screen.
    readStoredDatabase(
      (db) => Promise.all([readRecentArticles(db, RECENT_LIMIT), recalled.then((found) => (found ? readPageRecord(db, found.url) : NOTHING_STORED))]),
      [[], NOTHING_STORED] as const,
    ).then(([articles, page]) => {
      setRecent(articles);
      setStored(page);
    }, setError);
  }, []);

  // The first screen (page status, its record, recent items) is marked once shown, for DevTools and
  // bench:library: the popup opened from the toolbar is a page no test can hook before it loads.
  const firstScreenShown = status !== undefined && recent !== null && (status === null || stored !== null);
  useEffect(() => {
    if (firstScreenShown) performance.mark(FIRST_SCREEN_MARK);
  }, [firstScreenShown]);

  /** Runs the content script on the tab, or has it take the page for an article anyway. */
  const updateStatus = (type: 'page.activate' | 'page.treatAsArticle') => async () => {
    if (tabId === null) return;
    setError(null);
    try {
      const next = await callBackground(type, { tabId });
      setStatus(next);
      if (next) await loadStored(next.url);
    } catch (reason) {
      if (cannotReadArticle(reason)) setClip('not-extractable');
      setError(reason);
    }
  };

  const clipArticle = (mode: ClipMode) => async () => {
    if (tabId === null) return;
    setError(null);
    setClip('clipping');
    try {
      const article = await callBackground('article.clip', { tabId, mode });
      setClip('done');
      setStored((before) => ({ article, notes: before?.notes ?? 0 }));
      await loadRecent();
    } catch (reason) {
      setClip(cannotReadArticle(reason) && mode === 'article' ? 'not-extractable' : 'idle');
      // The page no longer has Pizhu (it was reloaded or left): show 在此页启用, which the message names.
      if (reason instanceof PizhuError && reason.code === 'no-content-script') setStatus(null);
      setError(reason);
    }
  };

  // Clipped is a state, shown as one; clipping again is offered quietly, not as the main action.
  const clippedBefore = Boolean(stored?.article?.clippedAt);
  const clipLabel = clip === 'clipping' ? t('popupClipping') : clip === 'done' ? t('popupClipped') : clippedBefore ? t('popupReclip') : t('popupClip');
  const clipClass = clip === 'done' ? 'done' : clippedBefore ? '' : 'primary';

  return (
    <main>
      <SearchBox value={query} onInput={setQuery} />
      {query.trim() && search.result && <SearchResults {...search.result} />}
      <ErrorNotice error={search.error} />
      <section aria-labelledby="this-page" data-testid="this-page" hidden={Boolean(query.trim())}>
        <h2 id="this-page">{t('popupThisPage')}</h2>
        {status === undefined && <p class="pz-muted">{t('popupLoading')}</p>}
        {status === null && (
          <>
            <p class="pz-muted">{t('popupNotRunning')}</p>
            <div class="actions">
              <button onClick={updateStatus('page.activate')} data-testid="activate">
                {t('popupActivate')}
              </button>
            </div>
          </>
        )}
        {status && (
          <>
            {status.metadata ? <ArticleMetadata metadata={status.metadata} /> : null}
            {status.stopped ? (
              <p class="pz-muted" data-testid="page-stopped">
                {stoppedText(status.stopped)}
              </p>
            ) : (
              !status.isArticle && (
                <p class="pz-muted" data-testid="not-article">
                  {t('popupNotArticle')}
                </p>
              )
            )}
            {stored && (
              <p class="pz-muted" data-testid="page-stored">
                {t('popupAnnotationCount', String(stored.notes))} ·{' '}
                {stored.article?.clippedAt ? t('popupClippedAt', stored.article.clippedAt.slice(0, 10)) : t('popupNotClipped')}
                {stored.article?.clippedAt && (
                  <>
                    {' · '}
                    <a href={readerHref(stored.article.id)} target="_blank" rel="noopener" data-testid="open-reader">
                      {t('popupOpenReader')}
                    </a>
                  </>
                )}
              </p>
            )}
            <div class="actions">
              {status.isArticle ? (
                <button class={clipClass} onClick={clipArticle('article')} disabled={clip === 'clipping' || clip === 'done'} data-testid="clip">
                  {clipLabel}
                </button>
              ) : (
                <button onClick={updateStatus('page.treatAsArticle')} data-testid="treat-as-article">
                  {t('popupTreatAsArticle')}
                </button>
              )}
              <AlwaysRunHere url={status.url} />
              {stored?.article && stored.notes > 0 && (
                <ExportMenu label={t('exportThisArticle')} load={async () => (await import('@/utils/export/export-bundle')).loadExportBundle(await pageDatabase(), { articleIds: [stored.article!.id] })} />
              )}
            </div>
          </>
        )}
        <ErrorNotice error={error} />
        {/* A page not read (over the limits) can still be kept in part, with no reading at all. */}
        {(clip === 'not-extractable' || Boolean(status?.stopped)) && (
          <div class="actions" data-testid="clip-fallbacks">
            {clip === 'not-extractable' && <p class="pz-muted">{t('popupNotExtractableHelp')}</p>}
            <button onClick={clipArticle('selection')}>{t('popupSaveSelection')}</button>
            <button onClick={clipArticle('page')}>{t('popupSavePage')}</button>
            {clip === 'done' && !status?.isArticle && (
              <p role="status" data-testid="clip-done">
                {t('popupClipped')}
              </p>
            )}
          </div>
        )}
      </section>
      <section aria-labelledby="recent" hidden={Boolean(query.trim())}>
        <h2 id="recent">{t('popupRecent')}</h2>
        {recent && <ArticleList articles={recent} emptyText={t('popupRecentEmpty')} />}
      </section>
      <footer>
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
