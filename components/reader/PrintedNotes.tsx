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
          {section.headings.length > 0 && <h3>{section.headings.map((heading) => heading.text).join(' · ')}</h3>}
          {section.annotations.map((annotation) => (
            <div key={annotation.id} class="printed-note">
              <blockquote style={{ background: HIGHLIGHT_COLORS[annotation.color] }}>
                {annotation.quote.exact}
              </blockquote>
              {annotation.note && <p class="note">{annotation.note}</p>}
              <p class="pz-muted">
                {[annotation.tags.map((tag) => `#${tag}`).join(' '), annotation.author].filter(Boolean).join(' · ')}
              </p>
              <ReplyThread {...replies.threadOf(annotation.id)} canReply={false} />
            </div>
          ))}
        </div>
      ))}
    </section>
  );
}
