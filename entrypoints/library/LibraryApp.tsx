import { useEffect, useState } from 'preact/hooks';
import { ArticleList } from '@/components/ArticleList';
import { ErrorNotice } from '@/components/ErrorNotice';
import { t } from '@/utils/i18n/translate';
import { callBackground } from '@/utils/message-client';
import type { ArticleRecord } from '@/utils/model/article';

/** The full library. For now the most recent articles; search and filters come with their issue. */
export function LibraryApp() {
  const [articles, setArticles] = useState<ArticleRecord[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    callBackground('articles.recent', { limit: 200 }).then(setArticles, setError);
  }, []);
  return (
    <main style={{ maxWidth: '48rem', margin: '0 auto', padding: '1rem' }}>
      <h1>{t('libraryTitle')}</h1>
      <ErrorNotice error={error} />
      {articles && <ArticleList articles={articles} emptyText={t('libraryEmpty')} />}
    </main>
  );
}
