import { publishedForDisplay, type ArticleRecord } from '@/utils/model/article';
import { t } from '@/runtime/translate';

/** Articles as a list of links to their offline copy. */
export function ArticleList({ articles, emptyText }: { articles: ArticleRecord[]; emptyText: string }) {
  if (articles.length === 0) return <p class="pz-muted">{emptyText}</p>;
  return (
    <ul class="pz-list" data-testid="article-list">
      {articles.map((article) => (
        <li key={article.id}>
          <a href={`/reader.html?id=${encodeURIComponent(article.id)}`} target="_blank" rel="noopener">
            <bdi>{article.title}</bdi>
          </a>
          <div class="pz-muted">
            {article.siteName && <bdi>{article.siteName}</bdi>}
            {article.siteName && publishedForDisplay(article) && ' · '}
            {publishedForDisplay(article) && <bdi>{publishedForDisplay(article)}</bdi>}
            {!article.siteName && !publishedForDisplay(article) && t('valueNone')}
          </div>
        </li>
      ))}
    </ul>
  );
}
