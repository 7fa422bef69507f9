/**
 * How well the text around a candidate agrees with a quote's stored prefix and suffix, from 0
 * (nothing in common) to 1 (both match in full). Only the characters next to the quote count,
 * since those are what distinguish two copies of the same words.
 */
export function contextAgreement(text: string, start: number, end: number, prefix: string, suffix: string): number {
  let before = 0;
  while (
    before < prefix.length &&
    start - before - 1 >= 0 &&
    text[start - before - 1] === prefix[prefix.length - before - 1]
  ) {
    before++;
  }
  let after = 0;
  while (after < suffix.length && end + after < text.length && text[end + after] === suffix[after]) after++;
  // Context that runs past the edge of the text (the top or end of the article) is not counted against.
  const prefixWanted = Math.min(prefix.length, start) || 0;
  const suffixWanted = Math.min(suffix.length, text.length - end) || 0;
  const total = prefixWanted + suffixWanted;
  return total === 0 ? 1 : (Math.min(before, prefixWanted) + Math.min(after, suffixWanted)) / total;
}
