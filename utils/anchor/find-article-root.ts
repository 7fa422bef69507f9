import { nodeNameOf, parentElementOf, textContentOf, textWalker } from '../dom/safe-dom';
import { findBodyContainer } from '../extract/body/cms-containers';
import { stripSpace } from '../text/normalize-space';
import { familyBodySelectors, siteFamiliesFor } from '../extract/site-families';

/** Enough characters of a line to find it again in the page, not so many that markup splits them. */
const PROBE_LENGTH = 12;

function probes(bodyText: string): { first: string; last: string } | null {
  const lines = bodyText
    .split('\n')
    .map(stripSpace)
    .filter((line) => line.length >= 4);
  const first = lines[0];
  const last = lines.at(-1);
  return first && last ? { first: first.slice(0, PROBE_LENGTH), last: last.slice(-PROBE_LENGTH) } : null;
}

/** The first text node whose own text holds `probe`, or the start of a longer text node holding it. */
function textNodeWith(root: Element, probe: string): Text | null {
  const walker = textWalker(root);
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const parentElement = parentElementOf(node);
    const parent = parentElement && nodeNameOf(parentElement);
    if (parent === 'SCRIPT' || parent === 'STYLE' || parent === 'TITLE') continue;
    if (stripSpace(node.data).includes(probe)) return node;
  }
  return null;
}

/**
 * The element of the live page whose text the highlights are anchored in: the article's body, so
 * the same words give the same selectors here and in the clipped copy. That is the CMS body
 * container when the site marks one; otherwise the smallest element holding the extracted
 * body's first and last lines (Readability worked on a clone, so its nodes are not the page's);
 * the whole body when neither is found.
 */
export function findArticleRoot(document: Document, bodyText: string): Element {
  const body = document.body ?? document.documentElement;
  const container = findBodyContainer(document, familyBodySelectors(siteFamiliesFor(document.URL)));
  if (container) return container;
  const found = probes(bodyText);
  const start = found && textNodeWith(body, found.first.slice(0, Math.min(found.first.length, 6)));
  if (!found || !start) return body;
  for (let element = parentElementOf(start); element && element !== body; element = parentElementOf(element)) {
    const text = stripSpace(textContentOf(element) ?? '');
    if (text.includes(found.first) && text.includes(found.last)) return element;
  }
  return body;
}
