import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { ArticleList } from '@/components/ArticleList';
import { ArticleMetadata } from '@/components/ArticleMetadata';
import { ErrorNotice } from '@/components/ErrorNotice';
import { t } from '@/utils/i18n/translate';
import { callBackground } from '@/utils/message-client';
import type { ArticleRecord } from '@/utils/model/article';
import type { PageStatus } from '@/utils/model/page-status';

const RECENT_LIMIT = 8;

/** The tab the popup speaks about: `?tabId=` when opened for a given tab, else the active one. */
async function targetTabId(): Promise<number | null> {
  const fromQuery = Number(new URLSearchParams(location.search).get('tabId'));
  if (Number.isInteger(fromQuery) && fromQuery > 0) return fromQuery;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

type ClipState = 'idle' | 'clipping' | 'done';

export function PopupApp() {
  const [tabId, setTabId] = useState<number | null>(null);
  const [status, setStatus] = useState<PageStatus | null | undefined>(undefined);
  const [recent, setRecent] = useState<ArticleRecord[] | null>(null);
  const [clip, setClip] = useState<ClipState>('idle');
  const [error, setError] = useState<unknown>(null);

  const loadRecent = () =>
    callBackground('articles.recent', { limit: RECENT_LIMIT }).then(setRecent, (reason) => setError(reason));

  useEffect(() => {
    void loadRecent();
    void targetTabId().then(async (id) => {
      setTabId(id);
      setStatus(id === null ? null : await callBackground('page.status', { tabId: id }).catch(() => null));
    });
  }, []);

  /** Runs the content script on the tab, or has it take the page for an article anyway. */
  const updateStatus = (type: 'page.activate' | 'page.treatAsArticle') => async () => {
    if (tabId === null) return;
    setError(null);
    try {
      setStatus(await callBackground(type, { tabId }));
    } catch (reason) {
      setError(reason);
    }
  };

  const clipArticle = async () => {
    if (tabId === null) return;
    setError(null);
    setClip('clipping');
    try {
      await callBackground('article.clip', { tabId });
      setClip('done');
      await loadRecent();
    } catch (reason) {
      setClip('idle');
      setError(reason);
    }
  };


  return (
    <main>
      <section aria-labelledby="this-page" data-testid="this-page">
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
            {!status.isArticle && <p class="pz-muted" data-testid="not-article">{t('popupNotArticle')}</p>}
            <div class="actions">
              {status.isArticle ? (
                <button class="primary" onClick={clipArticle} disabled={clip === 'clipping'} data-testid="clip">
                  {clip === 'clipping' ? t('popupClipping') : clip === 'done' ? t('popupClipped') : t('popupClip')}
                </button>
              ) : (
                <button onClick={updateStatus('page.treatAsArticle')} data-testid="treat-as-article">
                  {t('popupTreatAsArticle')}
                </button>
              )}
            </div>
          </>
        )}
        <ErrorNotice error={error} />
      </section>
      <section aria-labelledby="recent">
        <h2 id="recent">{t('popupRecent')}</h2>
        {recent && <ArticleList articles={recent} emptyText={t('popupRecentEmpty')} />}
      </section>
      <footer>
        <a href="/library.html" target="_blank">
          {t('popupOpenLibrary')}
        </a>
        <a href="/options.html" target="_blank">
          {t('popupOptions')}
        </a>
      </footer>
    </main>
  );
}
