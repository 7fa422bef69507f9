import { useEffect, useMemo, useState } from 'preact/hooks';
import { ArticleMetadata } from '@/components/ArticleMetadata';
import { ErrorNotice } from '@/components/ErrorNotice';
import { t } from '@/utils/i18n/translate';
import { callBackground } from '@/utils/message-client';
import type { ArticleRecord } from '@/utils/model/article';
import { sanitizeHtml } from '@/utils/sanitize/sanitize-html';

/** The offline copy of a clipped article. */
export function ReaderApp() {
  const id = new URLSearchParams(location.search).get('id') ?? '';
  const [article, setArticle] = useState<ArticleRecord | null | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    callBackground('article.get', { id }).then(setArticle, (reason) => {
      setArticle(null);
      setError(reason);
    });
  }, [id]);
  // Stored HTML was sanitized when clipped; it is sanitized again here so that a bad row can
  // never run in the extension origin.
  const body = useMemo(() => (article ? sanitizeHtml(article.html, window) : ''), [article]);
  return (
    <main style={{ maxWidth: '42rem', margin: '0 auto', padding: '1rem' }}>
      <ErrorNotice error={error} />
      {article === null && !error && <p class="pz-muted">{t('readerMissing')}</p>}
      {article && (
        <article>
          <h1>{article.title}</h1>
          <ArticleMetadata metadata={article} />
          <a href={article.url} target="_blank" rel="noopener noreferrer">
            {article.url}
          </a>
          <div data-testid="reader-body" dangerouslySetInnerHTML={{ __html: body }} />
        </article>
      )}
    </main>
  );
}
