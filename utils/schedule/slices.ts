import { PageLimitError, type Deadline } from '../dom/page-limits';

/**
 * A long job written as a generator that yields wherever it may pause: run to its end at once
 * (`runToEnd`), or on a page's main thread in slices that give the page its turn (`runInSlices`).
 * The job stops when its time is spent by a `PageLimitError` thrown in at a pause, which it may
 * catch to finish with what it has (anchoring leaves the rest 未定位).
 */
export type Steps<T> = Generator<void, T, void>;

export interface SliceClock {
  now(): number;
  /** Resolves once the page has had its turn: its input, rendering and waiting tasks. */
  yieldToPage(): Promise<void>;
}

export interface SliceOptions {
  clock?: SliceClock;
  /** Work between two turns of the page; under the 50 ms after which the browser counts a long task. */
  sliceMs?: number;
  /** Work in all, not counting the page's turns, after which the job is stopped. */
  budgetMs?: number;
}

/** Well under 50 ms: a step between two pauses may run on past the slice. */
export const SLICE_MS = 16;

type Scheduler = {
  yield?: () => Promise<void>;
  postTask?: (run: () => void, options?: { priority?: string }) => Promise<void>;
};

/**
 * Gives the page its turn: `scheduler.yield()` where the browser has it (the job resumes before
 * other pages' background work), else a `postTask` at the page's own priority, else a message to
 * ourselves, which runs after the input and rendering already waiting (unlike a microtask) and
 * without setTimeout's clamping.
 */
export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Scheduler }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  if (scheduler?.postTask) return scheduler.postTask(() => {}, { priority: 'user-visible' });
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

export const PAGE_CLOCK: SliceClock = { now: () => performance.now(), yieldToPage };

/** Runs a job without pausing, looking at `deadline` at each of its pauses. */
export function runToEnd<T>(steps: Steps<T>, deadline?: Deadline): T {
  let next = steps.next();
  while (!next.done) {
    try {
      deadline?.check();
    } catch (error) {
      next = steps.throw(error);
      continue;
    }
    next = steps.next();
  }
  return next.value;
}

/**
 * Runs a job in slices of `sliceMs` of work, giving the page its turn between them, until it ends
 * or has worked `budgetMs` in all (the page's turns not counted): then a `PageLimitError` is
 * thrown in at its pause. `stale()` says a newer run made this one pointless: it is dropped
 * (resolves undefined) at its next pause.
 */
export async function runInSlices<T>(
  steps: Steps<T>,
  options: SliceOptions & { stale?: () => boolean } = {},
): Promise<T | undefined> {
  const clock = options.clock ?? PAGE_CLOCK;
  const sliceMs = options.sliceMs ?? SLICE_MS;
  const budgetMs = options.budgetMs ?? Number.POSITIVE_INFINITY;
  let worked = 0;
  let sliceStart = clock.now();
  let next = steps.next();
  while (!next.done) {
    const sliceWork = clock.now() - sliceStart;
    if (worked + sliceWork >= budgetMs) {
      worked += sliceWork;
      sliceStart = clock.now();
      next = steps.throw(new PageLimitError({ kind: 'time', found: Math.round(worked), limit: budgetMs }));
      continue;
    }
    if (sliceWork >= sliceMs) {
      worked += sliceWork;
      await clock.yieldToPage();
      if (options.stale?.()) {
        steps.return(undefined as T);
        return undefined;
      }
      sliceStart = clock.now();
    }
    next = steps.next();
  }
  return next.value;
}

/** A page still busy this long after it asked to be left alone gets Pizhu's work anyway. */
const IDLE_WITHIN_MS = 2_000;

/**
 * Resolves once the page is idle — after the task that asked (its DOMContentLoaded), its first
 * rendering and its own start-up work — or after two seconds on a page that never is.
 */
export function whenPageIdle(): Promise<void> {
  const { requestIdleCallback } = globalThis as {
    requestIdleCallback?: (run: () => void, options: { timeout: number }) => unknown;
  };
  return new Promise((resolve) => {
    if (requestIdleCallback) requestIdleCallback(() => resolve(), { timeout: IDLE_WITHIN_MS });
    else setTimeout(resolve, 0);
  });
}

/** A page that renders no frame this long (a tab in the background) is measured anyway. */
const FRAME_WITHIN_MS = 1_000;

/**
 * Resolves in a task after the page's next rendered frame, when its style and layout are up to
 * date and measuring an element costs no layout of the whole page — or after a second where the
 * page renders none.
 */
export function afterNextFrame(): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, FRAME_WITHIN_MS);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(timer);
        resolve();
      }, 0),
    );
  });
}
