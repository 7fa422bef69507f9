import { useEffect, useRef } from 'preact/hooks';
import type { HighlightColor } from '@/utils/highlight/colors';
import { t } from '@/runtime/translate';
import { ColorSwatches } from './ColorSwatches';
import { placeNear, type Box } from './place-near';
import { moveFocusWithArrows } from './roving-focus';

export interface SelectionToolbarProps {
  anchor: Box;
  /** Move focus into the toolbar (it was opened from the keyboard). */
  focus: boolean;
  onColor(color: HighlightColor): void;
  onNote(): void;
  onCopy(): void;
  onClose(): void;
}

/** Next to a selection: five colours, 批注 and 复制. */
export function SelectionToolbar({ anchor, focus, onColor, onNote, onCopy, onClose }: SelectionToolbarProps) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focus) element.current?.querySelector('button')?.focus();
  }, [focus]);
  return (
    <div
      ref={element}
      class="card toolbar"
      role="toolbar"
      aria-label={t('toolbarLabel')}
      // Preact adds px to numbers.
      style={placeNear(anchor, { width: 260, height: 40 })}
      // Keep the page's selection: a press on the toolbar must not collapse it.
      onMouseDown={(event) => event.preventDefault()}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
        else moveFocusWithArrows(event);
      }}
    >
      <ColorSwatches onPick={onColor} />
      <button type="button" onClick={onNote} data-action="note">
        {t('toolbarNote')}
      </button>
      <button type="button" onClick={onCopy} data-action="copy">
        {t('toolbarCopy')}
      </button>
    </div>
  );
}
