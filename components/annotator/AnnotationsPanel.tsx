import { useEffect, useRef } from 'preact/hooks';
import type { PageAnnotation } from '@/utils/annotate/page-annotator';
import { HIGHLIGHT_COLORS } from '@/utils/highlight/colors';
import { t } from '@/utils/i18n/translate';

export interface AnnotationsPanelProps {
  annotations: readonly PageAnnotation[];
  /** Shown when 重新定位 was pressed without a selection in the article. */
  hint: string | null;
  onShow(id: string): void;
  onDelete(id: string): void;
  onReattach(id: string): void;
  onClose(): void;
}

function Excerpt({ annotation }: { annotation: PageAnnotation }) {
  const { quote, note } = annotation.input;
  return (
    <>
      <span class="quote">{quote.exact}</span>
      {note && <span class="note">{note}</span>}
    </>
  );
}

/**
 * This page's annotations in reading order. The ones that could not be placed are listed under
 * 未定位 with their quote, to delete or re-attach — never dropped silently.
 */
export function AnnotationsPanel({ annotations, hint, onShow, onDelete, onReattach, onClose }: AnnotationsPanelProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const placed = annotations.filter((annotation) => annotation.placement.status !== 'unplaced');
  const unplaced = annotations.filter((annotation) => annotation.placement.status === 'unplaced');
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
      <div class="list">
        {annotations.length === 0 && <p class="muted">{t('panelEmpty')}</p>}
        <ol data-testid="placed">
          {placed.map((annotation) => (
            <li key={annotation.input.id}>
              <button
                type="button"
                class="item"
                style={{ '--swatch': HIGHLIGHT_COLORS[annotation.input.color] }}
                onClick={() => onShow(annotation.input.id)}
              >
                <Excerpt annotation={annotation} />
                {annotation.placement.status === 'fuzzy' && <span class="muted">{t('panelFuzzy')}</span>}
              </button>
            </li>
          ))}
        </ol>
        {unplaced.length > 0 && (
          <section data-testid="unplaced">
            <h3>
              {t('panelUnplaced')} ({unplaced.length})
            </h3>
            <p class="muted">{t('panelUnplacedHelp')}</p>
            {hint && (
              <p class="error" role="alert">
                {hint}
              </p>
            )}
            <ol>
              {unplaced.map((annotation) => (
                <li key={annotation.input.id}>
                  <div class="item" style={{ '--swatch': HIGHLIGHT_COLORS[annotation.input.color] }}>
                    <Excerpt annotation={annotation} />
                  </div>
                  <div class="row">
                    <button type="button" onMouseDown={(event) => event.preventDefault()} onClick={() => onReattach(annotation.input.id)}>
                      {t('panelReattach')}
                    </button>
                    <button type="button" class="danger" onClick={() => onDelete(annotation.input.id)}>
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
