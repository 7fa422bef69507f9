/**
 * One normalized string for a root element's text, with a map back to the DOM. Anchoring works
 * on this string only: white space runs (ASCII, &nbsp;, U+3000) collapse to one space, and a
 * block boundary counts as white space, so the live page and the clipped copy — the same words
 * in differently formatted HTML — give the same text.
 */
export interface TextIndex {
  readonly root: Node;
  readonly text: string;
  readonly nodes: readonly Text[];
  /** For each character of `text`: the index in `nodes` of the text node it comes from… */
  readonly charNode: Int32Array;
  /** …and its offset inside that node (for a collapsed space: the next real character's). */
  readonly charOffset: Int32Array;
}

const SKIPPED = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA']);
const BLOCKS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BODY', 'CENTER', 'DD', 'DIV', 'DL', 'DT', 'FIELDSET', 'FIGCAPTION',
  'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P',
  'PRE', 'SECTION', 'TABLE', 'TBODY', 'TD', 'TH', 'TR', 'UL', 'BR', 'CAPTION',
]);
/** Pizhu's own elements inside a page (wrapper highlights are kept, UI is not) carry this attribute. */
export const PIZHU_UI_ATTRIBUTE = 'data-pizhu-ui';

function isSpace(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d) || code === 0xa0 || code === 0x3000 || (code >= 0x2000 && code <= 0x200a) || code === 0x202f || code === 0x205f || code === 0xfeff;
}

/** The nearest block ancestor of a node, below or at `root`. */
function blockOf(node: Node, root: Node, cache: Map<Node, Node>): Node {
  const parent = node.parentNode;
  if (!parent || parent === root) return root;
  const cached = cache.get(parent);
  if (cached) return cached;
  const block = BLOCKS.has(parent.nodeName.toUpperCase()) ? parent : blockOf(parent, root, cache);
  cache.set(parent, block);
  return block;
}

function isExcluded(node: Node, root: Node): boolean {
  for (let parent = node.parentNode; parent && parent !== root; parent = parent.parentNode) {
    if (SKIPPED.has(parent.nodeName.toUpperCase())) return true;
    if ((parent as Element).hasAttribute?.(PIZHU_UI_ATTRIBUTE)) return true;
  }
  return false;
}

export function buildTextIndex(root: Node): TextIndex {
  const document = root.ownerDocument ?? (root as Document);
  const walker = document.createTreeWalker(root, 4 /* SHOW_TEXT */);
  const nodes: Text[] = [];
  const chars: string[] = [];
  let charNode = new Int32Array(1024);
  let charOffset = new Int32Array(1024);
  let length = 0;
  let pendingSpace = false;
  let previousBlock: Node | null = null;
  const blocks = new Map<Node, Node>();
  const excluded = new Map<Node, boolean>();

  const reserve = (extra: number) => {
    if (length + extra <= charNode.length) return;
    const size = Math.max(length + extra, charNode.length * 2);
    const grownNode = new Int32Array(size);
    grownNode.set(charNode);
    charNode = grownNode;
    const grownOffset = new Int32Array(size);
    grownOffset.set(charOffset);
    charOffset = grownOffset;
  };
  /** Appends `value[from, to)` of node `node` (no white space inside) to the text. */
  const pushRun = (value: string, node: number, from: number, to: number) => {
    reserve(to - from);
    chars.push(from === 0 && to === value.length ? value : value.slice(from, to));
    for (let offset = from; offset < to; offset++, length++) {
      charNode[length] = node;
      charOffset[length] = offset;
    }
  };
  const pushSpace = (node: number, offset: number) => {
    reserve(1);
    chars.push(' ');
    charNode[length] = node;
    charOffset[length] = offset;
    length++;
  };

  for (let current = walker.nextNode(); current; current = walker.nextNode()) {
    const parent = current.parentNode;
    if (parent) {
      let skip = excluded.get(parent);
      if (skip === undefined) {
        skip = isExcluded(current, root);
        excluded.set(parent, skip);
      }
      if (skip) continue;
    }
    const value = current.nodeValue ?? '';
    if (!value) continue;
    const block = blockOf(current, root, blocks);
    if (previousBlock !== null && block !== previousBlock) pendingSpace = length > 0;
    previousBlock = block;
    const nodeIndex = nodes.length;
    nodes.push(current as Text);
    // One pass over the node's characters; runs without white space are appended whole.
    let runStart = -1;
    for (let offset = 0; offset < value.length; offset++) {
      if (isSpace(value.charCodeAt(offset))) {
        if (runStart >= 0) pushRun(value, nodeIndex, runStart, offset);
        runStart = -1;
        pendingSpace = length > 0;
      } else if (runStart < 0) {
        if (pendingSpace) pushSpace(nodeIndex, offset);
        pendingSpace = false;
        runStart = offset;
      }
    }
    if (runStart >= 0) pushRun(value, nodeIndex, runStart, value.length);
  }

  return { root, text: chars.join(''), nodes, charNode: charNode.subarray(0, length), charOffset: charOffset.subarray(0, length) };
}

/** The normalized offset of a DOM boundary point (as in a Range), clamped into the text. */
export function offsetOfPoint(index: TextIndex, container: Node, offset: number): number {
  // A point between elements refers to the text that follows it.
  let node: Node | null = container;
  let nodeOffset = offset;
  if (container.nodeType !== 3) {
    const child = container.childNodes[offset] ?? null;
    node = child ? firstTextAtOrAfter(child, index.root) : nextTextAfter(container, index.root);
    nodeOffset = 0;
  }
  const nodeIndex = node ? index.nodes.indexOf(node as Text) : -1;
  if (nodeIndex < 0) return node ? firstCharAfterNode(index, node) : index.text.length;
  // Binary search the first character of this node at or after the offset.
  let low = 0;
  let high = index.text.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    const before =
      index.charNode[middle]! < nodeIndex || (index.charNode[middle] === nodeIndex && index.charOffset[middle]! < nodeOffset);
    if (before) low = middle + 1;
    else high = middle;
  }
  return low;
}

function firstTextAtOrAfter(node: Node, root: Node): Node | null {
  if (node.nodeType === 3) return node;
  const walker = (root.ownerDocument ?? (root as Document)).createTreeWalker(node, 4);
  return walker.nextNode() ?? nextTextAfter(node, root);
}

function nextTextAfter(node: Node, root: Node): Node | null {
  for (let current: Node | null = node; current && current !== root; current = current.parentNode) {
    for (let sibling = current.nextSibling; sibling; sibling = sibling.nextSibling) {
      const found = sibling.nodeType === 3 ? sibling : firstTextIn(sibling);
      if (found) return found;
    }
  }
  return null;
}

function firstTextIn(node: Node): Node | null {
  const walker = (node.ownerDocument ?? (node as Document)).createTreeWalker(node, 4);
  return walker.nextNode();
}

/** For a text node the index skipped (inside a script, say): the first indexed character after it. */
function firstCharAfterNode(index: TextIndex, node: Node): number {
  const next = nextTextAfter(node, index.root);
  return next ? offsetOfPoint(index, next, 0) : index.text.length;
}

/** A DOM Range covering normalized characters [start, end). */
export function rangeOfOffsets(index: TextIndex, start: number, end: number): Range | null {
  if (start < 0 || end > index.text.length || start >= end) return null;
  const document = index.root.ownerDocument ?? (index.root as Document);
  const range = document.createRange();
  range.setStart(index.nodes[index.charNode[start]!]!, index.charOffset[start]!);
  const last = end - 1;
  const lastNode = index.nodes[index.charNode[last]!]!;
  // The last character ends one code unit after its start, or two for a surrogate pair.
  range.setEnd(lastNode, Math.min(lastNode.length, index.charOffset[last]! + 1));
  return range;
}
