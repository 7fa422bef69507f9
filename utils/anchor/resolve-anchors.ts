import search from 'approx-string-match';
import { NO_DEADLINE, PageLimitError, type Deadline } from '../dom/page-limits';
import { runToEnd, type Steps } from '../schedule/slices';
import { searchSteps } from './approximate-search';
import { contextAgreement } from './context-agreement';
import type { TextAnchor } from './selectors';

export type Placement =
  | { status: 'exact' | 'fuzzy'; start: number; end: number }
  /**
   * Could not be placed with confidence: shown as 未定位, never dropped. `outOfTime`: not tried to
   * the end, because placing the page's annotations ran out of its time; worth trying again.
   */
  | { status: 'unplaced'; outOfTime?: true };

/** Context agreement that confirms the quote's own position or a nearby copy. */
const CONFIRMING_AGREEMENT = 0.5;
/** Below this, one of several copies of the quote cannot be told from the others. */
const DISTINGUISHING_AGREEMENT = 0.3;
/** Shorter quotes (a name, a few common words) recur by chance: one copy with other context is not theirs. */
const DISTINCTIVE_LENGTH = 8;
/** How far from its old position a quote is first looked for before the whole text is searched. */
const NEAR_WINDOW = 4096;
const GRAM = 8;
/** Fuzzy matching: at most one edit in five characters, and only for quotes long enough to judge. */
const FUZZY_MIN_LENGTH = 6;
const FUZZY_ERROR_RATE = 0.2;
const NEAR_EXACT_ERROR_RATE = 0.1;

interface Candidate {
  start: number;
  end: number;
  agreement: number;
  distance: number;
}

/** Copies whose context agrees this nearly with the best are told apart by where the quote was. */
const AGREEMENT_TIE = 0.1;

/**
 * The copy to place a quote on: the one whose context agrees best — or, among copies that agree
 * about as well (a duplicated passage, one copy edited next to the quote), the nearest to where
 * the quote was.
 */
function best(candidates: Candidate[]): Candidate | undefined {
  const top = Math.max(...candidates.map((candidate) => candidate.agreement));
  return candidates
    .filter((candidate) => candidate.agreement >= top - AGREEMENT_TIE)
    .sort((a, b) => a.distance - b.distance || b.agreement - a.agreement)[0];
}

function occurrencesIn(text: string, exact: string, from: number, to: number): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(exact, from); at >= 0 && at + exact.length <= to; at = text.indexOf(exact, at + 1)) {
    found.push(at);
  }
  return found;
}

function candidatesAt(text: string, anchor: TextAnchor, starts: readonly number[]): Candidate[] {
  const { exact, prefix, suffix } = anchor.quote;
  return starts.map((start) => ({
    start,
    end: start + exact.length,
    agreement: contextAgreement(text, start, start + exact.length, prefix, suffix),
    distance: Math.abs(start - anchor.position.start),
  }));
}

/** How many characters of the text the one pass for all quotes reads between two pauses. */
const CHARACTERS_PER_PAUSE = 4_096;

/**
 * Every occurrence of each quote in `text`, found in one pass over the text for all quotes at
 * once (by their first eight characters), not with one full scan per quote.
 */
function* occurrencesOfAll(text: string, quotes: readonly string[]): Steps<number[][]> {
  const results = quotes.map(() => [] as number[]);
  const byGram = new Map<string, number[]>();
  quotes.forEach((quote, index) => {
    if (quote.length < GRAM) {
      results[index] = occurrencesIn(text, quote, 0, text.length);
      return;
    }
    const gram = quote.slice(0, GRAM);
    const list = byGram.get(gram);
    if (list) list.push(index);
    else byGram.set(gram, [index]);
  });
  if (byGram.size === 0) return results;
  for (let at = 0; at + GRAM <= text.length; at++) {
    if (at % CHARACTERS_PER_PAUSE === CHARACTERS_PER_PAUSE - 1) yield;
    const waiting = byGram.get(text.slice(at, at + GRAM));
    if (!waiting) continue;
    for (const index of waiting) if (text.startsWith(quotes[index]!, at)) results[index]!.push(at);
  }
  return results;
}

/** How far an edit above a quote may have moved it, for the check made where it was. */
const SHIFT_ALLOWED = 64;

/**
 * A copy of the quote found away from where it was is taken only if nothing where it was could
 * be the quote after a small edit: a passage the page repeats (a summary and its body) keeps its
 * highlight on the copy the reader marked, edited or not. Returns that edited copy, or null.
 */
function editedWhereItWas(text: string, anchor: TextAnchor, chosen: Candidate): Placement | null {
  const { exact, prefix, suffix } = anchor.quote;
  if (exact.length < FUZZY_MIN_LENGTH) return null;
  const from = Math.max(0, anchor.position.start - SHIFT_ALLOWED);
  const to = Math.min(text.length, anchor.position.end + SHIFT_ALLOWED);
  if (chosen.start < to && chosen.end > from) return null;
  const matches = search(text.slice(from, to), exact, Math.floor(exact.length * NEAR_EXACT_ERROR_RATE));
  if (matches.length === 0) return null;
  const fewest = Math.min(...matches.map((match) => match.errors));
  const top = best(
    matches
      .filter((match) => match.errors === fewest)
      .map((match) => ({
        start: from + match.start,
        end: from + match.end,
        agreement: contextAgreement(text, from + match.start, from + match.end, prefix, suffix),
        distance: Math.abs(from + match.start - anchor.position.start),
      })),
  )!;
  return top.agreement >= CONFIRMING_AGREEMENT ? { status: 'fuzzy', start: top.start, end: top.end } : null;
}

/** How many quotes are looked for near their stored positions between two pauses. */
const ANCHORS_PER_PAUSE = 8;

/** How many fuzzy candidates are weighed between two pauses. */
const CANDIDATES_PER_PAUSE = 32;

function* fuzzyPlacement(text: string, anchor: TextAnchor): Steps<Placement> {
  const { exact, prefix, suffix } = anchor.quote;
  if (exact.length < FUZZY_MIN_LENGTH) return { status: 'unplaced' };
  const maxErrors = Math.floor(exact.length * FUZZY_ERROR_RATE);
  function* tryRegion(from: number, to: number): Steps<Placement | null> {
    // All of the fewest errors; searched a window at a time on a long text.
    const matches = yield* searchSteps(text, exact, maxErrors, from, to);
    if (matches.length === 0) return null;
    yield;
    const fewest = matches[0]!.errors;
    const candidates: Candidate[] = [];
    for (const match of matches) {
      if (candidates.length % CANDIDATES_PER_PAUSE === CANDIDATES_PER_PAUSE - 1) yield;
      candidates.push({
        start: match.start,
        end: match.end,
        agreement: contextAgreement(text, match.start, match.end, prefix, suffix),
        distance: Math.abs(match.start - anchor.position.start),
      });
    }
    const top = best(candidates)!;
    // Several equally good matches that do not overlap, without context to choose: not placed.
    const rivals = candidates.filter((candidate) => candidate.end <= top.start || candidate.start >= top.end);
    if (rivals.some((rival) => rival.agreement >= top.agreement - 0.1)) return { status: 'unplaced' };
    const strong = top.agreement >= CONFIRMING_AGREEMENT || fewest <= exact.length * NEAR_EXACT_ERROR_RATE;
    return strong ? { status: 'fuzzy', start: top.start, end: top.end } : { status: 'unplaced' };
  }
  const near = yield* tryRegion(
    Math.max(0, anchor.position.start - NEAR_WINDOW),
    Math.min(text.length, anchor.position.end + NEAR_WINDOW),
  );
  if (near && near.status === 'fuzzy') return near;
  return (yield* tryRegion(0, text.length)) ?? { status: 'unplaced' };
}

/**
 * Places all of a page's anchors on its text at once: at the stored position when the quote is
 * still there, then among nearby and then all copies of the quote ranked by how well their
 * surroundings agree with the stored prefix and suffix, and only then by fuzzy matching with
 * bounded errors. A quote that cannot be placed with confidence is reported as unplaced: a
 * highlight on the wrong words is worse than none. The work runs on the page's main thread, so it
 * pauses as it goes (`Steps`, see slices.ts): stopped at a pause because its time is spent, it
 * leaves what is left unplaced and `outOfTime`.
 */
export function* placeAnchors(text: string, anchors: readonly TextAnchor[]): Steps<Placement[]> {
  const placements: Placement[] = new Array(anchors.length);
  const far: number[] = [];

  /** Where the quote is, if at or near its stored position; null to look for it everywhere. */
  const nearPlacement = (anchor: TextAnchor): Placement | null => {
    const { exact } = anchor.quote;
    if (!exact) return { status: 'unplaced' };
    const { start } = anchor.position;
    if (text.startsWith(exact, start)) {
      const [here] = candidatesAt(text, anchor, [start]);
      if (here!.agreement >= CONFIRMING_AGREEMENT) return { status: 'exact', start, end: start + exact.length };
    }
    const nearby = occurrencesIn(
      text,
      exact,
      Math.max(0, start - NEAR_WINDOW),
      Math.min(text.length, start + exact.length + NEAR_WINDOW),
    );
    const top = best(candidatesAt(text, anchor, nearby));
    if (top && top.agreement >= CONFIRMING_AGREEMENT)
      return editedWhereItWas(text, anchor, top) ?? { status: 'exact', start: top.start, end: top.end };
    return null;
  };

  let done = 0;
  try {
    // A pause every few quotes: each may look near its position on a text of near-duplicates.
    for (const [index, anchor] of anchors.entries()) {
      if (index % ANCHORS_PER_PAUSE === 0) yield;
      const near = nearPlacement(anchor);
      if (near) placements[index] = near;
      else far.push(index);
    }
    yield;
    const everywhere = yield* occurrencesOfAll(
      text,
      far.map((index) => anchors[index]!.quote.exact),
    );
    for (const [position, index] of far.entries()) {
      yield;
      const anchor = anchors[index]!;
      const starts = everywhere[position]!;
      const top = best(candidatesAt(text, anchor, starts));
      // A lone copy is trusted without its context only when the quote is long enough to be its own evidence.
      const lone = starts.length === 1 && anchor.quote.exact.length >= DISTINCTIVE_LENGTH;
      if (top && (lone || top.agreement >= DISTINGUISHING_AGREEMENT)) {
        placements[index] = editedWhereItWas(text, anchor, top) ?? { status: 'exact', start: top.start, end: top.end };
      } else if (starts.length > 0) {
        placements[index] = { status: 'unplaced' };
      } else {
        placements[index] = yield* fuzzyPlacement(text, anchor);
      }
      done += 1;
    }
  } catch (error) {
    if (!(error instanceof PageLimitError)) throw error;
    for (const index of far.slice(done)) placements[index] = { status: 'unplaced', outOfTime: true };
    // Stopped before every quote was looked for near its position: those are not tried either.
    for (let index = 0; index < anchors.length; index++) placements[index] ??= { status: 'unplaced', outOfTime: true };
  }
  return placements;
}

/** `placeAnchors` at once, looking at `deadline` at each pause. */
export function resolveAnchors(
  text: string,
  anchors: readonly TextAnchor[],
  deadline: Deadline = NO_DEADLINE,
): Placement[] {
  return runToEnd(placeAnchors(text, anchors), deadline);
}
