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
 *   beneath, as the pointer enters it; put back as it was when turned off.
 * Nothing added names Pizhu: an unnamed `<style>` and inline `pointer-events` on masks.
 */
export interface SelectionFreedom {
  isOn(): boolean;
  turnOn(): void;
  turnOff(): void;
  /** Hears each blocked attempt while the mode is off; returns the function that stops listening. */
  onBlockedAttempt(listener: () => void): () => void;
  /** The tools' own host: its events are never stopped. */
  setOwnHost(host: Element): void;
}

const FREE_SELECTION_CSS =
  '*,*::before,*::after{-webkit-user-select:text!important;user-select:text!important}' +
  '*::selection{background-color:Highlight!important;color:HighlightText!important}';

/** What a page makes clickable: presses there are the page's, mode or not. */
const CLICKABLE =
  'a[href],button,input,select,textarea,label,summary,option,video,audio,[contenteditable],[role],[onclick],[tabindex],[draggable="true"]';
/** What a mask holds none of: anything the reader could want to click or see. */
const CONTENT = 'a,button,input,select,textarea,img,video,audio,canvas,iframe,svg,object,embed,picture';
/** A drag shorter than this (in CSS pixels) is a click, not an attempt to select. */
const DRAG_PX = 8;
const STOPPED = ['selectstart', 'contextmenu', 'copy'] as const;

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

export function listenForBlockedSelection(window: Window): SelectionFreedom {
  const { document } = window;
  let on = false;
  let ownHost: Element | null = null;
  let style: HTMLStyleElement | null = null;
  const masks = new Map<HTMLElement, { value: string; priority: string }>();
  const listeners = new Set<() => void>();
  let press: { x: number; y: number } | null = null;

  const fromPage = (event: Event) => event.isTrusted && event.target instanceof Node && event.target !== ownHost;
  const targetElement = (event: Event) =>
    event.target instanceof Element ? event.target : ((event.target as Node).parentElement ?? null);

  const stop = (event: Event) => {
    if (on && fromPage(event)) event.stopImmediatePropagation();
  };
  const onMouseDown = (event: MouseEvent) => {
    if (!fromPage(event) || event.button !== 0) return;
    const element = targetElement(event);
    if (!element || element.closest(CLICKABLE)) return;
    if (on) event.stopImmediatePropagation();
    else press = textUnder(document, event.clientX, event.clientY) ? { x: event.clientX, y: event.clientY } : null;
  };
  const onMouseUp = (event: MouseEvent) => {
    const start = press;
    press = null;
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
    if (element instanceof HTMLElement && !masks.has(element) && isMaskOverText(element, event.clientX, event.clientY))
      letThrough(element);
  };

  const letThrough = (element: HTMLElement) => {
    masks.set(element, {
      value: element.style.getPropertyValue('pointer-events'),
      priority: element.style.getPropertyPriority('pointer-events'),
    });
    element.style.setProperty('pointer-events', 'none', 'important');
  };

  for (const type of STOPPED) window.addEventListener(type, stop, true);
  window.addEventListener('mousedown', onMouseDown as EventListener, true);
  window.addEventListener('mouseup', onMouseUp as EventListener, true);
  window.addEventListener('pointerover', onPointerOver as EventListener, true);

  return {
    isOn: () => on,
    turnOn() {
      if (on) return;
      on = true;
      style = document.createElement('style');
      markOwnElement(style);
      style.textContent = FREE_SELECTION_CSS;
      (document.head ?? document.documentElement).append(style);
    },
    turnOff() {
      if (!on) return;
      on = false;
      style?.remove();
      style = null;
      for (const [element, before] of masks) element.style.setProperty('pointer-events', before.value, before.priority);
      masks.clear();
    },
    onBlockedAttempt(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setOwnHost(host) {
      ownHost = host;
    },
  };
}
