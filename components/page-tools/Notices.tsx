import { t } from '@/runtime/translate';
import type { AnnotatorState, PageAnnotator } from '@/utils/annotate/page-annotator';
import { SelectionOffer, type SelectionChoice } from './SelectionOffer';

/** The tools' notices on the page: undo after a delete, saves that failed (with retry), 允许选择, and short messages. */
export function Notices(props: {
  annotator: PageAnnotator;
  state: AnnotatorState;
  notice: { text: string; error: boolean } | null;
  describeError(error: unknown): string;
  selection?: SelectionChoice;
}) {
  const { annotator, state, notice } = props;
  const failed = state.save.failed;
  return (
    <div class="notices" role="status" aria-live="polite">
      {state.deleted && (
        <div class="card notice" data-testid="undo-notice">
          {t('deletedNotice')}
          <button type="button" onClick={() => annotator.undoRemove()} data-action="undo">
            {t('undo')}
          </button>
        </div>
      )}
      {failed.length > 0 && (
        <div class="card notice error" role="alert" data-testid="save-failed">
          {t('saveFailed', [String(failed.length), props.describeError(failed[0]!.error)])}
          <button type="button" onClick={() => annotator.retryFailed()}>
            {t('saveRetry')}
          </button>
        </div>
      )}
      {props.selection && <SelectionOffer choice={props.selection} />}
      {notice && <div class={`card notice${notice.error ? ' error' : ''}`}>{notice.text}</div>}
    </div>
  );
}
