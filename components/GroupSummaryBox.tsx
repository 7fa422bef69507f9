import { ReplyThread, useReplies } from '@/components/ReplyThread';
import { MarkedBy } from '@/components/page-tools/MarkedBy';
import { t } from '@/runtime/translate';
import { summarizeGroup } from '@/utils/export/group-summary';
import type { AnnotationRecord } from '@/utils/model/annotation';
import type { ArticleRecord } from '@/utils/model/article';

/**
 * 小组汇总 of an article: who of the group took part with how many notes and replies, and the
 * passages two or more members marked, in reading order — each a button that goes to it, with its
 * notes and their threads. Counted from every stored note of the article, whatever a member filter
 * shows; shown once two members annotated it (the reader, the library's articles).
 */
export function GroupSummaryBox(props: {
  article: ArticleRecord;
  records: readonly AnnotationRecord[];
  onGo(id: string): void;
  /** Said when fewer than two members annotated it (nothing is shown without it). */
  alone?: string;
}) {
  const replies = useReplies(props.records.map((record) => record.id));
  const allReplies = props.records.flatMap((record) => replies.threadOf(record.id).replies);
  const summary = summarizeGroup(props.article, props.records, allReplies);
  if (summary.members.length < 2) return props.alone ? <p class="pz-muted">{props.alone}</p> : null;
  const byId = new Map(props.records.map((record) => [record.id, record]));
  return (
    <section class="pz-group-summary" data-testid="group-summary">
      <h2>{t('groupSummaryTitle')}</h2>
      <p class="pz-muted">
        {t('groupSummaryCounts', [String(summary.members.length), String(summary.notes), String(summary.replies)])}
      </p>
      <ul>
        {summary.members.map((member, index) => (
          <li key={index}>
            <bdi>{member.name || t('authorUnsigned')}</bdi>
            {t('groupSummaryTally', [String(member.notes), String(member.replies)])}
          </li>
        ))}
      </ul>
      <ol>
        {summary.passages.map((passage) => (
          <li key={passage.ids[0]} data-testid="shared-passage">
            <button type="button" class="pz-link" onClick={() => props.onGo(passage.ids[0]!)}>
              <bdi>{passage.text}</bdi>
            </button>
            {/* On a line of its own in every page that shows the summary, whatever its stylesheet. */}
            <div>
              <MarkedBy names={passage.names} />
            </div>
            <ul>
              {passage.ids.flatMap((id) => {
                const record = byId.get(id);
                const thread = replies.threadOf(id);
                if (!record || (!record.note && thread.replies.length === 0)) return [];
                return [
                  <li key={id}>
                    <bdi>{record.author || t('authorUnsigned')}</bdi>
                    {' · '}
                    <bdi>{record.note}</bdi>
                    <ReplyThread {...thread} canReply={false} />
                  </li>,
                ];
              })}
            </ul>
          </li>
        ))}
      </ol>
    </section>
  );
}
