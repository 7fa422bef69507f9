/** What the tools do about the reader's actions on the page. */
export interface PageActions {
  /** The shadow host: events that come from it are the tools' own. */
  host: Element;
  /** A selection may have been made: offer the toolbar (focused when made from the keyboard). */
  offerToolbar(focus: boolean): void;
  selectionGone(): void;
  /** A press on the page outside the tools. */
  pressedOutside(): void;
  /** A click on the page with no selection, at a caret position and a point of the viewport. */
  clickedAt(node: Node, offset: number, x: number, y: number): void;
  escape(): void;
  viewportChanged(): void;
  /** The pointer rests over the page at a caret position and a point of the viewport (null: gone). */
  hoveredAt(at: { node: Node; offset: number; x: number; y: number } | null): void;
  /**
   * The keyboard rests in the page: on an element it focused (a link in a highlight, say) or at
   * the caret it moved (caret browsing), at a point of the viewport just under it (null: gone).
   */
  keyboardAt(at: { node: Node; offset: number; x: number; y: number } | null): void;
}

/** The keys that move a caret: after them, where the caret rests is where the reader is. */
const CARET_KEYS = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown']);

/** Where a focused element's text starts, and the point under the element. */
function focusPoint(element: Element): { node: Node; offset: number; x: number; y: number } {
  const text = document.createTreeWalker(element, NodeFilter.SHOW_TEXT).nextNode();
  const box = element.getBoundingClientRect();
  return { node: text ?? element, offset: 0, x: box.left, y: box.bottom };
}

/** Where a collapsed selection (the caret) rests, and the point under it. */
function caretPoint(): { node: Node; offset: number; x: number; y: number } | null {
  const selection = document.getSelection();
  if (!selection?.isCollapsed || selection.rangeCount === 0 || !selection.anchorNode) return null;
  const box = selection.getRangeAt(0).getBoundingClientRect();
  return { node: selection.anchorNode, offset: selection.anchorOffset, x: box.left, y: box.bottom };
}

/** The page's current selection, if it selects anything. */
export function pageSelection(): Range | null {
  const selection = document.getSelection();
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null;
  return selection.getRangeAt(0).cloneRange();
}

function caretAt(x: number, y: number): { node: Node; offset: number } | null {
  const withPosition = document as Document & {
    caretPositionFromPoint?(x: number, y: number): { offsetNode: Node; offset: number } | null;
  };
  const position = withPosition.caretPositionFromPoint?.(x, y);
  if (position) return { node: position.offsetNode, offset: position.offset };
  const range = document.caretRangeFromPoint?.(x, y);
  return range ? { node: range.startContainer, offset: range.startOffset } : null;
}

/**
 * Notes, from the content script's start, whether the reader released a mouse button or a key on
 * the page: the tools mount once the page is read, and a passage selected before that is offered
 * the toolbar as they mount. The function it returns stops noting and says so, once.
 */
export function noteEarlySelection(window: Window): () => boolean {
  let made = false;
  const note = (event: Event) => {
    if (event.isTrusted) made = true;
  };
  for (const type of ['mouseup', 'keyup']) window.addEventListener(type, note, { capture: true, passive: true });
  return () => {
    for (const type of ['mouseup', 'keyup']) window.removeEventListener(type, note, { capture: true });
    const said = made;
    made = false;
    return said;
  };
}

/**
 * Listens to the reader on the page. Only the browser's own events count: a page script can
 * dispatch a synthetic mouseup or click to open the tools or move focus, and those are ignored.
 * Returns the function that stops listening.
 */
export function listenToPage(actions: PageActions, selectedEarly = false): () => void {
  const fromReader = (event: Event) => event.isTrusted && event.target !== actions.host;

  const onMouseUp = (event: Event) => {
    if (fromReader(event)) setTimeout(() => actions.offerToolbar(false), 0);
  };
  const onKeyUp = (event: KeyboardEvent) => {
    if (!fromReader(event)) return;
    if (CARET_KEYS.has(event.key) && !event.shiftKey) actions.keyboardAt(caretPoint());
    if (event.shiftKey || ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'a'))
      actions.offerToolbar(false);
  };
  const onSelectionChange = (event: Event) => {
    if (event.isTrusted && !pageSelection()) actions.selectionGone();
  };
  const onPress = (event: Event) => {
    if (fromReader(event)) actions.pressedOutside();
  };
  const onClick = (event: MouseEvent) => {
    if (!fromReader(event) || pageSelection()) return;
    const caret = caretAt(event.clientX, event.clientY);
    if (caret) actions.clickedAt(caret.node, caret.offset, event.clientX, event.clientY);
  };
  const onFocusIn = (event: FocusEvent) => {
    if (fromReader(event) && event.target instanceof Element) actions.keyboardAt(focusPoint(event.target));
  };
  const onFocusOut = (event: FocusEvent) => {
    if (fromReader(event)) actions.keyboardAt(null);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.isTrusted && event.key === 'Escape') actions.escape();
  };
  let hoverFrame = 0;
  const onMouseMove = (event: MouseEvent) => {
    if (!fromReader(event)) return;
    const { clientX: x, clientY: y } = event;
    cancelAnimationFrame(hoverFrame);
    // Once a frame at most: a caret lookup per mouse event would cost the page on every move.
    hoverFrame = requestAnimationFrame(() => {
      const caret = caretAt(x, y);
      actions.hoveredAt(caret ? { ...caret, x, y } : null);
    });
  };
  let frame = 0;
  const onViewportChange = (event: Event) => {
    if (!event.isTrusted) return;
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => actions.viewportChanged());
  };

  const listeners: [EventTarget, string, EventListener][] = [
    [window, 'mouseup', onMouseUp],
    [window, 'keyup', onKeyUp as EventListener],
    [document, 'selectionchange', onSelectionChange],
    // A pointer press, not `mousedown`: where the reader lets selection through a page that forbids
    // it, presses on text stop at the window before the page hears them (selection-freedom.ts).
    [window, 'pointerdown', onPress],
    [window, 'click', onClick as EventListener],
    [window, 'keydown', onKeyDown as EventListener],
    [window, 'mousemove', onMouseMove as EventListener],
    [window, 'focusin', onFocusIn as EventListener],
    [window, 'focusout', onFocusOut as EventListener],
    [window, 'scroll', onViewportChange],
    [window, 'resize', onViewportChange],
  ];
  for (const [target, type, listener] of listeners)
    target.addEventListener(type, listener, { capture: true, passive: true });
  if (selectedEarly) setTimeout(() => actions.offerToolbar(false), 0);
  return () => {
    for (const [target, type, listener] of listeners) target.removeEventListener(type, listener, { capture: true });
  };
}
