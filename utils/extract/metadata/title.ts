import { normalizeSpace, stripSpace } from '../../text/normalize-space';
import { metaValue, type MetaTags } from './meta-tags';

/**
 * The article's own title. `<title>` usually carries the site and column ("标题-新华网",
 * "标题_首页武汉_新闻中心_长江网"), so it is only the fallback: the CMS's ArticleTitle meta tag,
 * then a heading on the page that `<title>` starts with or contains, then `<title>` cut at its
 * first separator.
 */
const TITLE_SEPARATORS = /\s*(?:[-_|｜—–]|——|--|\s-\s|::)\s*/;
const HEADING_SELECTOR = 'h1, h2, h3, [class*="title" i], [id*="title" i], [class*="biaoti" i], [class*="headline" i]';

export interface FoundTitle {
  title: string;
  element: Element | null;
}

function cleanTitle(text: string): string {
  return normalizeSpace(text).replace(/^(?:标题|题目)\s*[:：]\s*/, '');
}

/** Headings whose text `<title>` contains, best (longest, most heading-like) first. */
function headingsInTitle(document: Document, documentTitle: string): Element[] {
  const wanted = stripSpace(documentTitle);
  const matches: { element: Element; score: number }[] = [];
  for (const element of document.body?.querySelectorAll(HEADING_SELECTOR) ?? []) {
    const text = stripSpace(element.textContent ?? '');
    if (text.length < 4 || text.length > 200 || !wanted.includes(text)) continue;
    const isHeading = /^H[1-3]$/.test(element.tagName.toUpperCase()) ? 20 : 0;
    const atStart = wanted.startsWith(text) ? 10 : 0;
    matches.push({ element, score: text.length + isHeading + atStart });
  }
  return matches.sort((a, b) => b.score - a.score).map((match) => match.element);
}

/** The element on the page that shows `title`, preferring real headings. */
function elementShowing(document: Document, title: string): Element | null {
  const wanted = stripSpace(title);
  for (const element of document.body?.querySelectorAll(HEADING_SELECTOR) ?? []) {
    if (stripSpace(element.textContent ?? '') === wanted) return element;
  }
  return null;
}

export function findTitle(document: Document, meta: MetaTags): FoundTitle {
  const documentTitle = normalizeSpace(document.title ?? '');
  const fromMeta = metaValue(meta, 'ArticleTitle', 'headline');
  if (fromMeta && stripSpace(fromMeta).length >= 2) {
    const title = cleanTitle(fromMeta);
    return { title, element: elementShowing(document, title) };
  }
  const [heading] = headingsInTitle(document, documentTitle);
  if (heading) return { title: cleanTitle(heading.textContent ?? ''), element: heading };
  const ogTitle = metaValue(meta, 'og:title', 'twitter:title');
  const base = ogTitle && stripSpace(ogTitle).length >= 4 ? ogTitle : documentTitle;
  const [first] = base.split(TITLE_SEPARATORS).filter((part) => stripSpace(part).length >= 2);
  const title = cleanTitle(first ?? base);
  return { title, element: elementShowing(document, title) };
}
