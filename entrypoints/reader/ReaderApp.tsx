import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ArticleMetadata } from '@/components/ArticleMetadata';
import { backgroundAnnotationStore, isRetryableError, mountAnnotator } from '@/components/annotator/mount-annotator';
import { ErrorNotice } from '@/components/ErrorNotice';
import { ExportMenu } from '@/components/ExportMenu';
import { pageDatabase } from '@/components/page-database';
import { HeldImagesNotice, useHeldImages } from '@/components/HeldImagesNotice';
import { citeQuote } from '@/utils/annotate/citation';
import { createPageAnnotator, type PageAnnotator } from '@/utils/annotate/page-annotator';
import { listAnnotationsForUrl } from '@/utils/db/annotation-store';
import { loadExportBundle } from '@/utils/export/export-bundle';
import { sectionsInReadingOrder } from '@/utils/export/reading-order';
import { HIGHLIGHT_COLORS } from '@/utils/highlight/colors';
import { createPainter } from '@/utils/highlight/paint-highlights';
import { t } from '@/utils/i18n/translate';
import type { AnnotationRecord } from '@/utils/model/annotation';
import type { ArticleRecord, OutlineItem } from '@/utils/model/article';
import { sanitizeHtml } from '@/utils/sanitize/sanitize-html';
import { READER_SIZES, readerSetting, type ReaderSettings } from '@/utils/settings/user-settings';
import { stripSpace } from '@/utils/text/normalize-space';
import './reader.css';

/** The element of the body that shows an outline heading. */
function headingElement(body: Element, item: OutlineItem): Element | null {
  const wanted = stripSpace(item.text);
  for (const element of body.querySelectorAll('h1, h2, h3, h4, h5, h6, p, li, strong, b, div')) {
    if (element.querySelector('p, div, li') && element.tagName !== 'LI') continue;
    if (stripSpace(element.textContent ?? '').startsWith(wanted)) return element;
  }
  return null;
}

/**
 * The offline copy of a clipped article: its metadata, an outline from the Chinese numbered
 * headings, typography for long Chinese text, and the same highlighting tools as the live page —
 * on the same annotations, since both anchor on the same article text.
 */
export function ReaderApp() {
  const id = new URLSearchParams(location.search).get('id') ?? '';
  const [article, setArticle] = useState<ArticleRecord | null | undefined>(undefined);
  const [settings, setSettings] = useState<ReaderSettings | null>(null);
  const [error, setError] = useState<unknown>(null);
  const body = useRef<HTMLDivElement>(null);
  const annotator = useRef<PageAnnotator | null>(null);
  const uiHost = useRef<HTMLElement | null>(null);
  /** What the page shows now, kept in step with the annotator, for the printed notes. */
  const [shown, setShown] = useState<AnnotationRecord[]>([]);
  const [members, setMembers] = useState<string[]>([]);
  const [member, setMember] = useState('');

  useEffect(() => {
    pageDatabase()
      .then((db) => db.articles.get(id))
      .then((found) => {
        setArticle(found ?? null);
        if (found) document.title = found.title;
      }, (reason) => {
        setArticle(null);
        setError(reason);
      });
    void readerSetting.getValue().then(setSettings);
  }, [id]);

  // Stored HTML was sanitized when clipped; it is sanitized again here so that a bad row can
  // never run in the extension origin.
  const html = useMemo(() => (article ? sanitizeHtml(article.html, window) : ''), [article]);

  useEffect(() => {
    const root = body.current;
    if (!article || !root || annotator.current) return;
    const pageAnnotator = createPageAnnotator({
      url: () => article.url,
      root: () => root,
      painter: createPainter(document),
      isRetryable: isRetryableError,
      store: backgroundAnnotationStore,
    });
    annotator.current = pageAnnotator;
    const { host } = mountAnnotator({ annotator: pageAnnotator, cite: (quote) => citeQuote(quote, article) });
    uiHost.current = host;
    pageAnnotator.subscribe(({ annotations }) =>
      setShown(annotations.flatMap(({ input, saved }) => (saved ? [{ ...saved, ...input }] : []))),
    );
    pageDatabase()
      .then((db) => listAnnotationsForUrl(db, article.url))
      .then((records) => {
        pageAnnotator.load(records);
        setMembers([...new Set(records.map((record) => record.author).filter(Boolean))].sort());
        const linked = /^#annotation-(.+)$/.exec(location.hash)?.[1];
        const range = linked ? pageAnnotator.rangeOf(decodeURIComponent(linked)) : null;
        range?.startContainer.parentElement?.scrollIntoView({ block: 'center' });
      }, setError);
  }, [article, html]);

  const images = useHeldImages(body, article?.url ?? null, html);

  /** Shows one member's highlights, or everyone's (''). */
  const showMember = async (name: string) => {
    setMember(name);
    if (!article || !annotator.current) return;
    try {
      const records = await listAnnotationsForUrl(await pageDatabase(), article.url);
      annotator.current.load(name ? records.filter((record) => record.author === name) : records);
    } catch (failure) {
      setError(failure);
    }
  };

  // The page's tools follow the reader's light or dark choice, not only the system's.
  useEffect(() => uiHost.current?.setAttribute('data-theme', settings?.theme ?? 'light'), [settings?.theme, article]);

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
    <div class="reader" data-font={settings.font} data-theme={settings.theme} style={{ '--reader-size': `${settings.size}px` }}>
      <nav aria-label={t('readerOutline')}>
        <strong>{t('readerOutline')}</strong>
        <ol data-testid="outline">
          {article.outline.map((item, index) => (
            <li key={index} data-level={item.level}>
              <button type="button" onClick={() => body.current && headingElement(body.current, item)?.scrollIntoView({ block: 'start' })}>
                {item.text}
              </button>
            </li>
          ))}
        </ol>
      </nav>
      <main>
        <div class="controls">
          <label>
            {t('readerFont')}{' '}
            <select value={settings.font} onChange={(event) => change({ font: event.currentTarget.value as ReaderSettings['font'] })}>
              <option value="song">{t('fontSong')}</option>
              <option value="hei">{t('fontHei')}</option>
            </select>
          </label>
          <button type="button" aria-label={t('readerSmaller')} disabled={settings.size <= READER_SIZES.min} onClick={() => change({ size: settings.size - READER_SIZES.step })}>
            A−
          </button>
          <button type="button" aria-label={t('readerLarger')} disabled={settings.size >= READER_SIZES.max} onClick={() => change({ size: settings.size + READER_SIZES.step })}>
            A+
          </button>
          <label>
            {t('readerTheme')}{' '}
            <select value={settings.theme} onChange={(event) => change({ theme: event.currentTarget.value as ReaderSettings['theme'] })}>
              <option value="light">{t('themeLight')}</option>
              <option value="dark">{t('themeDark')}</option>
            </select>
          </label>
          {members.length > 0 && (
            <label>
              {t('readerMember')}{' '}
              <select value={member} data-testid="reader-member" onChange={(event) => void showMember(event.currentTarget.value)}>
                <option value="">{t('filterAll')}</option>
                {members.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </select>
            </label>
          )}
          <ExportMenu label={t('exportMenu')} load={async () => loadExportBundle(await pageDatabase(), { articleIds: [article.id] })} />
          <button type="button" data-testid="print" onClick={() => window.print()}>
            {t('printWithNotes')}
          </button>
        </div>
        <ErrorNotice error={error} />
        <article>
          <h1>{article.title}</h1>
          <ArticleMetadata metadata={article} withoutTitle />
          <p class="pz-muted">
            {article.clippedAt && `${t('fieldClipped')} ${article.clippedAt.slice(0, 10)} · `}
            <a href={article.url} target="_blank" rel="noopener noreferrer" data-testid="original-link">
              {t('readerOriginal')}
            </a>
          </p>
          <HeldImagesNotice images={images} />
          <div ref={body} class="body" data-testid="reader-body" dangerouslySetInnerHTML={{ __html: html }} />
        </article>
        <PrintedNotes article={article} annotations={shown} />
      </main>
    </div>
  );
}

/** The notes as the print view lists them after the article: in reading order, under the outline headings. */
function PrintedNotes({ article, annotations }: { article: ArticleRecord; annotations: AnnotationRecord[] }) {
  if (annotations.length === 0) return null;
  return (
    <section class="printed-notes" data-testid="printed-notes">
      <h2>{t('readerNotesHeading')}</h2>
      {sectionsInReadingOrder(article, annotations).map((section, index) => (
        <div key={index}>
          {section.headings.length > 0 && <h3>{section.headings.map((heading) => heading.text).join(' · ')}</h3>}
          {section.annotations.map((annotation) => (
            <div key={annotation.id} class="printed-note">
              <blockquote style={{ background: HIGHLIGHT_COLORS[annotation.color] }}>{annotation.quote.exact}</blockquote>
              {annotation.note && <p class="note">{annotation.note}</p>}
              <p class="pz-muted">
                {[annotation.tags.map((tag) => `#${tag}`).join(' '), annotation.author].filter(Boolean).join(' · ')}
              </p>
            </div>
          ))}
        </div>
      ))}
    </section>
  );
}
