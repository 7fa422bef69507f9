import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import { MoreButton } from '@/components/MoreButton';
import { ArticleGroupSummary } from './ArticleGroupSummary';
import { readerHref } from '@/components/SearchResults';
import { t } from '@/runtime/translate';
import type { ArticleSummary } from '@/store/article-rows';
import { publishedForDisplay } from '@/utils/model/article';

/**
 * The library's articles: a row each with its dates and note count, ticked for export or deletion;
 * an article with two notes or more opens its 小组汇总 under its row.
 */
export function ArticlesTable(props: {
  articles: { total: number | null; rows: ArticleSummary[] };
  filtered: boolean;
  selected: ReadonlySet<string>;
  onSelect(ids: Set<string>): void;
  onToggle(id: string): void;
  onDelete(): void;
  onMore(): Promise<void>;
  onError(error: unknown): void;
}) {
  const { articles, selected } = props;
  const [summaryOf, setSummaryOf] = useState<string | null>(null);
  return (
    <section data-testid="articles">
      <div class="bulk">
        <span class="pz-muted" data-testid="article-total">
          {articles.total !== null && t('libraryCount', String(articles.total))}
        </span>
        <button disabled={selected.size === 0} onClick={props.onDelete} data-testid="delete-selected">
          {t('libraryDeleteSelected', String(selected.size))}
        </button>
      </div>
      {articles.rows.length === 0 ? (
        <p class="pz-muted">{props.filtered ? t('libraryNoMatch') : t('libraryEmpty')}</p>
      ) : (
        <table class="articles">
          <thead>
            <tr>
              <th>
                <input
                  type="checkbox"
                  aria-label={t('librarySelectPage')}
                  checked={articles.rows.every((row) => selected.has(row.id))}
                  onChange={(event) =>
                    props.onSelect(
                      event.currentTarget.checked ? new Set(articles.rows.map((row) => row.id)) : new Set(),
                    )
                  }
                />
              </th>
              <th>{t('fieldTitle')}</th>
              <th>{t('fieldSite')}</th>
              <th>{t('fieldPublished')}</th>
              <th>{t('fieldClipped')}</th>
              <th>{t('columnAnnotations')}</th>
            </tr>
          </thead>
          <tbody>
            {articles.rows.map((row) => (
              <Fragment key={row.id}>
                <tr data-testid="article-row">
                  <td>
                    <input
                      type="checkbox"
                      aria-label={t('librarySelect', row.title)}
                      checked={selected.has(row.id)}
                      onChange={() => props.onToggle(row.id)}
                    />
                  </td>
                  <td>
                    <a href={readerHref(row.id)} target="_blank" rel="noopener">
                      {row.title}
                    </a>
                  </td>
                  <td>{row.siteName ?? t('valueNone')}</td>
                  <td>{publishedForDisplay(row) ?? t('valueNone')}</td>
                  <td>{row.clippedAt?.slice(0, 10) ?? t('valueNone')}</td>
                  <td>
                    <span data-testid="annotation-count">{row.annotationCount}</span>{' '}
                    {row.annotationCount >= 2 && (
                      <button
                        type="button"
                        class="pz-link"
                        aria-expanded={summaryOf === row.id}
                        data-testid="open-group-summary"
                        onClick={() => setSummaryOf(summaryOf === row.id ? null : row.id)}
                      >
                        {t('groupSummaryTitle')}
                      </button>
                    )}
                  </td>
                </tr>
                {summaryOf === row.id && (
                  <tr>
                    <td colSpan={6}>
                      <ArticleGroupSummary articleId={row.id} onError={props.onError} />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      )}
      {articles.rows.length < (articles.total ?? 0) && <MoreButton onMore={props.onMore} />}
    </section>
  );
}
