import { Fragment } from 'preact';
import { tagList } from '@/components/IsolatedText';
import { ReplyThread, useReplies } from '@/components/ReplyThread';
import { t } from '@/runtime/translate';
import { sectionsInReadingOrder } from '@/utils/export/reading-order';
import { HIGHLIGHT_COLORS } from '@/utils/highlight/colors';
import type { AnnotationRecord } from '@/utils/model/annotation';
import type { ArticleRecord } from '@/utils/model/article';

/** The notes as the print view lists them after the article: in reading order, under the outline headings. */
export function PrintedNotes({ article, annotations }: { article: ArticleRecord; annotations: AnnotationRecord[] }) {
  const replies = useReplies(annotations.map((annotation) => annotation.id));
  if (annotations.length === 0) return null;
  return (
    <section class="printed-notes" data-testid="printed-notes">
      <h2>{t('readerNotesHeading')}</h2>
      {sectionsInReadingOrder(article, annotations).map((section, index) => (
        <div key={index}>
          {section.headings.length > 0 && (
            <h3>
              {section.headings.map((heading, at) => (
                <Fragment key={at}>
                  {at > 0 && ' · '}
                  <bdi>{heading.text}</bdi>
                </Fragment>
              ))}
            </h3>
          )}
          {section.annotations.map((annotation) => (
            <div key={annotation.id} class="printed-note">
              <blockquote style={{ background: HIGHLIGHT_COLORS[annotation.color] }}>
                <bdi>{annotation.quote.exact}</bdi>
              </blockquote>
              {annotation.note && (
                <p class="note">
                  <bdi>{annotation.note}</bdi>
                </p>
              )}
              <p class="pz-muted">
                {tagList(annotation.tags)}
                {annotation.tags.length > 0 && annotation.author && ' · '}
                {annotation.author && <bdi>{annotation.author}</bdi>}
              </p>
              <ReplyThread {...replies.threadOf(annotation.id)} canReply={false} />
            </div>
          ))}
        </div>
      ))}
    </section>
  );
}
