import search from 'approx-string-match';
import type { Steps } from '../schedule/slices';

export interface ApproximateMatch {
  start: number;
  end: number;
  errors: number;
}

/** Characters searched between two pauses: a few milliseconds even on a text of near-duplicates. */
export const SEARCH_WINDOW = 4_096;

/**
 * approx-string-match's search of `text` from `from` to `to` — the matches with the fewest errors,
 * at most `maxErrors` — a window at a time, pausing after each, with positions in `text`. A match
 * is at most `pattern.length + maxErrors` long, so each window starts that far before the part it
 * answers for, and a match is taken from the window its end falls in: the answer is the search of
 * the whole region's, found without one long task over hundreds of thousands of characters.
 */
export function* searchSteps(
  text: string,
  pattern: string,
  maxErrors: number,
  from = 0,
  to = text.length,
): Steps<ApproximateMatch[]> {
  const reach = pattern.length + maxErrors;
  let found: ApproximateMatch[] = [];
  let allowed = maxErrors;
  for (let own = from; own < to; own += SEARCH_WINDOW) {
    if (own > from) yield;
    const start = Math.max(from, own - reach);
    const matches = search(text.slice(start, Math.min(to, own + SEARCH_WINDOW)), pattern, allowed)
      .map((match) => ({ start: start + match.start, end: start + match.end, errors: match.errors }))
      .filter((match) => match.end > own);
    if (matches.length === 0) continue;
    if (matches[0]!.errors < allowed) found = [];
    allowed = matches[0]!.errors;
    found.push(...matches);
  }
  return found;
}
