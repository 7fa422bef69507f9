import type { ClickRefusal, FrameCheckAnswer, FrameRequest } from './frame-messages';

/** Why a click in the note frame did not act. */
export type GuardRefusal = ClickRefusal | 'unseen' | 'unanswered';

/** The tools answer a check at once; one not answered in this long is refused. */
const CHECK_WITHIN_MS = 2_000;

interface Timers {
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

/**
 * The frame's questions to the page's tools — "was I in plain sight at this point?" — numbered,
 * and their answers. A question the tools cannot hear or do not answer in time counts as refused.
 */
export function createFrameChecks(
  post: (request: FrameRequest) => boolean,
  options: Timers & { withinMs?: number } = {},
) {
  const setTimer = options.setTimer ?? ((run: () => void, ms: number) => setTimeout(run, ms));
  const clearTimer = options.clearTimer ?? ((timer: unknown) => clearTimeout(timer as ReturnType<typeof setTimeout>));
  const pending = new Map<number, { settle: (refusal: GuardRefusal | null) => void; timer: unknown }>();
  let last = 0;
  return {
    ask(point: { x: number; y: number }): Promise<GuardRefusal | null> {
      const check = ++last;
      return new Promise((resolve) => {
        const settle = (refusal: GuardRefusal | null) => {
          clearTimer(pending.get(check)?.timer);
          pending.delete(check);
          resolve(refusal);
        };
        let sent = false;
        try {
          sent = post({ type: 'check', check, x: point.x, y: point.y });
        } catch {
          // A port that closed meanwhile throws: the question did not leave.
        }
        if (!sent) return resolve('unanswered');
        pending.set(check, {
          settle,
          timer: setTimer(() => settle('unanswered'), options.withinMs ?? CHECK_WITHIN_MS),
        });
      });
    },
    answered({ checked, refused }: FrameCheckAnswer) {
      pending.get(checked)?.settle(refused);
    },
  };
}

/**
 * IntersectionObserver v2's verdict on an element, where the browser has it (Chromium): false when
 * anything is drawn over it or it, the frame or anything around the frame in the page is
 * transparent, transformed or filtered. Null where the browser cannot tell.
 */
export function seenByBrowser(element: Element, options: Timers & { withinMs?: number } = {}): Promise<boolean | null> {
  const view = element.ownerDocument.defaultView;
  if (!view || !('isVisible' in view.IntersectionObserverEntry.prototype)) return Promise.resolve(null);
  const setTimer = options.setTimer ?? ((run: () => void, ms: number) => setTimeout(run, ms));
  return new Promise((resolve) => {
    // A fresh observer reports the element's state as the next frame is drawn, not an older one.
    const observer = new view.IntersectionObserver(
      (entries) => {
        observer.disconnect();
        resolve((entries.at(-1) as IntersectionObserverEntry & { isVisible?: boolean }).isVisible === true);
      },
      // `trackVisibility` and `delay` are not yet in TypeScript's DOM types.
      { trackVisibility: true, delay: 100 } as IntersectionObserverInit,
    );
    observer.observe(element);
    // No frame drawn for a long while (a hidden tab): nothing the reader could have seen.
    setTimer(() => {
      observer.disconnect();
      resolve(false);
    }, options.withinMs ?? CHECK_WITHIN_MS);
  });
}

export interface ClickGuardOptions {
  /** The page's tools' verdict on the frame at this point of the frame. */
  ask(point: { x: number; y: number }): Promise<GuardRefusal | null>;
  /** The browser's own verdict on the clicked element; null where it has none. */
  seen(element: Element): Promise<boolean | null>;
  onRefused(refusal: GuardRefusal): void;
  onAllowed(): void;
}

/** Marks a control whose click deletes, changes or sends something: it acts only on a click the reader could see. */
export const GUARDED = 'data-guard';

/**
 * Holds back every pointer click on a guarded control of the note frame until both the browser
 * (IntersectionObserver v2, where it has it) and the page's tools (their own look at the page's
 * styles and what is drawn over the frame) say the frame was in plain sight; then clicks it again
 * for real, or tells the reader why not. A page could otherwise make the frame transparent, or lay
 * a decoy over it that lets clicks through, and have the reader click 删除 unawares. A click from
 * the keyboard (`detail` 0) acts at once: the page can neither see nor steer the frame's focus.
 */
export function guardClicks(target: EventTarget, options: ClickGuardOptions): () => void {
  let approved: Element | null = null;
  const onClick = (event: Event) => {
    const control = (event.target as Element | null)?.closest?.(`[${GUARDED}]`);
    if (!control || control === approved || (event as MouseEvent).detail === 0) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    const box = control.getBoundingClientRect();
    const { clientX, clientY } = event as MouseEvent;
    // A click the browser reports without a place is judged at the control's centre.
    const point =
      clientX || clientY ? { x: clientX, y: clientY } : { x: box.left + box.width / 2, y: box.top + box.height / 2 };
    void Promise.all([options.seen(control), options.ask(point)]).then(([seen, refused]) => {
      const refusal = refused ?? (seen === false ? 'unseen' : null);
      if (refusal) return options.onRefused(refusal);
      options.onAllowed();
      approved = control;
      try {
        (control as HTMLElement).click();
      } finally {
        approved = null;
      }
    });
  };
  target.addEventListener('click', onClick, true);
  return () => target.removeEventListener('click', onClick, true);
}
