/*
 * Articles in frames: older portals put the article in a <frame> of a <frameset>, others in an
 * <iframe> of a shell page. Pizhu runs in a frame only when the frame and every page above it
 * share one origin (the browser lets a page read the location of its own origin only): a page of
 * another site that frames a portal page gets nothing from Pizhu, as before.
 */

/** Whether Pizhu runs in this window: the top page, or a frame of the same origin as every page above it. */
export function runsInThisFrame(window: Window): boolean {
  try {
    for (let at: Window = window; at !== at.top; at = at.parent) {
      if (at.parent.location.origin !== window.location.origin) return false;
    }
    return true;
  } catch {
    return false;
  }
}

/** A frame at least this share of the viewport holds the page's reading, not a widget. */
const MAIN_FRAME_SHARE = 0.3;

/** Whether a frame element takes enough of its page's viewport to hold the page's reading. */
function holdsReading(frame: Element, view: Window): boolean {
  const box = frame.getBoundingClientRect();
  return box.width * box.height >= view.innerWidth * view.innerHeight * MAIN_FRAME_SHARE;
}

/** Whether the page's reading is in a same-origin frame of it, where Pizhu runs too (a frameset, a shell page). */
export function readsInFrame(document: Document): boolean {
  const view = document.defaultView;
  // The window counts its frames: a page without any (most) is answered without a walk of its DOM.
  if (!view) return false;
  for (let index = 0; index < view.length; index++) {
    let frame: Element | null = null;
    try {
      // Another origin's window does not give its element away.
      frame = view.frames[index]?.frameElement ?? null;
    } catch {
      frame = null;
    }
    if (frame && holdsReading(frame, view)) return true;
  }
  return false;
}

/** Whether this window is the frame that holds its page's reading: the one that speaks for the page on screen. */
export function isReadingFrame(window: Window): boolean {
  if (window === window.top) return false;
  try {
    const frame = window.frameElement;
    return frame !== null && holdsReading(frame, window.parent);
  } catch {
    return false;
  }
}

/**
 * Whether this window shows Pizhu's launcher with no notes yet: the top page, or the frame that
 * holds its page's reading; never a page whose reading is in a frame of its own (its count would
 * be a false 0: the frame shows its own).
 */
export function showsLauncherUnasked(window: Window): boolean {
  return !readsInFrame(window.document) && (window === window.top || isReadingFrame(window));
}
