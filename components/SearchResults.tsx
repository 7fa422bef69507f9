import type { SearchHit } from '@/store/library-queries';
import { t } from '@/runtime/translate';
import { MarkedPassage } from './MarkedPassage';

export const readerHref = (articleId: string, annotationId?: string) =>
  `/reader.html?id=${encodeURIComponent(articleId)}${annotationId ? `#annotation-${encodeURIComponent(annotationId)}` : ''}`;

/** Search hits: articles by title and passage, notes by their quote or note, each linking to the reader. */
export function SearchResults({ query, hits, more }: { query: string; hits: SearchHit[]; more: boolean }) {
  if (hits.length === 0)
    return (
      <p class="pz-muted" data-testid="search-empty">
        {t('searchNoHits', query)}
      </p>
    );
  return (
    <>
      <ul class="pz-list" data-testid="search-results">
        {hits.map((hit) => {
          const noteId = hit.kind === 'annotation' ? hit.annotation.id : undefined;
          return (
            <li key={noteId ? `n-${noteId}` : `a-${hit.article.id}`} data-kind={hit.kind}>
              {noteId && (
                <>
                  <span class="pz-badge">{t('searchInNote')}</span>{' '}
                </>
              )}
              <a href={readerHref(hit.article.id, noteId)} target="_blank" rel="noopener">
                <bdi>
                  {hit.kind === 'article' && hit.title ? <MarkedPassage passage={hit.title} /> : hit.article.title}
                </bdi>
              </a>
              {hit.passage && (
                <div class="pz-muted">
                  <MarkedPassage passage={hit.passage} />
                </div>
              )}
            </li>
          );
        })}
      </ul>
      {more && <p class="pz-muted">{t('searchMore')}</p>}
    </>
  );
}
