import { runToEnd, type Steps } from '../schedule/slices';
import { nodeNameOf, parentOf, textWalker } from '../dom/safe-dom';
import { BLOCK_ELEMENTS } from '../dom/block-elements';

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
  /**
   * The text is a sequence of segments, each a run of characters copied from one text node (or
   * one collapsed space, pointing at the character after it). Segment k starts at
   * `segmentStart[k]` in `text` and at offset `segmentOffset[k]` of `nodes[segmentNode[k]]`.
   */
  readonly segmentStart: Int32Array;
  readonly segmentNode: Int32Array;
  readonly segmentOffset: Int32Array;
}

const SKIPPED = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA']);
const BLOCKS = new Set(BLOCK_ELEMENTS);
/**
 * Pizhu's own UI elements inside a page, whose text is not the page's (wrapper highlights are kept,
 * UI is not). Held here rather than marked with an attribute, which the page could read.
 */
const ownElements = new WeakSet<Node>();

export function markOwnElement(element: Element): void {
  ownElements.add(element);
}

/** The nearest block ancestor of a node, below or at `root`. */
function blockOf(node: Node, root: Node, cache: Map<Node, Node>): Node {
  const parent = parentOf(node);
  if (!parent || parent === root) return root;
  const cached = cache.get(parent);
  if (cached) return cached;
  const block = BLOCKS.has(nodeNameOf(parent).toUpperCase()) ? parent : blockOf(parent, root, cache);
  cache.set(parent, block);
  return block;
}

function isExcluded(node: Node, root: Node): boolean {
  // The page's own markup can shadow these properties on a form; see safe-dom.
  for (let parent = parentOf(node); parent && parent !== root; parent = parentOf(parent)) {
    if (SKIPPED.has(nodeNameOf(parent).toUpperCase())) return true;
    if (ownElements.has(parent)) return true;
  }
  return false;
}

const WORDS = /\S+/g;

/** How many text nodes are read between two pauses while the index is built in slices. */
const NODES_PER_PAUSE = 64;

/** The page's text index, pausing as it reads (see slices.ts). */
export function* indexSteps(root: Node): Steps<TextIndex> {
  const walker = textWalker(root);
  const nodes: Text[] = [];
  const chunks: string[] = [];
  let segmentStart = new Int32Array(256);
  let segmentNode = new Int32Array(256);
  let segmentOffset = new Int32Array(256);
  let segments = 0;
  let length = 0;
  let pendingSpace = false;
  let previousBlock: Node | null = null;
  const blocks = new Map<Node, Node>();
  const excluded = new Map<Node, boolean>();

  const pushSegment = (chunk: string, node: number, offset: number) => {
    if (segments === segmentStart.length) {
      const grow = (array: Int32Array) => {
        const grown = new Int32Array(array.length * 2);
        grown.set(array);
        return grown;
      };
      segmentStart = grow(segmentStart);
      segmentNode = grow(segmentNode);
      segmentOffset = grow(segmentOffset);
    }
    segmentStart[segments] = length;
    segmentNode[segments] = node;
    segmentOffset[segments] = offset;
    segments++;
    chunks.push(chunk);
    length += chunk.length;
  };

  let read = 0;
  for (let current = walker.nextNode(); current; current = walker.nextNode()) {
    if (++read % NODES_PER_PAUSE === 0) yield;
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
    // Runs of non-space characters are copied whole; the white space between them becomes one space.
    let end = 0;
    for (const match of value.matchAll(WORDS)) {
      const at = match.index;
      if (at > end || pendingSpace) {
        if (length > 0) pushSegment(' ', nodeIndex, at);
      }
      pushSegment(match[0], nodeIndex, at);
      end = at + match[0].length;
      pendingSpace = false;
    }
    if (end < value.length) pendingSpace = length > 0;
  }

  return {
    root,
    text: chunks.join(''),
    nodes,
    segmentStart: segmentStart.subarray(0, segments),
    segmentNode: segmentNode.subarray(0, segments),
    segmentOffset: segmentOffset.subarray(0, segments),
  };
}

export function buildTextIndex(root: Node): TextIndex {
  return runToEnd(indexSteps(root));
}

/** The segment holding normalized character `offset`. */
function segmentAt(index: TextIndex, offset: number): number {
  let low = 0;
  let high = index.segmentStart.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (index.segmentStart[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** Where normalized character `offset` sits in the DOM. */
function pointOf(index: TextIndex, offset: number): { node: Text; offset: number } {
  const segment = segmentAt(index, offset);
  return {
    node: index.nodes[index.segmentNode[segment]!]!,
    offset: index.segmentOffset[segment]! + (offset - index.segmentStart[segment]!),
  };
}

function segmentLength(index: TextIndex, segment: number): number {
  const next = segment + 1 < index.segmentStart.length ? index.segmentStart[segment + 1]! : index.text.length;
  return next - index.segmentStart[segment]!;
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
  // The last segment of this node starting at or before the offset, by (node, offset) order.
  let low = 0;
  let high = index.segmentStart.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    const after =
      index.segmentNode[middle]! > nodeIndex ||
      (index.segmentNode[middle] === nodeIndex && index.segmentOffset[middle]! > nodeOffset);
    if (after) high = middle;
    else low = middle + 1;
  }
  const segment = low - 1;
  if (segment < 0 || index.segmentNode[segment] !== nodeIndex) {
    // Before the node's first indexed character (leading white space): the next segment.
    return low < index.segmentStart.length ? index.segmentStart[low]! : index.text.length;
  }
  const within = nodeOffset - index.segmentOffset[segment]!;
  const size = segmentLength(index, segment);
  // Inside collapsed white space after a run: the space (or next run) that follows.
  return within < size ? index.segmentStart[segment]! + within : index.segmentStart[segment]! + size;
}

function firstTextAtOrAfter(node: Node, root: Node): Node | null {
  if (node.nodeType === 3) return node;
  const walker = textWalker(node);
  return walker.nextNode() ?? nextTextAfter(node, root);
}

function nextTextAfter(node: Node, root: Node): Node | null {
  for (let current: Node | null = node; current && current !== root; current = parentOf(current)) {
    for (let sibling = current.nextSibling; sibling; sibling = sibling.nextSibling) {
      const found = sibling.nodeType === 3 ? sibling : firstTextIn(sibling);
      if (found) return found;
    }
  }
  return null;
}

function firstTextIn(node: Node): Node | null {
  const walker = textWalker(node);
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
  const from = pointOf(index, start);
  range.setStart(from.node, from.offset);
  // The end is one code unit past the last character (two for a surrogate pair, one per half).
  const last = pointOf(index, end - 1);
  range.setEnd(last.node, Math.min(last.node.length, last.offset + 1));
  return range;
}
