import { tagList } from '@/components/IsolatedText';
import { MoreButton } from '@/components/MoreButton';
import { ErrorNotice } from '@/components/ErrorNotice';
import { readerHref } from '@/components/SearchResults';
import { t } from '@/runtime/translate';
import type { AnnotationListItem } from '@/store/library-queries';
import { HIGHLIGHT_COLORS } from '@/utils/highlight/colors';
import type { AnnotationVersion } from '@/utils/model/annotation';
import { ReplyThread, useReplies } from '@/components/ReplyThread';

/**
 * Every note across articles, each with its article and, under it, the versions a merge kept and
 * the thread of replies, with a box to answer it.
 */
export function NotesList(props: {
  notes: { total: number; items: AnnotationListItem[] };
  versions: ReadonlyMap<string, AnnotationVersion[]>;
  onMore(): Promise<void>;
}) {
  const { notes, versions } = props;
  const replies = useReplies(notes.items.map(({ annotation }) => annotation.id));
  return (
    <section data-testid="annotations">
      <p class="pz-muted">{t('libraryAnnotationCount', String(notes.total))}</p>
      {notes.items.length === 0 && <p class="pz-muted">{t('annotationsNoMatch')}</p>}
      <ErrorNotice error={replies.error} />
      <ul class="pz-list">
        {notes.items.map(({ annotation, article }) => (
          <li
            key={annotation.id}
            class="note-item"
            style={{ '--swatch': HIGHLIGHT_COLORS[annotation.color] }}
            data-testid="annotation-item"
          >
            <bdi class="quote">{annotation.quote.exact}</bdi>
            {annotation.note && <bdi class="note">{annotation.note}</bdi>}
            <span class="pz-muted">
              {tagList(annotation.tags)}
              {annotation.author && (
                <>
                  {' · '}
                  <bdi>{annotation.author}</bdi>
                </>
              )}{' '}
              ·{' '}
              <a href={readerHref(article.id, annotation.id)} target="_blank" rel="noopener">
                {article.title}
              </a>
            </span>
            {versions.get(annotation.id) && (
              <details class="versions" data-testid="annotation-versions">
                <summary>{t('libraryVersions', String(versions.get(annotation.id)!.length))}</summary>
                <ul>
                  {versions.get(annotation.id)!.map(({ key, record }) => (
                    <li key={key}>
                      <bdi>{record.note || record.quote.exact}</bdi>
                      <span class="pz-muted">
                        {' '}
                        · <bdi>{record.author || t('authorUnsigned')}</bdi> ·{' '}
                        {record.updatedAt.slice(0, 16).replace('T', ' ')}
                      </span>
                    </li>
                  ))}
                </ul>
              </details>
            )}
            <ReplyThread {...replies.threadOf(annotation.id, annotation.creatorId)} />
          </li>
        ))}
      </ul>
      {notes.items.length < notes.total && <MoreButton onMore={props.onMore} />}
    </section>
  );
}
