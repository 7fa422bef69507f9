import { describe, expect, it } from 'vitest';
import { describeOffsets } from '@/utils/anchor/describe-range';
import { placeAnchors, resolveAnchors } from '@/utils/anchor/resolve-anchors';
import type { TextIndex } from '@/utils/anchor/text-index';
import { PageLimitError } from '@/utils/dom/page-limits';
import { runInSlices, runToEnd, type SliceClock, type Steps } from '@/utils/schedule/slices';

/**
 * A clock that moves only when the job works (`cost` ms per step) or the page takes its turn
 * (`turn` ms): what ran between two turns of the page is exactly the task the browser would see.
 */
function fakeClock(turn = 7) {
  let now = 0;
  const tasks: number[] = [];
  let taskStart = 0;
  const clock: SliceClock & { work(ms: number): void } = {
    now: () => now,
    work: (ms) => void (now += ms),
    async yieldToPage() {
      tasks.push(now - taskStart);
      now += turn;
      taskStart = now;
    },
  };
  return { clock, tasks, end: () => tasks.push(now - taskStart) };
}

function* job(clock: { work(ms: number): void }, steps: number, cost: number, done: number[]): Steps<number> {
  for (let step = 0; step < steps; step++) {
    clock.work(cost);
    done.push(step);
    yield;
  }
  return steps;
}

describe('runInSlices', () => {
  it('gives the page its turn once a slice is spent, so no task is longer than a slice and a step', async () => {
    const { clock, tasks, end } = fakeClock();
    const done: number[] = [];
    expect(await runInSlices(job(clock, 100, 3, done), { clock, sliceMs: 16 })).toBe(100);
    end();
    expect(done).toHaveLength(100);
    expect(Math.max(...tasks)).toBeLessThanOrEqual(16 + 3);
    expect(tasks.length).toBeGreaterThanOrEqual(Math.floor(300 / 19));
  });

  it('stops the job once its own work reaches the budget, the page’s turns not counted', async () => {
    const { clock } = fakeClock(1_000);
    const done: number[] = [];
    const stopped = runInSlices(job(clock, 1_000, 5, done), { clock, sliceMs: 10, budgetMs: 100 });
    await expect(stopped).rejects.toBeInstanceOf(PageLimitError);
    // 100 ms of work in 5 ms steps, though the page's turns took seconds of the clock.
    expect(done).toHaveLength(20);
  });

  it('drops a run that a newer one made moot, at its next pause', async () => {
    const { clock } = fakeClock();
    const done: number[] = [];
    let moot = false;
    const run = runInSlices(job(clock, 100, 10, done), { clock, sliceMs: 10, stale: () => moot });
    moot = true;
    expect(await run).toBeUndefined();
    expect(done).toEqual([0]);
  });
});

describe('placing anchors in slices', () => {
  // Near-duplicate paragraphs, and quotes the site edited since (推动 became 推进): fuzzy work everywhere.
  const sentence = (n: number) =>
    `第${n % 7}段：会议强调，要坚持以人民为中心的发展思想，推动基层治理工作不断取得新成效。`;
  const original = Array.from({ length: 2_000 }, (_, n) => sentence(n)).join('');
  const anchors = Array.from({ length: 40 }, (_, n) =>
    describeOffsets({ text: original } as TextIndex, 1_000 + n * 997, 1_024 + n * 997)!,
  );
  const edited = original.replace(/推动/g, '推进');

  it('within its budget leaves what it had no time for 未定位 to retry, each slice short', async () => {
    const { clock, tasks, end } = fakeClock();
    // Every pause of the search costs 2 ms of the clock: the budget runs out part way through.
    function* costed(): Steps<ReturnType<typeof resolveAnchors>> {
      const steps = placeAnchors(edited, anchors);
      let next = steps.next();
      while (!next.done) {
        clock.work(2);
        try {
          yield;
          next = steps.next();
        } catch (error) {
          next = steps.throw(error);
        }
      }
      return next.value;
    }
    const placements = (await runInSlices(costed(), { clock, sliceMs: 16, budgetMs: 60 }))!;
    end();
    expect(placements).toHaveLength(anchors.length);
    const outOfTime = placements.filter((placement) => placement.status === 'unplaced' && placement.outOfTime);
    expect(outOfTime.length).toBeGreaterThan(0);
    expect(Math.max(...tasks)).toBeLessThanOrEqual(16 + 2);
  });

  it('places exactly what placing at once places, when it has the time', async () => {
    const { clock } = fakeClock();
    const some = anchors.slice(0, 3);
    expect(await runInSlices(placeAnchors(edited, some), { clock })).toEqual(resolveAnchors(edited, some));
    expect(runToEnd(placeAnchors(edited, some))).toEqual(resolveAnchors(edited, some));
  });
});
