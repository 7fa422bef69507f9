import { parentOf, textWalker } from '../dom/safe-dom';
import { HIGHLIGHT_COLORS, type HighlightColor } from './colors';

/**
 * Paints highlight ranges on a page. Where the browser has the CSS Custom Highlight API the page's
 * DOM is not touched at all: no layout shift, nothing for page scripts to trip over. Elsewhere
 * each range is wrapped in custom elements; a custom element name rather than <span> keeps page
 * styles that target spans off the highlights.
 *
 * The page can read both the highlight registry (`CSS.highlights`) and the elements, so their
 * names are random letters made anew for each painter (each page load): no fixed name tells a
 * page that Pizhu painted them, and none can be matched from one page to the next.
 */
export interface Painter {
  /** Wrapper painting splits the page's text nodes, so text indexes of the page go stale. */
  readonly touchesDom: boolean;
  paint(id: string, range: Range, color: HighlightColor): void;
  unpaint(id: string): void;
  clear(): void;
  /** Ids of painted highlights whose ranges contain the given point, innermost last. */
  idsAt(node: Node, offset: number): string[];
  /**
   * How many members marked the passage a painted highlight lies in: from two on it is
   * underlined, thicker with each step, so the eye finds what the group marked — by weight and
   * line style, not by hue, and the same on a light or a dark page (the highlight stays light).
   */
  density(id: string, members: number): void;
  /** Whether a node is the painter's own in the page (its stylesheet): putting it there changes nothing of the page's. */
  owns?(node: Node): boolean;
}

/** The underline steps: two members, three, four or more. */
export const DENSITY_LEVELS = [2, 3, 4] as const;
export type DensityLevel = (typeof DENSITY_LEVELS)[number];

export const densityLevelOf = (members: number): DensityLevel | null =>
  members < 2 ? null : (Math.min(members, 4) as DensityLevel);

/** The underline for each step: dark on the light highlight, solid, then thicker, then double. */
const DENSITY_STYLE: Record<DensityLevel, Record<string, string>> = {
  2: { 'text-decoration-line': 'underline', 'text-decoration-style': 'solid', 'text-decoration-thickness': '2px' },
  3: { 'text-decoration-line': 'underline', 'text-decoration-style': 'solid', 'text-decoration-thickness': '4px' },
  4: { 'text-decoration-line': 'underline', 'text-decoration-style': 'double', 'text-decoration-thickness': '4px' },
};
/** Dark on every highlight colour, so the underline reads on a light and a dark page alike. */
export const DENSITY_COLOR = '#8a3b00';

function densityDeclarations(level: DensityLevel): string {
  return Object.entries({ ...DENSITY_STYLE[level], 'text-decoration-color': DENSITY_COLOR })
    .map(([property, value]) => `${property}:${value}`)
    .join(';');
}

/**
 * The highlight colours are light, so the text on them is dark whatever the page's own colour: a
 * dark page (or the reader's dark theme) would otherwise put light text on a light highlight.
 */
const HIGHLIGHT_TEXT = '#1f2328';

/** The names a painter gives the page: one per highlight colour, and the wrappers' element name. */
export interface PaintNames {
  highlights: Record<HighlightColor, string>;
  density: Record<DensityLevel, string>;
  mark: string;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** Random lowercase letters: a valid CSS identifier and custom element name part. */
function randomLetters(count: number): string {
  return [...crypto.getRandomValues(new Uint8Array(count))].map((byte) => LETTERS[byte % LETTERS.length]).join('');
}

export function randomPaintNames(): PaintNames {
  const colors = Object.keys(HIGHLIGHT_COLORS) as HighlightColor[];
  return {
    highlights: Object.fromEntries(colors.map((color) => [color, randomLetters(10)])) as Record<HighlightColor, string>,
    density: Object.fromEntries(DENSITY_LEVELS.map((level) => [level, randomLetters(10)])) as Record<
      DensityLevel,
      string
    >,
    // A custom element name needs a hyphen; a page cannot define it before Pizhu picks it.
    mark: `${randomLetters(5)}-${randomLetters(6)}`,
  };
}

interface HighlightRegistry {
  set(name: string, highlight: unknown): void;
  delete(name: string): void;
}

type HighlightSet = Set<Range> & { priority: number };

function highlightApi(window: Window): { registry: HighlightRegistry; Highlight: new () => HighlightSet } | null {
  const css = (window as unknown as { CSS?: { highlights?: HighlightRegistry } }).CSS;
  const Highlight = (window as unknown as { Highlight?: new () => HighlightSet }).Highlight;
  return css?.highlights && Highlight ? { registry: css.highlights, Highlight } : null;
}

function containsPoint(range: Range, node: Node, offset: number): boolean {
  try {
    return range.comparePoint(node, offset) === 0;
  } catch {
    return false;
  }
}

/** Custom Highlight API painter: one Highlight object per colour, ranges added and removed. */
function createHighlightApiPainter(
  document: Document,
  api: NonNullable<ReturnType<typeof highlightApi>>,
  names: PaintNames,
): Painter {
  const byColor = new Map<HighlightColor, Set<Range>>();
  const byLevel = new Map<DensityLevel, HighlightSet>();
  const painted = new Map<string, { range: Range; color: HighlightColor; level: DensityLevel | null }>();
  const style = document.createElement('style');
  style.textContent = [
    ...Object.entries(HIGHLIGHT_COLORS).map(
      ([name, color]) =>
        `::highlight(${names.highlights[name as HighlightColor]}){background-color:${color};color:${HIGHLIGHT_TEXT}}`,
    ),
    ...DENSITY_LEVELS.map((level) => `::highlight(${names.density[level]}){${densityDeclarations(level)}}`),
  ].join('\n');
  // The rules must be in the page for the registry's ranges to show: kept across clear(), and put
  // back whenever the page has dropped them (a page that rewrites its head or its root element).
  const keepStyle = () => {
    if (!style.isConnected) (document.head ?? document.documentElement).append(style);
  };

  const setFor = (color: HighlightColor) => {
    let set = byColor.get(color);
    if (!set) {
      set = new api.Highlight();
      api.registry.set(names.highlights[color], set);
      byColor.set(color, set);
    }
    return set;
  };

  const levelSet = (level: DensityLevel) => {
    let set = byLevel.get(level);
    if (!set) {
      set = new api.Highlight();
      // Above the colours, so the underline is drawn over whichever colour lies under it.
      set.priority = 1;
      api.registry.set(names.density[level], set);
      byLevel.set(level, set);
    }
    return set;
  };

  const painter: Painter = {
    touchesDom: false,
    owns: (node) => node === style,
    paint(id, range, color) {
      painter.unpaint(id);
      keepStyle();
      setFor(color).add(range);
      painted.set(id, { range, color, level: null });
    },
    unpaint(id) {
      const entry = painted.get(id);
      if (!entry) return;
      byColor.get(entry.color)?.delete(entry.range);
      if (entry.level) byLevel.get(entry.level)?.delete(entry.range);
      painted.delete(id);
    },
    clear() {
      for (const color of byColor.keys()) api.registry.delete(names.highlights[color]);
      for (const level of byLevel.keys()) api.registry.delete(names.density[level]);
      byColor.clear();
      byLevel.clear();
      painted.clear();
    },
    density(id, members) {
      const entry = painted.get(id);
      const level = densityLevelOf(members);
      if (!entry || entry.level === level) return;
      if (entry.level) byLevel.get(entry.level)?.delete(entry.range);
      if (level) levelSet(level).add(entry.range);
      entry.level = level;
    },
    idsAt(node, offset) {
      return [...painted].filter(([, { range }]) => containsPoint(range, node, offset)).map(([id]) => id);
    },
  };
  return painter;
}

/** The text nodes a range covers, with the part of each it covers. */
function textPieces(range: Range): { node: Text; start: number; end: number }[] {
  const root = range.commonAncestorContainer;
  const pieces: { node: Text; start: number; end: number }[] = [];
  const walker = textWalker(root.nodeType === 3 ? root.parentNode! : root);
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    if (!range.intersectsNode(node)) continue;
    const start = node === range.startContainer ? range.startOffset : 0;
    const end = node === range.endContainer ? range.endOffset : node.length;
    if (end > start && node.nodeValue!.slice(start, end).trim()) pieces.push({ node, start, end });
  }
  return pieces;
}

/** Wrapper painter for browsers without the Highlight API. */
function createWrapperPainter(document: Document, names: PaintNames): Painter {
  const marks = new Map<string, HTMLElement[]>();
  // Which highlight each wrapper paints, kept here rather than in an attribute the page reads.
  const idOf = new WeakMap<Node, string>();
  const levels = new Map<string, DensityLevel | null>();
  const painter: Painter = {
    touchesDom: true,
    paint(id, range, color) {
      painter.unpaint(id);
      levels.set(id, null);
      const elements: HTMLElement[] = [];
      // Wrap from the end backwards so earlier pieces' offsets stay valid.
      for (const { node, start, end } of textPieces(range).reverse()) {
        const target = node.splitText(start);
        target.splitText(end - start);
        const mark = document.createElement(names.mark);
        idOf.set(mark, id);
        // Inline and important: page rules that restyle every element cannot clear it.
        mark.style.setProperty('background-color', HIGHLIGHT_COLORS[color], 'important');
        mark.style.setProperty('color', HIGHLIGHT_TEXT, 'important');
        target.replaceWith(mark);
        mark.append(target);
        elements.push(mark);
      }
      marks.set(id, elements);
    },
    unpaint(id) {
      for (const mark of marks.get(id) ?? []) {
        const parent = mark.parentNode;
        mark.replaceWith(...mark.childNodes);
        parent?.normalize();
      }
      marks.delete(id);
      levels.delete(id);
    },
    clear() {
      for (const id of [...marks.keys()]) painter.unpaint(id);
    },
    density(id, members) {
      const level = densityLevelOf(members);
      if (!levels.has(id) || levels.get(id) === level) return;
      levels.set(id, level);
      for (const mark of marks.get(id) ?? []) {
        for (const property of [...Object.keys(DENSITY_STYLE[4]), 'text-decoration-color'])
          mark.style.removeProperty(property);
        if (!level) continue;
        for (const [property, value] of Object.entries({
          ...DENSITY_STYLE[level],
          'text-decoration-color': DENSITY_COLOR,
        }))
          mark.style.setProperty(property, value, 'important');
      }
    },
    idsAt(node) {
      const ids: string[] = [];
      for (let current: Node | null = node; current; current = parentOf(current)) {
        const id = idOf.get(current);
        if (id !== undefined) ids.unshift(id);
      }
      return ids;
    },
  };
  return painter;
}

export function createPainter(
  document: Document,
  options: { forceWrappers?: boolean; names?: PaintNames } = {},
): Painter {
  const names = options.names ?? randomPaintNames();
  const api = options.forceWrappers ? null : highlightApi(document.defaultView ?? window);
  return api ? createHighlightApiPainter(document, api, names) : createWrapperPainter(document, names);
}
