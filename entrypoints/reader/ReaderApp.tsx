import { GroupSummaryBox } from '@/components/GroupSummaryBox';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ArticleMetadata } from '@/components/ArticleMetadata';
import { correctedFields } from '@/utils/model/metadata-corrections';
import { ErrorNotice } from '@/components/ErrorNotice';
import { HeldImagesNotice, useHeldImages } from '@/components/HeldImagesNotice';
import { PrintedNotes } from '@/components/reader/PrintedNotes';
import { CopyReference } from '@/components/CopyReference';
import { ReaderControls } from '@/components/reader/ReaderControls';
import { ReaderOutline } from '@/components/reader/ReaderOutline';
import { useReaderAnnotations } from '@/components/reader/use-reader-annotations';
import { t } from '@/runtime/translate';
import { readerSetting, type ReaderSettings } from '@/runtime/user-settings';
import { lazyDatabase } from '@/store/lazy-database';
import type { ArticleRecord } from '@/utils/model/article';
import { sanitizeHtml } from '@/utils/sanitize/sanitize-html';
import './reader.css';

/**
 * The offline copy of a clipped article: its metadata, an outline from the Chinese numbered
 * headings, typography for long Chinese text, and the same highlighting tools as the live page.
 */
export function ReaderApp() {
  const id = new URLSearchParams(location.search).get('id') ?? '';
  const [article, setArticle] = useState<ArticleRecord | null | undefined>(undefined);
  const [settings, setSettings] = useState<ReaderSettings | null>(null);
  const [error, setError] = useState<unknown>(null);
  const body = useRef<HTMLDivElement>(null);

  useEffect(() => {
    lazyDatabase()
      .then((db) => db.articles.get(id))
      .then(
        (found) => {
          setArticle(found ?? null);
          if (found) document.title = found.title;
        },
        (reason) => {
          setArticle(null);
          setError(reason);
        },
      );
    void readerSetting.getValue().then(setSettings);
  }, [id]);

  // Stored HTML was sanitized when clipped; it is sanitized again here so that a bad row can
  // never run in the extension origin.
  const html = useMemo(() => (article ? sanitizeHtml(article.html, window) : ''), [article]);
  const notes = useReaderAnnotations(article, html, body, setError);
  const images = useHeldImages(body, article?.url ?? null, html);

  // The page's tools follow the reader's light or dark choice, not only the system's.
  useEffect(
    () => notes.uiHost?.setAttribute('data-theme', settings?.theme ?? 'light'),
    [settings?.theme, notes.uiHost],
  );

  const change = (next: Partial<ReaderSettings>) => {
    if (!settings) return;
    const updated = { ...settings, ...next };
    setSettings(updated);
    void readerSetting.setValue(updated);
  };

  if (article === undefined || !settings) return <p class="pz-muted">{t('popupLoading')}</p>;
  if (article === null) {
    return (
      <main style={{ padding: '1rem' }}>
        <ErrorNotice error={error} />
        {!error && <p class="pz-muted">{t('readerMissing')}</p>}
      </main>
    );
  }
  return (
    <div
      class="reader"
      data-font={settings.font}
      data-theme={settings.theme}
      style={{ '--reader-size': `${settings.size}px` }}
    >
      <ReaderOutline outline={article.outline} body={body} />
      <main>
        <ReaderControls
          articleId={article.id}
          settings={settings}
          onChange={change}
          members={notes.members}
          member={notes.member}
          onMember={(name) => void notes.showMember(name)}
        />
        <ErrorNotice error={error} />
        <article>
          <h1>{article.title}</h1>
          <ArticleMetadata metadata={article} withoutTitle corrected={correctedFields(article)} />
          <p class="pz-muted">
            {article.clippedAt && `${t('fieldClipped')} ${article.clippedAt.slice(0, 10)} · `}
            <a href={article.url} target="_blank" rel="noopener noreferrer" data-testid="original-link">
              {t('readerOriginal')}
            </a>{' '}
            <CopyReference article={article} />
          </p>
          <HeldImagesNotice images={images} />
          <div ref={body} class="body" data-testid="reader-body" dangerouslySetInnerHTML={{ __html: html }} />
        </article>
        <GroupSummaryBox article={article} records={notes.records} onGo={(id) => void notes.goTo(id)} />
        <PrintedNotes article={article} annotations={notes.shown} />
      </main>
    </div>
  );
}
