import { useEffect, useState } from 'preact/hooks';
import { GroupSummaryBox } from '@/components/GroupSummaryBox';
import { readerHref } from '@/components/SearchResults';
import { t } from '@/runtime/translate';
import { lazyDatabase } from '@/store/lazy-database';
import type { AnnotationRecord } from '@/utils/model/annotation';
import type { ArticleRecord } from '@/utils/model/article';

/**
 * 小组汇总 of one article in the library, read when the reader opens it (a row's records are not
 * read for the list). A passage opens the reader at it.
 */
export function ArticleGroupSummary({ articleId, onError }: { articleId: string; onError(error: unknown): void }) {
  const [found, setFound] = useState<{ article: ArticleRecord; records: AnnotationRecord[] } | null>(null);
  useEffect(() => {
    lazyDatabase()
      .then(async (db) => {
        const [article, records] = await Promise.all([
          db.articles.get(articleId),
          db.annotations.where('articleId').equals(articleId).toArray(),
        ]);
        if (article) setFound({ article, records });
      })
      .catch(onError);
  }, [articleId]);
  if (!found) return null;
  return (
    <GroupSummaryBox
      article={found.article}
      records={found.records}
      alone={t('groupSummaryAlone')}
      onGo={(id) => window.open(readerHref(articleId, id), '_blank', 'noopener')}
    />
  );
}
