import { HIGHLIGHT_COLORS, type HighlightColor } from '@/utils/highlight/colors';
import { t } from '@/runtime/translate';

const COLORS = Object.keys(HIGHLIGHT_COLORS) as HighlightColor[];

/** The five highlight colours as buttons, each named for screen readers (黄 绿 蓝 粉 紫). */
export function ColorSwatches({
  selected,
  onPick,
  guarded,
}: {
  selected?: HighlightColor;
  /** In the note frame, a recolouring acts only on a click the reader could see (click-guard.ts). */
  guarded?: boolean;
  onPick: (color: HighlightColor) => void;
}) {
  return (
    <>
      {COLORS.map((color) => (
        <button
          key={color}
          type="button"
          class="swatch"
          style={{ background: HIGHLIGHT_COLORS[color] }}
          aria-label={t('highlightWith', t(`color_${color}`))}
          title={t(`color_${color}`)}
          aria-pressed={selected === undefined ? undefined : selected === color}
          data-color={color}
          data-guard={guarded || undefined}
          onClick={() => onPick(color)}
        />
      ))}
    </>
  );
}
