import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { MarkedBy } from './MarkedBy';
import { MemberFilter } from '../MemberFilter';
import type { FrameAnnotation } from '@/utils/annotate/frame-messages';
import { HIGHLIGHT_COLORS } from '@/utils/highlight/colors';
import { t } from '@/runtime/translate';

export interface AnnotationsPanelProps {
  annotations: readonly FrameAnnotation[];
  /** Shown when 重新定位 was pressed without a selection in the article. */
  hint: string | null;
  /** How many were left unplaced because placing ran out of time. */
  outOfTime: number;
  onRetry(): void;
  onShow(id: string): void;
  onDelete(id: string): void;
  onReattach(id: string): void;
  onClose(): void;
  /** A note's replies, shown under it. */
  threadOf?(id: string): ComponentChildren;
  /** Whose notes are listed and painted; the choice is offered once the page's notes name someone. */
  members: readonly string[];
  memberFilter: string;
  onMemberFilter(value: string): void;
}

function Excerpt({ annotation }: { annotation: FrameAnnotation }) {
  const { quote, note } = annotation;
  return (
    <>
      <bdi class="quote">{quote}</bdi>
      {note && <bdi class="note">{note}</bdi>}
    </>
  );
}

/**
 * This page's annotations in reading order. The ones that could not be placed are listed under
 * 未定位 with their quote, to delete or re-attach — never dropped silently.
 */
export function AnnotationsPanel({
  annotations,
  hint,
  outOfTime,
  onRetry,
  onShow,
  onDelete,
  onReattach,
  onClose,
  threadOf,
  members,
  memberFilter,
  onMemberFilter,
}: AnnotationsPanelProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const placed = annotations.filter((annotation) => annotation.placement !== 'unplaced');
  const unplaced = annotations.filter((annotation) => annotation.placement === 'unplaced');
  return (
    <aside
      class="card panel"
      aria-label={t('panelTitle')}
      data-testid="panel"
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      <header>
        <h2 ref={heading} tabIndex={-1}>
          {t('panelTitle')}
        </h2>
        <button type="button" onClick={onClose} aria-label={t('popoverClose')}>
          ×
        </button>
      </header>
      {members.length > 0 && <MemberFilter members={members} value={memberFilter} onChange={onMemberFilter} />}
      <div class="list">
        {annotations.length === 0 && <p class="muted">{t('panelEmpty')}</p>}
        <ol data-testid="placed">
          {placed.map((annotation) => (
            <li key={annotation.id}>
              <button
                type="button"
                class="item"
                style={{ '--swatch': HIGHLIGHT_COLORS[annotation.color] }}
                onClick={() => onShow(annotation.id)}
              >
                <Excerpt annotation={annotation} />
                {annotation.markedBy.length > 0 && <MarkedBy names={annotation.markedBy} />}
                {annotation.placement === 'fuzzy' && <span class="muted">{t('panelFuzzy')}</span>}
              </button>
              {threadOf?.(annotation.id)}
            </li>
          ))}
        </ol>
        {unplaced.length > 0 && (
          <section data-testid="unplaced">
            <h3>
              {t('panelUnplaced')} ({unplaced.length})
            </h3>
            <p class="muted">{t('panelUnplacedHelp')}</p>
            {outOfTime > 0 && (
              <p class="row" data-testid="out-of-time">
                <span class="muted">{t('panelOutOfTime', String(outOfTime))}</span>
                <button type="button" onClick={onRetry}>
                  {t('panelRetry')}
                </button>
              </p>
            )}
            {hint && (
              <p class="error" role="alert">
                {hint}
              </p>
            )}
            <ol>
              {unplaced.map((annotation) => (
                <li key={annotation.id}>
                  <div class="item" style={{ '--swatch': HIGHLIGHT_COLORS[annotation.color] }}>
                    <Excerpt annotation={annotation} />
                  </div>
                  {threadOf?.(annotation.id)}
                  <div class="row">
                    <button
                      type="button"
                      onMouseDown={(event) => event.preventDefault()}
                      data-guard
                      onClick={() => onReattach(annotation.id)}
                    >
                      {t('panelReattach')}
                    </button>
                    <button type="button" class="danger" onClick={() => onDelete(annotation.id)} data-guard>
                      {t('popoverDelete')}
                    </button>
                  </div>
                </li>
              ))}
            </ol>
          </section>
        )}
      </div>
    </aside>
  );
}
