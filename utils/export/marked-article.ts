import type { HighlightColor } from '../highlight/colors';
import type { AnnotationRecord } from '../model/annotation';
import type { ArticleRecord } from '../model/article';
import { normalizeSpace } from '../text/normalize-space';
import { quoteStartIn } from './reading-order';

/** A stretch of a block's text with one look: its colour, and the highlights that begin or end at it. */
export interface MarkedSegment {
  text: string;
  /** The colour of the newest highlight over it; null outside highlights. */
  color: HighlightColor | null;
  /** Highlights whose passage begins with this segment. */
  opens: AnnotationRecord[];
  /** Highlights whose passage ends with this segment. */
  closes: AnnotationRecord[];
}

/** A paragraph of the article, or one of its 一、/（一） headings (level 1 = the outermost). */
export interface MarkedBlock {
  headingLevel: number | null;
  segments: MarkedSegment[];
}

/** The whole article as blocks with its highlights in them, and the highlights its text no longer has. */
export interface MarkedArticle {
  blocks: MarkedBlock[];
  unplaced: AnnotationRecord[];
}

/** How many outline items a line may skip to find its own. */
const OUTLINE_LOOKAHEAD = 4;

interface Span {
  annotation: AnnotationRecord;
  start: number;
  end: number;
}

/**
 * The article's text as the 批注稿 and the 批注版 page print it: its lines as paragraphs (its
 * outline's lines as headings) with every highlight on its passage. Offsets are over the
 * normalized text, as the highlights are located; a line is that text between two line breaks,
 * so a passage may run over several blocks, opening in one and closing in another.
 */
export function markArticle(
  article: Pick<ArticleRecord, 'text' | 'outline'>,
  annotations: readonly AnnotationRecord[],
): MarkedArticle {
  const lines = article.text.split('\n').map(normalizeSpace).filter(Boolean);
  // Lines joined by one space are exactly the normalized text the highlights were located in.
  const text = lines.join(' ');
  const spans: Span[] = [];
  const unplaced: AnnotationRecord[] = [];
  for (const annotation of annotations) {
    const start = quoteStartIn(text, annotation);
    const length = normalizeSpace(annotation.quote.exact).length;
    if (start === null || length === 0) unplaced.push(annotation);
    else spans.push({ annotation, start, end: start + length });
  }
  // The newest highlight is on top where passages overlap, as on the page.
  spans.sort((a, b) => a.annotation.createdAt.localeCompare(b.annotation.createdAt));

  const outline = article.outline.map((item) => ({ ...item, text: normalizeSpace(item.text) }));
  let nextHeading = 0;
  const blocks: MarkedBlock[] = [];
  let lineStart = 0;
  for (const line of lines) {
    const lineEnd = lineStart + line.length;
    let headingLevel: number | null = null;
    // An outline item is a whole line (a heading), or the lead-in of a paragraph that opens with one, which
    // stays a paragraph; an item no line holds (the line was cleaned away) is passed over, so the rest still match.
    const ahead = outline.slice(nextHeading, nextHeading + OUTLINE_LOOKAHEAD);
    const match = ahead.findIndex((item) => line.startsWith(item.text));
    if (match >= 0) {
      const item = ahead[match]!;
      if (item.text === line) headingLevel = item.level;
      nextHeading += match + 1;
    }
    blocks.push({ headingLevel, segments: segmentsOf(line, lineStart, lineEnd, spans) });
    lineStart = lineEnd + 1;
  }
  return { blocks, unplaced };
}

function segmentsOf(line: string, lineStart: number, lineEnd: number, spans: readonly Span[]): MarkedSegment[] {
  const inLine = spans.filter((span) => span.start < lineEnd && span.end > lineStart);
  const cuts = new Set([lineStart, lineEnd]);
  for (const span of inLine) {
    cuts.add(Math.max(span.start, lineStart));
    cuts.add(Math.min(span.end, lineEnd));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: MarkedSegment[] = [];
  for (let index = 0; index + 1 < points.length; index++) {
    const from = points[index]!;
    const to = points[index + 1]!;
    const over = inLine.filter((span) => span.start < to && span.end > from);
    segments.push({
      text: line.slice(from - lineStart, to - lineStart),
      color: over.at(-1)?.annotation.color ?? null,
      opens: over.filter((span) => span.start === from).map((span) => span.annotation),
      closes: over.filter((span) => span.end === to).map((span) => span.annotation),
    });
  }
  return segments;
}
