/** Single-character edits forgiven on each side: an editor's small change next to a quote. */
const EDITS_FORGIVEN = 2;

/**
 * How many characters of `wanted` (read outward from the quote) the text agrees with, read outward
 * from `at` in `step` direction, forgiving a few single-character edits (a character changed,
 * added or removed) so that a small edit next to the quote does not hide the rest of its context.
 */
function agreeingChars(text: string, at: number, step: 1 | -1, wanted: string, fromEnd: boolean): number {
  const want = (index: number) => wanted[fromEnd ? wanted.length - 1 - index : index];
  const have = (index: number) => text[at + step * index];
  let matched = 0;
  let edits = 0;
  let i = 0;
  let j = 0;
  while (i < wanted.length && at + step * j >= 0 && at + step * j < text.length) {
    if (want(i) === have(j)) {
      matched++;
      i++;
      j++;
      continue;
    }
    if (edits === EDITS_FORGIVEN) break;
    edits++;
    // The edit that lets the next characters agree: one added in the text, one removed, or one changed.
    if (want(i) === have(j + 1)) j++;
    else if (want(i + 1) === have(j)) i++;
    else {
      i++;
      j++;
    }
  }
  return matched;
}

/**
 * How well the text around a candidate agrees with a quote's stored prefix and suffix, from 0
 * (nothing in common) to 1 (both match in full). Only the characters next to the quote count,
 * since those are what distinguish two copies of the same words.
 */
export function contextAgreement(text: string, start: number, end: number, prefix: string, suffix: string): number {
  const before = agreeingChars(text, start - 1, -1, prefix, true);
  const after = agreeingChars(text, end, 1, suffix, false);
  // Context that runs past the edge of the text (the top or end of the article) is not counted against.
  const prefixWanted = Math.min(prefix.length, start) || 0;
  const suffixWanted = Math.min(suffix.length, text.length - end) || 0;
  const total = prefixWanted + suffixWanted;
  return total === 0 ? 1 : (Math.min(before, prefixWanted) + Math.min(after, suffixWanted)) / total;
}
