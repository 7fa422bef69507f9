import { BLOCK_ELEMENTS } from '../dom/block-elements';
import { normalizeSpace } from '../text/normalize-space';

/** Marks where an inline element starts or ends inside a line (a link, a span). */
export const BOUNDARY = '\u241e';
/** Marks a wide gap: an ideographic space or a run of spaces, which portals use between fields. */
export const GAP = '\u241f';

/** One visual line of a page: the text a reader sees between two block boundaries. */
export interface PageLine {
  text: string;
  /** The same text with BOUNDARY and GAP marks, for reading label: value fields (worked out when first read). */
  readonly marked: string;
  /** The nearest block element that holds the line. */
  block: Element;
}

const SKIPPED = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'IFRAME',
  'SVG',
  'OBJECT',
  'SELECT',
  'TEXTAREA',
  'HEAD',
]);
// A stray <title> element is a line of its own as well.
const BLOCKS = new Set([...BLOCK_ELEMENTS, 'TITLE']);

const GAP_RUN = new RegExp(`[${BOUNDARY}${GAP} ]*${GAP}[${BOUNDARY}${GAP} ]*`, 'g');
const BOUNDARY_RUN = new RegExp(`${BOUNDARY}+`, 'g');

/** Keeps field separators visible: wide gaps become GAP, repeated boundaries collapse. */
function markFields(raw: string): string {
  return raw
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/[ \t\r\n\u00a0]*[\u3000\u2002-\u200a][\s\u00a0\u3000]*|[ \t\r\n\u00a0]{2,}/g, GAP)
    .replace(/[ \t\r\n\u00a0]/g, ' ')
    .replace(GAP_RUN, GAP)
    .replace(BOUNDARY_RUN, BOUNDARY)
    .trim();
}

/** Most lines are never read for fields: their marks are worked out only for those that are. */
function pageLine(text: string, raw: string, block: Element): PageLine {
  let marked: string | undefined;
  return {
    text,
    block,
    get marked() {
      return (marked ??= markFields(raw));
    },
  };
}

function isHidden(element: Element): boolean {
  if (element.hasAttribute('hidden')) return true;
  const style = element.getAttribute('style');
  return style !== null && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style);
}

/**
 * The page's text as a reader sees it, line by line. Works on any DOM (a live page, a clone,
 * jsdom in Node) because it reads tags and inline styles only, never computed layout.
 */
export function readPageLines(root: Element): PageLine[] {
  const lines: PageLine[] = [];
  let buffer = '';
  let bufferBlock: Element = root;

  const flush = () => {
    const text = normalizeSpace(buffer.replaceAll(BOUNDARY, ''));
    if (text) lines.push(pageLine(text, buffer, bufferBlock));
    buffer = '';
  };

  const visit = (node: Node, block: Element) => {
    if (node.nodeType === 3) {
      if (!buffer) bufferBlock = block;
      buffer += node.nodeValue ?? '';
      return;
    }
    if (node.nodeType !== 1) return;
    const element = node as Element;
    const tag = element.tagName.toUpperCase();
    if (SKIPPED.has(tag) || isHidden(element)) return;
    const isBlock = BLOCKS.has(tag);
    if (isBlock) flush();
    else buffer += BOUNDARY;
    const inner = isBlock ? element : block;
    for (let child = element.firstChild; child; child = child.nextSibling) visit(child, inner);
    if (isBlock) flush();
    else buffer += BOUNDARY;
  };

  visit(root, root);
  flush();
  return lines;
}
