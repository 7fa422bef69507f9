import { markOwnElement } from '@/utils/anchor/text-index';

/**
 * Selecting where the page forbids it. Pages stop a reader's selection with `user-select: none`,
 * with handlers that cancel `selectstart` or `mousedown` (inline `return false`, or listeners on
 * `document` in the capture phase), and with a transparent element laid over the article. The
 * listeners here are registered as the document starts (the content script runs at
 * document_start, in its isolated world), so they are the first of every event's path, before
 * anything of the page's. While the mode is off they only watch: a drag that began over text and
 * selected nothing is a blocked attempt, and the tools offer to lift the block. While it is on:
 * - a user-select rule of its own, important, lets text be selected (removed when turned off);
 * - `selectstart`, `contextmenu` and `copy` stop at the window, before the page's handlers, so
 *   the browser's own selection, menu and copy happen; a left press on plain text does too —
 *   never one on a link, a control or anything the page marks as clickable, so links, menus and
 *   forms keep working;
 * - an empty, positioned element over text (a mask) lets the pointer through to the text
 *   beneath, as the pointer enters it; put back as it was when turned off;
 * - an inline `style="user-select:none !important"` beats any stylesheet of the page's origin, so
 *   such a declaration is set to `text` in place while the mode is on (and on elements that get
 *   one later), and put back when turned off. (A user stylesheet would beat it too, but
 *   `scripting.insertCSS` needs a host permission the portal list's content script does not give.)
 * - the reader's selection is held: pages clear it on mouseup, on selectionchange or on a timer.
 *   The page hears no release of a press it did not hear; while the reader makes a selection and
 *   until their next press or key, it hears no `selectionchange`, and a selection cleared in that
 *   time is put back as the reader left it;
 * - Ctrl+A and Ctrl+C (⌘ on a Mac) outside the page's fields stop before the page's `keydown`
 *   handlers, so the browser selects all and copies as it does anywhere.
 * Nothing added names Pizhu: an unnamed `<style>`, inline `pointer-events` on masks and inline
 * `user-select` where the page had its own.
 */
export interface SelectionFreedom {
  isOn(): boolean;
  turnOn(): void;
  turnOff(): void;
  /** Hears each blocked attempt while the mode is off; returns the function that stops listening. */
  onBlockedAttempt(listener: () => void): () => void;
  /** The tools' own host: its events are never stopped. */
  setOwnHost(host: Element): void;
  /** While the mode is on: the reader's last selection, until their next press or key, even if the page cleared it. */
  heldSelection(): Range | null;
  /** The tools used the held selection (or cleared it themselves): it is not put back. */
  releaseSelection(): void;
}

/** What a page makes clickable: presses there are the page's, mode or not. */
const CLICKABLE =
  'a[href],button,input,select,textarea,label,summary,option,video,audio,[contenteditable],[role],[onclick],[tabindex],[draggable="true"]';
/** What a mask holds none of: anything the reader could want to click or see. */
const CONTENT = 'a,button,input,select,textarea,img,video,audio,canvas,iframe,svg,object,embed,picture';
/** A drag shorter than this (in CSS pixels) is a click, not an attempt to select. */
const DRAG_PX = 8;
const FREE_SELECTION_CSS =
  '*,*::before,*::after{-webkit-user-select:text!important;user-select:text!important}' +
  '*::selection{background-color:Highlight!important;color:HighlightText!important}';
const USER_SELECT = ['user-select', '-webkit-user-select'] as const;
const STOPPED = ['selectstart', 'contextmenu', 'copy'] as const;
/** The keys a page blocks to forbid selecting all and copying. */
const READER_KEYS = new Set(['a', 'c']);
/** Where a page's own key handling is the field's, not a block. */
const FIELD = 'input,textarea,select,[contenteditable]:not([contenteditable="false"])';
const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'Meta', 'CapsLock']);

/** The element whose own text lies under a point of the viewport, through anything laid over it. */
export function textUnder(document: Document, x: number, y: number): Element | null {
  const range = document.createRange();
  for (const element of document.elementsFromPoint(x, y)) {
    if (element === document.body || element === document.documentElement) break;
    for (const child of element.childNodes) {
      if (child.nodeType !== Node.TEXT_NODE || !child.textContent?.trim()) continue;
      range.selectNodeContents(child);
      for (const rect of range.getClientRects())
        if (x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom) return element;
    }
  }
  return null;
}

/** An empty element laid over text: positioned, holding no text or content, with text under the point. */
export function isMaskOverText(element: Element, x: number, y: number): boolean {
  const document = element.ownerDocument;
  if (element === document.body || element === document.documentElement) return false;
  const { position } = getComputedStyle(element);
  if (position !== 'absolute' && position !== 'fixed') return false;
  if (element.textContent?.trim() || element.matches(CONTENT) || element.querySelector(CONTENT)) return false;
  if (element.closest(CLICKABLE)) return false;
  const under = textUnder(document, x, y);
  return under !== null && !element.contains(under);
}

/** A selection's range if it selects anything. */
function selectedRange(selection: Selection | null): Range | null {
  return selection && !selection.isCollapsed && selection.rangeCount > 0 ? selection.getRangeAt(0).cloneRange() : null;
}

export function listenForBlockedSelection(window: Window): SelectionFreedom {
  const { document } = window;
  let on = false;
  /** The reader's selection, put back when the page clears it (see above). */
  let held: Range | null = null;
  /** A press or key of the reader's is down: the selection changing now is theirs. */
  let readerActing = false;
  let ownHost: Element | null = null;
  let style: HTMLStyleElement | null = null;
  /** Inline declarations set aside while the mode is on: masks' pointer-events, user-select none. */
  const inline = new Map<string, Map<HTMLElement, { value: string; priority: string }>>();
  const listeners = new Set<() => void>();
  let press: { x: number; y: number } | null = null;

  const fromPage = (event: Event) => event.isTrusted && event.target instanceof Node && event.target !== ownHost;
  const targetElement = (event: Event) =>
    event.target instanceof Element ? event.target : ((event.target as Node).parentElement ?? null);

  const stop = (event: Event) => {
    if (on && fromPage(event)) event.stopImmediatePropagation();
  };
  const hold = () => {
    held = selectedRange(document.getSelection()) ?? held;
  };
  const onMouseDown = (event: MouseEvent) => {
    if (!fromPage(event)) return;
    // A new press starts another selection or drops this one, as the reader means.
    held = null;
    if (event.button !== 0) return;
    const element = targetElement(event);
    if (!element || element.closest(CLICKABLE)) return;
    if (on) {
      readerActing = true;
      event.stopImmediatePropagation();
    } else press = textUnder(document, event.clientX, event.clientY) ? { x: event.clientX, y: event.clientY } : null;
  };
  const onMouseUp = (event: MouseEvent) => {
    const start = press;
    press = null;
    if (on && readerActing && event.isTrusted) {
      readerActing = false;
      hold();
      // The page heard no press, and hears no release: its mouseup handlers would clear the
      // selection. Pizhu's own listeners on the window still hear it.
      event.stopPropagation();
    }
    if (on || !start || !event.isTrusted) return;
    if (Math.hypot(event.clientX - start.x, event.clientY - start.y) < DRAG_PX) return;
    // After the page's own handlers, which may clear the selection as the button comes up.
    setTimeout(() => {
      if (!on && !document.getSelection()?.toString().trim()) for (const listener of listeners) listener();
    }, 0);
  };
  const onPointerOver = (event: PointerEvent) => {
    if (!on || !fromPage(event)) return;
    const element = targetElement(event);
    if (
      element instanceof HTMLElement &&
      !inline.get('pointer-events')?.has(element) &&
      isMaskOverText(element, event.clientX, event.clientY)
    )
      letThrough(element);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (!on || !fromPage(event) || MODIFIERS.has(event.key)) return;
    const element = targetElement(event);
    const command = (event.ctrlKey || event.metaKey) && !event.altKey;
    const key = event.key.toLowerCase();
    if (command && READER_KEYS.has(key) && !element?.closest(FIELD)) {
      event.stopImmediatePropagation();
      if (key !== 'a') return;
      // Selected here rather than by the browser, so that it is held at once: a page's timer can
      // clear it before any later event of the reader's.
      event.preventDefault();
      document.getSelection()?.selectAllChildren(document.body ?? document.documentElement);
      hold();
    } else if (command) return;
    else if (event.shiftKey) readerActing = true;
    // Arrows, Escape, typing: the reader moves on from the selection.
    else held = null;
  };
  const onKeyUp = (event: KeyboardEvent) => {
    if (!on || !readerActing || !event.isTrusted) return;
    readerActing = false;
    hold();
  };
  const onSelectionChange = (event: Event) => {
    if (!on || (!held && !readerActing)) return;
    // The page hears nothing of the reader's selection: some clear it as it changes.
    event.stopImmediatePropagation();
    const selection = document.getSelection();
    // The reader's selection as it settles (a browser may finish it after the release).
    const range = selectedRange(selection);
    if (range) held = range;
    if (readerActing || !held || !selection || range) return;
    if (!held.startContainer.isConnected || !held.endContainer.isConnected) held = null;
    else {
      selection.removeAllRanges();
      selection.addRange(held.cloneRange());
    }
  };

  /** Sets an inline declaration of the page's element, keeping the page's own to put back. */
  const setInline = (element: HTMLElement, property: string, value: string) => {
    const kept = inline.get(property) ?? inline.set(property, new Map()).get(property)!;
    if (!kept.has(element))
      kept.set(element, {
        value: element.style.getPropertyValue(property),
        priority: element.style.getPropertyPriority(property),
      });
    element.style.setProperty(property, value, 'important');
  };
  const letThrough = (element: HTMLElement) => {
    setInline(element, 'pointer-events', 'none');
    // Styles now, not at the next frame: a press that follows at once must reach the text
    // (Firefox aims it by the styles as they were last computed).
    void getComputedStyle(element).pointerEvents;
  };
  const freeInline = (element: Element) => {
    if (!(element instanceof HTMLElement)) return;
    for (const property of USER_SELECT)
      if (element.style.getPropertyValue(property) === 'none') setInline(element, property, 'text');
  };
  const styled = new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'attributes') freeInline(record.target as Element);
      for (const node of record.addedNodes)
        if (node instanceof Element)
          for (const element of [node, ...node.querySelectorAll('[style]')]) freeInline(element);
    }
  });

  for (const type of STOPPED) window.addEventListener(type, stop, true);
  window.addEventListener('mousedown', onMouseDown as EventListener, true);
  window.addEventListener('mouseup', onMouseUp as EventListener, true);
  window.addEventListener('pointerover', onPointerOver as EventListener, true);
  window.addEventListener('keydown', onKeyDown as EventListener, true);
  window.addEventListener('keyup', onKeyUp as EventListener, true);
  // Dispatched at the document: the window hears it first in the capture phase.
  window.addEventListener('selectionchange', onSelectionChange, true);

  return {
    isOn: () => on,
    turnOn() {
      if (on) return;
      on = true;
      style = document.createElement('style');
      markOwnElement(style);
      style.textContent = FREE_SELECTION_CSS;
      (document.head ?? document.documentElement).append(style);
      for (const element of document.querySelectorAll('[style]')) freeInline(element);
      // Styles now, not at the next frame: a press that follows at once must find the text
      // selectable (Firefox starts a selection by the styles as they were last computed).
      void getComputedStyle(document.documentElement).userSelect;
      styled.observe(document.documentElement, {
        subtree: true,
        childList: true,
        attributes: true,
        attributeFilter: ['style'],
      });
    },
    turnOff() {
      if (!on) return;
      on = false;
      style?.remove();
      style = null;
      styled.disconnect();
      for (const [property, kept] of inline)
        for (const [element, before] of kept) element.style.setProperty(property, before.value, before.priority);
      inline.clear();
      held = null;
      readerActing = false;
    },
    onBlockedAttempt(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setOwnHost(host) {
      ownHost = host;
    },
    heldSelection: () => (on && held?.startContainer.isConnected ? held.cloneRange() : null),
    releaseSelection() {
      held = null;
    },
  };
}
