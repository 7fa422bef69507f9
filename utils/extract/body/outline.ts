import type { OutlineItem } from '../../model/article';
import { normalizeSpace } from '../../text/normalize-space';

/**
 * The outline of an article from its Chinese numbered headings — 一、 (level 1), （一） (2),
 * 1. (3), （1） (4) — and from real h2–h4 elements. A numbered "heading" must be short: long
 * paragraphs that merely start with （一） are body text with a lead-in.
 */
const NUMBERED: ReadonlyArray<[RegExp, number]> = [
  [/^[一二三四五六七八九十百]+\s*[、．.]/, 1],
  [/^[（(]\s*[一二三四五六七八九十百]+\s*[）)]/, 2],
  [/^\d{1,2}\s*[.．、](?!\d)/, 3],
  [/^[（(]\s*\d{1,2}\s*[）)]/, 4],
];
const MAX_HEADING_CHARS = 60;

export function numberedHeadingLevel(text: string): number | null {
  for (const [pattern, level] of NUMBERED) if (pattern.test(text)) return level;
  return null;
}

/** A numbered heading that opens a paragraph ends at its first full stop: （一）以公开促公平，…。 */
function headingPart(text: string): string {
  const stop = text.search(/[。！？；]/);
  return stop > 0 ? text.slice(0, stop) : text;
}

export function readOutline(content: Element): OutlineItem[] {
  const outline: OutlineItem[] = [];
  for (const element of content.querySelectorAll('h2, h3, h4, p, div, li, strong, b')) {
    if (element.querySelector('p, div, li, h2, h3, h4')) continue;
    const text = normalizeSpace(element.textContent ?? '');
    if (!text) continue;
    const tag = element.tagName.toUpperCase();
    const level = numberedHeadingLevel(text);
    if (level !== null) {
      const heading = headingPart(text);
      if (heading.length <= MAX_HEADING_CHARS) outline.push({ level, text: heading });
    } else if (/^H[234]$/.test(tag) && text.length <= MAX_HEADING_CHARS) {
      outline.push({ level: Number(tag[1]) - 1, text });
    }
  }
  // Inline headings (a <strong> inside a <p>) would appear twice: once as the strong, once as the p.
  return outline.filter((item, index) => index === 0 || item.text !== outline[index - 1]!.text);
}
