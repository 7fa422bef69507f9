import { CONTEXT_LENGTH, type TextAnchor } from './selectors';
import { offsetOfPoint, type TextIndex } from './text-index';

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** Moves a cut that would split a surrogate pair (a rare CJK character, an emoji) off the pair. */
function snapOutward(text: string, offset: number, direction: -1 | 1): number {
  if (offset <= 0 || offset >= text.length) return offset;
  return isLowSurrogate(text.charCodeAt(offset)) && isHighSurrogate(text.charCodeAt(offset - 1))
    ? offset + direction
    : offset;
}

/** Describes normalized text [start, end) as a quote with 32 characters of context and a position. */
export const describeOffsets = (index: TextIndex, start: number, end: number): TextAnchor | null =>
  describeTextOffsets(index.text, start, end);

/** The same over the text alone: what an article's stored text says of a passage. */
export function describeTextOffsets(text: string, start: number, end: number): TextAnchor | null {
  let from = snapOutward(text, Math.max(0, start), -1);
  let to = snapOutward(text, Math.min(text.length, end), 1);
  // A selection's edges often catch a space; the quote is the words.
  while (from < to && text[from] === ' ') from++;
  while (to > from && text[to - 1] === ' ') to--;
  if (from >= to) return null;
  const prefixStart = snapOutward(text, Math.max(0, from - CONTEXT_LENGTH), 1);
  const suffixEnd = snapOutward(text, Math.min(text.length, to + CONTEXT_LENGTH), -1);
  return {
    quote: { exact: text.slice(from, to), prefix: text.slice(prefixStart, from), suffix: text.slice(to, suffixEnd) },
    position: { start: from, end: to },
  };
}

/** Describes a DOM Range (a user's selection) inside the indexed root. */
export function describeRange(index: TextIndex, range: Range): TextAnchor | null {
  const start = offsetOfPoint(index, range.startContainer, range.startOffset);
  const end = offsetOfPoint(index, range.endContainer, range.endOffset);
  return describeOffsets(index, start, end);
}
