import type { ClickRefusal } from '../annotate/frame-messages';

/** The z-index the tools' host has: only an element as high, later in tree order, paints over it. */
const TOP_Z_INDEX = '2147483647';

/** Elements the browser paints above every z-index: open popovers, modal dialogs, fullscreen. */
const TOP_LAYER_SELECTORS = [':popover-open', ':modal', ':fullscreen'];

function parentAcrossShadow(element: Element): Element | null {
  const parent = element.parentNode;
  if (parent instanceof Element) return parent;
  return parent instanceof ShadowRoot ? parent.host : null;
}

/** What of a computed style lets the page make an element unseeable while it still takes clicks. */
function disguised(style: CSSStyleDeclaration): boolean {
  const declared = (name: string) => style.getPropertyValue(name);
  return (
    style.display === 'none' ||
    Number(style.opacity) < 1 ||
    ['transform', 'rotate', 'scale', 'translate', 'filter', 'backdrop-filter', 'clip-path', 'mask-image'].some(
      (name) => !['', 'none'].includes(declared(name)),
    ) ||
    !['', 'normal'].includes(declared('mix-blend-mode')) ||
    !['', 'visible'].includes(declared('content-visibility'))
  );
}

function overlaps(a: DOMRect, b: DOMRect): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom && a.width > 0 && a.height > 0;
}

function topLayer(document: Document): Element[] {
  return TOP_LAYER_SELECTORS.flatMap((selector) => {
    try {
      return [...document.querySelectorAll(selector)];
    } catch {
      return []; // a browser without that pseudo-class has nothing of that kind on top
    }
  });
}

/** Whether the element or anything inside it is drawn over the box (a zero-size box can hold a decoy). */
function drawnOver(element: Element, box: DOMRect): boolean {
  return [element, ...element.querySelectorAll('*')].some((part) => overlaps(part.getBoundingClientRect(), box));
}

/**
 * Something after the host in tree order, inside an element at the host's z-index, drawn over the
 * frame: it paints over the host. (The host's own subtree is its closed root, which the walk does not enter.)
 */
function paintedLater(host: Element, box: DOMRect): boolean {
  const document = host.ownerDocument;
  const view = document.defaultView!;
  const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_ELEMENT);
  walker.currentNode = host;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!overlaps((node as Element).getBoundingClientRect(), box)) continue;
    for (let element: Element | null = node as Element; element; element = element.parentElement) {
      if (view.getComputedStyle(element).zIndex === TOP_Z_INDEX) return true;
    }
  }
  return false;
}

/**
 * Whether a click at `point` (in the frame's own pixels) hit a frame the reader could see: the
 * content script's own check, for browsers without IntersectionObserver v2 and beside it in those
 * that have it. The frame and every element above it (across the tools' shadow root) must be fully
 * opaque, untransformed and unfiltered, the tools' host a child of `<html>`, and nothing may paint
 * over the frame: what the browser hit-tests at the point, what sits in the top layer, and what the
 * page put after the host at the host's z-index — the last two even with `pointer-events: none`,
 * which hit-testing passes over. Null when the click stands.
 */
export function refusalOfClick(
  frame: HTMLElement,
  host: HTMLElement,
  point: { x: number; y: number },
): ClickRefusal | null {
  const document = frame.ownerDocument;
  const view = document.defaultView;
  if (!view || !frame.isConnected || host.parentNode !== document.documentElement) return 'hidden';
  if (view.getComputedStyle(frame).visibility !== 'visible') return 'hidden';
  for (let element: Element | null = frame; element; element = parentAcrossShadow(element)) {
    if (disguised(view.getComputedStyle(element))) return 'hidden';
  }
  const box = frame.getBoundingClientRect();
  const x = box.left + point.x;
  const y = box.top + point.y;
  if (point.x < 0 || point.y < 0 || point.x > box.width || point.y > box.height) return 'covered';
  // Shadow retargeting: anything in the tools' root is reported as the host.
  if (document.elementFromPoint(x, y) !== host) return 'covered';
  if (topLayer(document).some((element) => element !== host && drawnOver(element, box))) return 'covered';
  return paintedLater(host, box) ? 'covered' : null;
}
