/** White space as portals write it: ASCII, &nbsp;, the ideographic space U+3000, zero-width marks. */
const SPACE_RUN = /[\s\u00a0\u3000\u2002-\u200a\u202f\u205f\ufeff]+/g;
const ZERO_WIDTH = /[\u200b-\u200d\u2060]/g;

/** Collapses every run of white space to one ASCII space and trims the ends. */
export function normalizeSpace(text: string): string {
  return text.replace(ZERO_WIDTH, '').replace(SPACE_RUN, ' ').trim();
}

/** Removes all white space: for comparisons that must not care how a page spaced its text. */
export function stripSpace(text: string): string {
  return text.replace(ZERO_WIDTH, '').replace(SPACE_RUN, '');
}
