import type { TextAnchor } from '../../utils/anchor/selectors';
import { describeTextOffsets } from '../../utils/anchor/describe-range';

/** The selectors Pizhu stores for the first `exact` in an article's text, as if a reader had selected it. */
export function anchorOfQuote(text: string, exact: string): TextAnchor {
  const start = text.indexOf(exact);
  const anchor = start < 0 ? null : describeTextOffsets(text, start, start + exact.length);
  if (!anchor) throw new Error(`"${exact}" is not in the article`);
  return anchor;
}
