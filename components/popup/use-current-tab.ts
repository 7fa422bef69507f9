import { useEffect, useLayoutEffect, useState } from 'preact/hooks';
import { activeTabId } from '@/runtime/active-tab';
import { recallPageStatus } from '@/runtime/page-status-cache';
import { readPageRecord, readRecentArticles } from '@/store/article-lookups';
import { readStoredDatabase } from '@/store/plain-database';
import { PizhuError } from '@/utils/errors';
import type { ClipMode } from '@/utils/extract/clip-fallbacks';
import { FIRST_SCREEN_MARK } from '@/utils/first-screen-mark';
import type { ArticleRecord } from '@/utils/model/article';
import type { CorrectionInput } from '@/utils/model/metadata-corrections';
import type { PageStatus } from '@/utils/model/page-status';

const RECENT_LIMIT = 8;
const NOTHING_STORED = { article: null, notes: 0 };

/** The message schemas are loaded on first use, not before the first screen. */
const callBackground: typeof import('@/runtime/message-client').callBackground = async (type, payload) =>
  (await import('@/runtime/message-client')).callBackground(type, payload);

/** The tab the popup speaks about: `?tabId=` when opened for a given tab, else the active one. */
async function targetTabId(): Promise<number | null> {
  const fromQuery = Number(new URLSearchParams(location.search).get('tabId'));
  if (Number.isInteger(fromQuery) && fromQuery > 0) return fromQuery;
  return activeTabId();
}

export type ClipState = 'idle' | 'clipping' | 'done' | 'not-extractable';

/** Errors after which the user may still keep the selection or the page's whole text. */
const cannotReadArticle = (error: unknown) =>
  error instanceof PizhuError && ['not-extractable', 'page-too-complex', 'page-too-long'].includes(error.code);

/**
 * What the popup knows of the current tab — the page's last report (`status`: undefined while
 * recalled, null where Pizhu does not run), what is stored for its address, the recent articles —
 * and the actions on it: run Pizhu there, take the page for an article, clip it.
 */
export function useCurrentTab() {
  const [tabId, setTabId] = useState<number | null>(null);
  const [status, setStatus] = useState<PageStatus | null | undefined>(undefined);
  const [stored, setStored] = useState<{ article: ArticleRecord | null; notes: number } | null>(null);
  const [recent, setRecent] = useState<ArticleRecord[] | null>(null);
  const [clip, setClip] = useState<ClipState>('idle');
  const [error, setError] = useState<unknown>(null);

  const loadRecent = () =>
    readStoredDatabase((db) => readRecentArticles(db, RECENT_LIMIT), []).then(setRecent, setError);
  const loadStored = async (url: string) =>
    setStored(await readStoredDatabase((db) => readPageRecord(db, url), NOTHING_STORED));

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
      (db) =>
        Promise.all([
          readRecentArticles(db, RECENT_LIMIT),
          recalled.then((found) => (found ? readPageRecord(db, found.url) : NOTHING_STORED)),
        ]),
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

  /** Saves the reader's corrections of the page's details; a failure is the caller's to show. */
  const correctDetails = async (fields: CorrectionInput) => {
    if (tabId === null || !status) return;
    const article = await callBackground('article.correct', { tabId, url: status.url, fields });
    setStored((before) => ({ article, notes: before?.notes ?? 0 }));
    await loadRecent();
  };

  return { tabId, status, stored, recent, clip, error, updateStatus, clipArticle, correctDetails };
}
