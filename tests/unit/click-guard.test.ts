// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { createFrameChecks, guardClicks, type GuardRefusal } from '@/utils/annotate/click-guard';
import type { FrameRequest } from '@/utils/annotate/frame-messages';

/** A 删除 button (guarded) and a × button (not), with what each click did. */
function controls() {
  document.body.innerHTML = '<button data-guard id="delete">删除</button><button id="close">×</button>';
  const acted: string[] = [];
  for (const button of document.querySelectorAll('button'))
    button.addEventListener('click', () => acted.push(button.id));
  return { acted, del: document.getElementById('delete')!, close: document.getElementById('close')! };
}

/** A reader's pointer click (`detail` 1) at a point of the frame. */
const pointerClick = (element: Element, x = 10, y = 12) =>
  element.dispatchEvent(
    new MouseEvent('click', { bubbles: true, cancelable: true, detail: 1, clientX: x, clientY: y }),
  );

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('guardClicks', () => {
  it('holds a guarded click until both verdicts are in, then acts on it once', async () => {
    const { acted, del } = controls();
    let answer!: (refusal: GuardRefusal | null) => void;
    const ask = vi.fn(() => new Promise<GuardRefusal | null>((resolve) => (answer = resolve)));
    const refused = vi.fn();
    const stop = guardClicks(window, { ask, seen: async () => true, onRefused: refused, onAllowed: () => {} });
    pointerClick(del, 30, 40);
    await flush();
    expect(acted).toEqual([]);
    expect(ask).toHaveBeenCalledWith({ x: 30, y: 40 });
    answer(null);
    await flush();
    expect(acted).toEqual(['delete']);
    expect(refused).not.toHaveBeenCalled();
    stop();
  });

  it('refuses when the tools saw the frame hidden or covered, or the browser did not see it, and says why', async () => {
    for (const [tools, browser, why] of [
      ['hidden', true, 'hidden'],
      ['covered', null, 'covered'],
      [null, false, 'unseen'],
      ['covered', false, 'covered'],
    ] as const) {
      const { acted, del } = controls();
      const refused = vi.fn();
      const stop = guardClicks(window, {
        ask: async () => tools,
        seen: async () => browser,
        onRefused: refused,
        onAllowed: () => {},
      });
      pointerClick(del);
      await flush();
      expect(acted).toEqual([]);
      expect(refused).toHaveBeenCalledWith(why);
      stop();
    }
  });

  it('lets unguarded controls and clicks from the keyboard act at once', async () => {
    const { acted, del, close } = controls();
    const ask = vi.fn(async () => 'covered' as const);
    const stop = guardClicks(window, { ask, seen: async () => false, onRefused: () => {}, onAllowed: () => {} });
    pointerClick(close);
    del.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, detail: 0 }));
    expect(acted).toEqual(['close', 'delete']);
    expect(ask).not.toHaveBeenCalled();
    stop();
  });
});

describe('createFrameChecks', () => {
  /** Timers that run only when the test says time has passed. */
  function clock() {
    const timers = new Map<number, { at: number; run: () => void }>();
    let now = 0;
    let next = 0;
    return {
      setTimer: (run: () => void, ms: number) => (timers.set(++next, { at: now + ms, run }), next),
      clearTimer: (timer: unknown) => timers.delete(timer as number),
      advance(ms: number) {
        now += ms;
        for (const [id, timer] of timers) {
          if (timer.at > now) continue;
          timers.delete(id);
          timer.run();
        }
      },
    };
  }

  it('numbers each question and settles it with the tools’ answer', async () => {
    const sent: FrameRequest[] = [];
    const checks = createFrameChecks((request) => (sent.push(request), true), clock());
    const first = checks.ask({ x: 1, y: 2 });
    const second = checks.ask({ x: 3, y: 4 });
    expect(sent).toEqual([
      { type: 'check', check: 1, x: 1, y: 2 },
      { type: 'check', check: 2, x: 3, y: 4 },
    ]);
    checks.answered({ checked: 2, refused: 'covered' });
    checks.answered({ checked: 1, refused: null });
    expect(await first).toBeNull();
    expect(await second).toBe('covered');
  });

  it('refuses a question the tools cannot hear or do not answer in time, and ignores a late answer', async () => {
    const time = clock();
    expect(await createFrameChecks(() => false, time).ask({ x: 0, y: 0 })).toBe('unanswered');
    const checks = createFrameChecks(() => true, { ...time, withinMs: 2_000 });
    const asked = checks.ask({ x: 0, y: 0 });
    time.advance(1_999);
    let settled = false;
    void asked.then(() => (settled = true));
    await flush();
    expect(settled).toBe(false);
    time.advance(1);
    expect(await asked).toBe('unanswered');
    checks.answered({ checked: 1, refused: null });
  });
});
