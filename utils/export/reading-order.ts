import type { AnnotationRecord } from '../model/annotation';
import type { ArticleRecord, OutlineItem } from '../model/article';
import { normalizeSpace } from '../text/normalize-space';

/**
 * The highlights under one outline heading, with the headings it sits in: `headings` runs from
 * the outermost (一、) to the nearest (（一）); empty before the first heading.
 */
export interface OutlineSection {
  headings: OutlineItem[];
  /** The headings this section starts (those the previous one was not under), with their depth in `headings`. */
  opens: { heading: OutlineItem; depth: number }[];
  annotations: AnnotationRecord[];
}

/** Where each occurrence of `needle` starts in `text`. */
function occurrences(text: string, needle: string): number[] {
  const found: number[] = [];
  if (!needle) return found;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) found.push(at);
  return found;
}

/**
 * Where a highlight's quote starts in the article's normalized text, or null when the text no
 * longer has it. Its stored position indexes the page's text, and the stored article text is the
 * same words spaced differently, so the quote is looked up and the occurrence nearest the
 * position wins (a phrase can appear twice).
 */
export function quoteStartIn(text: string, annotation: AnnotationRecord): number | null {
  const candidates = occurrences(text, normalizeSpace(annotation.quote.exact));
  if (candidates.length === 0) return null;
  const hint = annotation.position.start;
  return candidates.reduce((best, at) => (Math.abs(at - hint) < Math.abs(best - hint) ? at : best));
}

/** A quote the text no longer has keeps its position, for the order of a list of notes. */
const locate = (text: string, annotation: AnnotationRecord) =>
  quoteStartIn(text, annotation) ?? annotation.position.start;

/**
 * The article's highlights in reading order, grouped under the outline headings (一、 / （一）)
 * that precede them — the layout of the Markdown and Word exports and of the print view.
 */
export function sectionsInReadingOrder(
  article: Pick<ArticleRecord, 'text' | 'outline'>,
  annotations: readonly AnnotationRecord[],
): OutlineSection[] {
  const text = normalizeSpace(article.text);
  const headingStarts: { heading: OutlineItem; at: number }[] = [];
  let from = 0;
  for (const heading of article.outline) {
    const at = text.indexOf(normalizeSpace(heading.text), from);
    if (at === -1) continue;
    headingStarts.push({ heading, at });
    from = at + 1;
  }
  const placed = annotations
    .map((annotation) => ({ annotation, at: locate(text, annotation) }))
    .sort((a, b) => a.at - b.at || a.annotation.createdAt.localeCompare(b.annotation.createdAt));

  const sections: OutlineSection[] = [];
  let open: OutlineItem[] = [];
  let next = 0;
  let current: OutlineSection | null = null;
  for (const { annotation, at } of placed) {
    let moved = false;
    while (next < headingStarts.length && headingStarts[next]!.at <= at) {
      const { heading } = headingStarts[next]!;
      open = [...open.filter((outer) => outer.level < heading.level), heading];
      next += 1;
      moved = true;
    }
    if (!current || moved) {
      const previous: readonly OutlineItem[] = current?.headings ?? [];
      const opens = open.flatMap((heading, depth) => (previous[depth] === heading ? [] : [{ heading, depth }]));
      current = { headings: open, opens, annotations: [] };
      sections.push(current);
    }
    current.annotations.push(annotation);
  }
  return sections;
}
