/** A viewport rectangle (a selection's or a highlight's). */
export interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

const MARGIN = 8;

/**
 * Where to put a floating card of about `size` next to `box`: above it when there is room, below
 * it otherwise, and always inside the viewport.
 */
export function placeNear(box: Box, size: { width: number; height: number }): { top: string; left: string } {
  const viewportWidth = window.innerWidth;
  const viewportHeight = window.innerHeight;
  const above = box.top - size.height - MARGIN;
  const top = above >= MARGIN ? above : Math.min(box.bottom + MARGIN, viewportHeight - size.height - MARGIN);
  const left = Math.min(Math.max(MARGIN, box.left), Math.max(MARGIN, viewportWidth - size.width - MARGIN));
  return { top: `${Math.max(MARGIN, top)}px`, left: `${left}px` };
}
