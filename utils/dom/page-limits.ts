import { elementCountOf, elementWalker } from './safe-dom';

/**
 * Bounds on the work Pizhu does on a page's main thread, where every millisecond it takes is a
 * millisecond the page cannot respond. Detection and extraction are synchronous, so they are
 * bounded two ways: a page far larger or deeper than any article is not analysed at all, and
 * the analysis checks a deadline as it goes and gives up once it has passed.
 */
export interface AnalysisLimits {
  elements: number;
  depth: number;
  milliseconds: number;
}

export const ANALYSIS_LIMITS = {
  // Unasked, on every page load. The largest real page in the corpus has ~8,000 elements and is
  // 31 levels deep; Readability's clean-up grows with elements × depth.
  automatic: { elements: 30_000, depth: 128, milliseconds: 1_000 },
  // When the user asks for a page to be read anyway: a longer deadline and far caps. A page of
  // ~4 MB of text takes about 2 s to extract on a slow machine.
  asked: { elements: 300_000, depth: 10_000, milliseconds: 3_000 },
} as const satisfies Record<string, AnalysisLimits>;

export type PageLimitKind = 'elements' | 'depth' | 'time';

/** Why Pizhu stopped analysing a page: what it found, against which limit. */
export interface PageLimit {
  kind: PageLimitKind;
  /** Elements, levels (counted to one past the limit) or milliseconds spent. */
  found: number;
  limit: number;
}

export class PageLimitError extends Error {
  constructor(readonly limit: PageLimit) {
    super(`the page is over the ${limit.kind} limit (${limit.found} > ${limit.limit})`);
    this.name = 'PageLimitError';
  }
}

/** Throws a PageLimitError when the page has more elements, or deeper nesting, than allowed. */
export function checkPageSize(document: Document, limits: Pick<AnalysisLimits, 'elements' | 'depth'>): void {
  const elements = elementCountOf(document);
  if (elements > limits.elements)
    throw new PageLimitError({ kind: 'elements', found: elements, limit: limits.elements });
  const depth = depthOf(document, limits.depth);
  if (depth > limits.depth) throw new PageLimitError({ kind: 'depth', found: depth, limit: limits.depth });
}

/** The deepest element's nesting level, counted no further than one past `cap`. */
function depthOf(document: Document, cap: number): number {
  const walker = elementWalker(document);
  let depth = 0;
  let deepest = 0;
  for (;;) {
    if (walker.firstChild()) {
      depth++;
      deepest = Math.max(deepest, depth);
      if (deepest > cap) return deepest;
      continue;
    }
    while (!walker.nextSibling()) {
      if (!walker.parentNode()) return deepest;
      depth--;
    }
  }
}

export interface Deadline {
  /** Throws a PageLimitError of kind `time` once the deadline has passed. */
  check(): void;
}

export function deadlineAfter(milliseconds: number, now: () => number = () => performance.now()): Deadline {
  const start = now();
  return {
    check() {
      const spent = now() - start;
      if (spent > milliseconds)
        throw new PageLimitError({ kind: 'time', found: Math.round(spent), limit: milliseconds });
    },
  };
}

export const NO_DEADLINE: Deadline = { check() {} };
