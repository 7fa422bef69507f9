import { useReplies } from '@/components/ReplyThread';
import { MarkedBy } from '@/components/page-tools/MarkedBy';
import { t } from '@/runtime/translate';
import { summarizeGroup } from '@/utils/export/group-summary';
import type { AnnotationRecord } from '@/utils/model/annotation';
import type { ArticleRecord } from '@/utils/model/article';

/**
 * 小组汇总 in the reader: who of the group took part with how many notes and replies, and the
 * passages two or more members marked, in reading order — each a button that goes to it. Counted
 * from every stored note of the article, whatever the member filter shows; shown once two members
 * annotated it.
 */
export function GroupSummaryBox(props: {
  article: ArticleRecord;
  records: readonly AnnotationRecord[];
  onGo(id: string): void;
}) {
  const replies = useReplies(props.records.map((record) => record.id));
  const allReplies = props.records.flatMap((record) => replies.threadOf(record.id).replies);
  const summary = summarizeGroup(props.article, props.records, allReplies);
  if (summary.members.length < 2) return null;
  return (
    <section class="pz-group-summary" data-testid="group-summary">
      <h2>{t('groupSummaryTitle')}</h2>
      <p class="pz-muted">
        {t('groupSummaryCounts', [String(summary.members.length), String(summary.notes), String(summary.replies)])}
      </p>
      <ul>
        {summary.members.map((member, index) => (
          <li key={index}>
            <bdi>{member.name || t('valueNone')}</bdi>
            {t('groupSummaryTally', [String(member.notes), String(member.replies)])}
          </li>
        ))}
      </ul>
      <ol>
        {summary.passages.map((passage) => (
          <li key={passage.ids[0]}>
            <button type="button" class="pz-link" onClick={() => props.onGo(passage.ids[0]!)}>
              <bdi>{passage.text}</bdi>
            </button>
            <MarkedBy names={passage.names} />
          </li>
        ))}
      </ol>
    </section>
  );
}
