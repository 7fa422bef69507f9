import { describe, expect, it } from 'vitest';
import { describeOffsets } from '@/utils/anchor/describe-range';
import { placeAnchors, resolveAnchors } from '@/utils/anchor/resolve-anchors';
import type { TextIndex } from '@/utils/anchor/text-index';
import { PageLimitError, type Deadline } from '@/utils/dom/page-limits';
import { writeHostileFigures } from '../support/hostile-report';

/**
 * The page that once blocked a tab for seconds: hundreds of thousands of characters of
 * near-duplicate paragraphs, and stored quotes that no longer match exactly, so each goes to
 * fuzzy matching over the whole text and finds thousands of equally good candidates.
 */
function nearDuplicatePage(paragraphs: number) {
  const sentence = (n: number) =>
    `第${n % 7}段：会议强调，要坚持以人民为中心的发展思想，推动基层治理工作不断取得新成效。`;
  return Array.from({ length: paragraphs }, (_, n) => sentence(n)).join('');
}

/** A deadline that has passed after `allowed` looks at it; it counts every look. */
function countingDeadline(allowed: number): Deadline & { checks: number } {
  return {
    checks: 0,
    check() {
      if (++this.checks > allowed) throw new PageLimitError({ kind: 'time', found: this.checks, limit: allowed });
    },
  };
}

describe('placing a page’s annotations within a budget', () => {
  const original = nearDuplicatePage(2_000);
  const anchors = Array.from({ length: 40 }, (_, n) => {
    const start = 1_000 + n * 997;
    return describeOffsets({ text: original } as TextIndex, start, start + 24)!;
  });
  // The site edited the page: every quote lost one character, so none matches exactly.
  const edited = original.replace(/推动/g, '推进');

  it('stops once its time is spent and leaves the rest unplaced, marked as out of time', () => {
    const deadline = countingDeadline(12);
    const placements = resolveAnchors(edited, anchors, deadline);
    expect(deadline.checks).toBe(13);
    const outOfTime = placements.filter((placement) => placement.status === 'unplaced' && placement.outOfTime);
    expect(outOfTime.length).toBeGreaterThan(0);
    expect(placements).toHaveLength(anchors.length);
    // Everything is accounted for: placed, unplaced, or not tried for lack of time.
    for (const placement of placements) expect(['exact', 'fuzzy', 'unplaced']).toContain(placement.status);
    writeHostileFigures('anchor-budget', {
      notes: [
        `${edited.length.toLocaleString('en')} characters of near-duplicate paragraphs, ${anchors.length} edited quotes: placing stopped at its deadline (${deadline.checks} looks), ${outOfTime.length} left 未定位 to retry`,
      ],
    });
  });

  it('gives the same answers as an unbounded run for what it had time to finish', () => {
    const unbounded = resolveAnchors(edited, anchors.slice(0, 3));
    const bounded = resolveAnchors(edited, anchors.slice(0, 3), countingDeadline(Number.MAX_SAFE_INTEGER));
    expect(bounded).toEqual(unbounded);
    expect(unbounded.some((placement) => 'outOfTime' in placement)).toBe(false);
  });

  it('pauses every few quotes even when each is where it was: no task holds all of them', () => {
    let pauses = 0;
    const steps = placeAnchors(original, anchors);
    let next = steps.next();
    for (; !next.done; next = steps.next()) pauses++;
    expect(next.value.every((placement) => placement.status === 'exact')).toBe(true);
    expect(pauses).toBeGreaterThanOrEqual(anchors.length / 8);
  });
});
