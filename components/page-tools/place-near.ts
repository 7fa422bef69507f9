/** A viewport rectangle (a selection's or a highlight's). */
export interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

const MARGIN = 8;

/**
 * Where to put a floating card of about `size` next to `box`: on the preferred side when there is
 * room (above, by default), on the other side otherwise, and always inside the viewport. A card
 * whose height is known only once it is drawn goes below, so that growing does not move its top.
 */
export function placeNear(
  box: Box,
  size: { width: number; height: number },
  prefer: 'above' | 'below' = 'above',
): { top: number; left: number } {
  const viewportWidth = window.innerWidth;
  const viewportHeight = window.innerHeight;
  const above = box.top - size.height - MARGIN;
  const below = box.bottom + MARGIN;
  const fitsBelow = below + size.height + MARGIN <= viewportHeight;
  const top =
    prefer === 'below' && (fitsBelow || above < MARGIN)
      ? Math.min(below, viewportHeight - size.height - MARGIN)
      : above >= MARGIN
        ? above
        : Math.min(below, viewportHeight - size.height - MARGIN);
  const left = Math.min(Math.max(MARGIN, box.left), Math.max(MARGIN, viewportWidth - size.width - MARGIN));
  return { top: Math.max(MARGIN, top), left };
}

/** Where a range is on screen: from its first line's top to its last line's bottom. */
export function boxOf(range: Range): Box | null {
  const rects = range.getClientRects();
  const first = rects[0];
  const last = rects[rects.length - 1];
  if (!first || !last) {
    const rect = range.getBoundingClientRect();
    return rect.width || rect.height ? rect : null;
  }
  return { top: first.top, bottom: last.bottom, left: first.left, right: first.right };
}
