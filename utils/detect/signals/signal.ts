import type { MetaTags } from '../../extract/metadata/meta-tags';
import { titleAboveInfoLine } from '../../extract/metadata/title';
import type { PageReading } from '../../extract/page-reading';

/** One piece of evidence about whether a page is an article. */
export interface Signal {
  name: string;
  /** Positive for an article, negative against, 0 for no evidence. */
  test: (page: PageFacts) => number;
}

/** What the signals look at, computed once per page and kept cheap: no layout, one pass. */
export interface PageFacts {
  document: Document;
  url: URL | null;
  /** The page's <meta> values, read once for all signals. */
  meta: MetaTags;
  /** The body's text outside scripts and styles. */
  text: string;
  /** Non-blank characters of that text. */
  textChars: number;
  /** Non-blank characters of text inside links. */
  linkText: number;
  /** Non-blank characters in paragraph-sized runs of text outside links: what articles are made of. */
  proseChars: number;
  links: number;
  /** Whether the page shows an article's header: a headline with its date under it (read once, when asked). */
  hasArticleHeader(): boolean;
}

const HIDDEN_PARENTS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE']);
const SHOW_TEXT = 4;
const NON_BLANK = /\S/;
const BLANKS = /\s+/g;
const PROSE_RUN = 40;

export function readPageFacts(document: Document, url: URL | null, reading: PageReading): PageFacts {
  const body = document.body;
  const parts: string[] = [];
  let proseChars = 0;
  // A text walk that skips scripts measured several times faster than body.textContent on
  // pages that carry megabytes of inline JSON.
  if (body) {
    const walker = document.createTreeWalker(body, SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const value = node.nodeValue ?? '';
      const parent = node.parentNode as Element | null;
      if (!NON_BLANK.test(value) || (parent && HIDDEN_PARENTS.has(parent.nodeName.toUpperCase()))) continue;
      parts.push(value);
      if (value.length >= PROSE_RUN) {
        const chars = value.replace(BLANKS, '').length;
        if (chars >= PROSE_RUN && !parent?.closest('a')) proseChars += chars;
      }
    }
  }
  const text = parts.join('');
  const textChars = Math.max(1, text.replace(BLANKS, '').length);
  const anchors = body?.getElementsByTagName('a') ?? [];
  let header: boolean | undefined;
  let linkText = 0;
  for (const anchor of anchors) linkText += (anchor.textContent ?? '').replace(BLANKS, '').length;
  return {
    document,
    url,
    meta: reading.meta,
    text,
    textChars,
    linkText: Math.min(linkText, textChars),
    proseChars,
    links: anchors.length,
    hasArticleHeader() {
      header ??= titleAboveInfoLine(reading.lines(), document.title ?? '') !== null;
      return header;
    },
  };
}
