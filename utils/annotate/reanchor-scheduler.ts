/**
 * When to place a page's annotations again as the page renders late content: once loaded, a
 * change is followed (after a pause that lets a burst of changes settle) by a new attempt when one
 * is needed, a bounded number of times within a window after start — a page that never stops
 * changing (a ticker, a carousel) must not keep re-anchoring.
 */
export interface ReanchorSchedulerOptions {
  /** Whether an attempt is worth it now: something is unplaced, or the article's element was replaced. */
  needed(): boolean;
  reanchor(): void;
  now?: () => number;
  setTimer?: (run: () => void, ms: number) => void;
  maxAttempts?: number;
  windowMs?: number;
  delayMs?: number;
}

export interface ReanchorScheduler {
  /** The stored annotations were loaded and placed once: from now on, changes count. */
  loaded(): void;
  pageChanged(): void;
}

export function createReanchorScheduler(options: ReanchorSchedulerOptions): ReanchorScheduler {
  const now = options.now ?? Date.now;
  const setTimer = options.setTimer ?? ((run, ms) => void setTimeout(run, ms));
  const maxAttempts = options.maxAttempts ?? 10;
  const windowMs = options.windowMs ?? 60_000;
  const delayMs = options.delayMs ?? 300;
  const started = now();
  let isLoaded = false;
  let attempts = 0;
  let scheduled = false;
  return {
    loaded() {
      isLoaded = true;
    },
    pageChanged() {
      if (!isLoaded || scheduled || attempts >= maxAttempts || now() - started > windowMs) return;
      scheduled = true;
      setTimer(() => {
        scheduled = false;
        if (!options.needed()) return;
        attempts++;
        options.reanchor();
      }, delayMs);
    },
  };
}
