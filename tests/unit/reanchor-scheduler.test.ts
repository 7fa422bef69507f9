import { describe, expect, it } from 'vitest';
import { createReanchorScheduler } from '@/utils/annotate/reanchor-scheduler';

/** A scheduler on a hand-turned clock: timers run only when `advance` passes their time. */
function harness(options: { needed?: () => boolean; maxAttempts?: number; windowMs?: number } = {}) {
  let now = 0;
  let timers: { at: number; run: () => void }[] = [];
  let reanchors = 0;
  const scheduler = createReanchorScheduler({
    needed: options.needed ?? (() => true),
    reanchor: () => reanchors++,
    now: () => now,
    setTimer: (run, ms) => timers.push({ at: now + ms, run }),
    maxAttempts: options.maxAttempts,
    windowMs: options.windowMs,
    delayMs: 300,
  });
  return {
    scheduler,
    advance(ms: number) {
      now += ms;
      const due = timers.filter((timer) => timer.at <= now);
      timers = timers.filter((timer) => timer.at > now);
      for (const timer of due) timer.run();
    },
    reanchors: () => reanchors,
    pending: () => timers.length,
  };
}

describe('re-anchoring as a page renders late', () => {
  it('waits for the stored annotations before a change counts', () => {
    const h = harness();
    h.scheduler.pageChanged();
    h.advance(1_000);
    expect(h.reanchors()).toBe(0);
    h.scheduler.loaded();
    h.scheduler.pageChanged();
    h.advance(1_000);
    expect(h.reanchors()).toBe(1);
  });

  it('gathers a burst of changes into one attempt after the pause', () => {
    const h = harness();
    h.scheduler.loaded();
    for (let index = 0; index < 50; index++) h.scheduler.pageChanged();
    expect(h.pending()).toBe(1);
    h.advance(299);
    expect(h.reanchors()).toBe(0);
    h.advance(1);
    expect(h.reanchors()).toBe(1);
  });

  it('does not re-anchor when nothing needs it, and that costs no attempt', () => {
    let needed = false;
    const h = harness({ needed: () => needed, maxAttempts: 1 });
    h.scheduler.loaded();
    h.scheduler.pageChanged();
    h.advance(300);
    expect(h.reanchors()).toBe(0);
    needed = true;
    h.scheduler.pageChanged();
    h.advance(300);
    expect(h.reanchors()).toBe(1);
  });

  it('stops after the allowed attempts and after the window, on a page that never stops changing', () => {
    const h = harness({ maxAttempts: 3, windowMs: 60_000 });
    h.scheduler.loaded();
    for (let index = 0; index < 10; index++) {
      h.scheduler.pageChanged();
      h.advance(300);
    }
    expect(h.reanchors()).toBe(3);

    const late = harness({ maxAttempts: 10, windowMs: 60_000 });
    late.scheduler.loaded();
    late.advance(60_001);
    late.scheduler.pageChanged();
    late.advance(300);
    expect(late.reanchors()).toBe(0);
  });
});
