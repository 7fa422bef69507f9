import search from 'approx-string-match';
import { describe, expect, it } from 'vitest';
import { SEARCH_WINDOW, searchSteps } from '@/utils/anchor/approximate-search';
import type { Steps } from '@/utils/schedule/slices';

/** Runs a job to its end, counting its pauses. */
function pausesOf<T>(steps: Steps<T>): { value: T; pauses: number } {
  let pauses = 0;
  let next = steps.next();
  while (!next.done) {
    pauses++;
    next = steps.next();
  }
  return { value: next.value, pauses };
}

const sentence = (n: number) =>
  `第${n % 7}段：会议强调，要坚持以人民为中心的发展思想，推动基层治理工作不断取得新成效。`;
/** The hostile page's text: near-duplicate paragraphs, each a match of an edited quote. */
const nearDuplicates = Array.from({ length: 1_500 }, (_, n) => sentence(n)).join('');

describe('searchSteps: fuzzy matching a window at a time', () => {
  it('finds what one search of the whole text finds, pausing after every window', () => {
    const quote = '推进基层治理工作不断取得新成效。第3段';
    const whole = search(nearDuplicates, quote, 4);
    expect(whole.length).toBeGreaterThan(100);
    const { value, pauses } = pausesOf(searchSteps(nearDuplicates, quote, 4));
    expect(value).toEqual(whole);
    expect(pauses).toBe(Math.ceil(nearDuplicates.length / SEARCH_WINDOW) - 1);
  });

  it('gives positions in the whole text for a region of it, matches across a window’s edge included', () => {
    const from = 1_000;
    const to = nearDuplicates.length - 777;
    const quote = sentence(5).slice(3, 27).replace('人民', '群众');
    const whole = search(nearDuplicates.slice(from, to), quote, 5).map((match) => ({
      ...match,
      start: from + match.start,
      end: from + match.end,
    }));
    const { value } = pausesOf(searchSteps(nearDuplicates, quote, 5, from, to));
    expect(value).toEqual(whole);
    // Some of them straddle a window's edge: the windows' overlap keeps them whole.
    expect(
      value.some(
        (match) =>
          Math.floor((match.start - from) / SEARCH_WINDOW) !== Math.floor((match.end - 1 - from) / SEARCH_WINDOW),
      ),
    ).toBe(true);
  });

  it('keeps only the fewest errors found anywhere, as one search does', () => {
    // A copy with one error early, and an exact copy far later: only the exact one is an answer.
    const text = 'x'.repeat(100) + 'abcdefXhij' + 'y'.repeat(SEARCH_WINDOW * 3) + 'abcdefghij' + 'z'.repeat(50);
    const { value } = pausesOf(searchSteps(text, 'abcdefghij', 2));
    expect(value).toEqual(search(text, 'abcdefghij', 2));
    expect(value.map((match) => match.errors)).toEqual([0]);
  });
});
