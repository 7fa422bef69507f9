/**
 * Sends a page's annotation changes to the background one at a time per annotation, newest
 * first: an edit made while the previous one is in flight replaces any edit still waiting, so a
 * note typed quickly is sent as its latest text, and a delete is never overtaken by an older save.
 * Failures are retried with growing pauses (the service worker may be starting); what still
 * fails is kept, reported, and sent again on `retryFailed` — never dropped.
 */
export interface SaveQueueState {
  /** Annotations with a change in flight or waiting. */
  saving: string[];
  failed: { id: string; error: unknown }[];
}

export interface SaveQueueOptions<T> {
  send(id: string, change: T): Promise<void>;
  isRetryable(error: unknown): boolean;
  onChange(state: SaveQueueState): void;
  retryDelaysMs?: readonly number[];
  wait?: (ms: number) => Promise<void>;
}

export interface SaveQueue<T> {
  put(id: string, change: T): void;
  retryFailed(): void;
  state(): SaveQueueState;
  /** Resolves when nothing is in flight or waiting (failed changes stay failed). */
  idle(): Promise<void>;
}

const DEFAULT_RETRY_DELAYS_MS = [500, 2000, 5000];

export function createSaveQueue<T>(options: SaveQueueOptions<T>): SaveQueue<T> {
  const delays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const wait = options.wait ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const waiting = new Map<string, T>();
  const running = new Set<string>();
  const failed = new Map<string, { change: T; error: unknown }>();
  let idleWaiters: (() => void)[] = [];

  const state = (): SaveQueueState => ({
    saving: [...new Set([...running, ...waiting.keys()])],
    failed: [...failed].map(([id, { error }]) => ({ id, error })),
  });
  const changed = () => {
    options.onChange(state());
    if (running.size === 0 && waiting.size === 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  };

  async function drain(id: string) {
    running.add(id);
    for (let change = waiting.get(id); change !== undefined; change = waiting.get(id)) {
      waiting.delete(id);
      failed.delete(id);
      changed();
      for (let attempt = 0; ; attempt++) {
        try {
          await options.send(id, change);
          break;
        } catch (error) {
          const delay = delays[attempt];
          // A newer change supersedes this one: send that instead of retrying.
          if (waiting.has(id)) break;
          if (delay === undefined || !options.isRetryable(error)) {
            failed.set(id, { change, error });
            break;
          }
          await wait(delay);
          if (waiting.has(id)) break;
        }
      }
    }
    running.delete(id);
    changed();
  }

  return {
    put(id, change) {
      waiting.set(id, change);
      if (!running.has(id)) void drain(id);
      else changed();
    },
    retryFailed() {
      for (const [id, { change }] of failed) {
        if (!waiting.has(id)) this.put(id, change);
      }
    },
    state,
    idle() {
      if (running.size === 0 && waiting.size === 0) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
  };
}
