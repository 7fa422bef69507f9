import { normalizeSpace, stripSpace } from '../../text/normalize-space';
import type { PageLine } from '../page-lines';
import { isInfoLine } from './info-line';
import { metaValue, type MetaTags } from './meta-tags';

/**
 * The article's own title. `<title>` usually carries the site and column ("标题-新华网",
 * "标题_首页武汉_新闻中心_长江网"), so it is only the fallback: the CMS's ArticleTitle meta tag,
 * then the heading just above the 发布时间/来源 line, then a heading on the page that `<title>`
 * contains, then `<title>` cut at its first separator.
 */
export const TITLE_SEPARATORS = /\s*(?:[-_|｜—–]|——|--|\s-\s|::)\s*/;
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

const TITLE_LIKE = /^H[1-6]$/;
const LABELLED = /(?:来源|作者|编辑|时间|日期)\s*[:：]/;
const MAX_INFO_LINE_INDEX = 400;

/** The line right above the first info line, when it looks like a title. */
function titleAboveInfoLine(lines: readonly PageLine[], documentTitle: string): PageLine | null {
  const wanted = stripSpace(documentTitle);
  const limit = Math.min(lines.length, MAX_INFO_LINE_INDEX);
  for (let index = 1; index < limit; index++) {
    if (!isInfoLine(lines[index]!.text)) continue;
    // Some pages print two info lines (时间 on one, 来源/作者 on the next): the title is above both.
    let aboveIndex = index - 1;
    while (
      aboveIndex > 0 &&
      aboveIndex > index - 3 &&
      (isInfoLine(lines[aboveIndex]!.text) || LABELLED.test(lines[aboveIndex]!.text))
    ) {
      aboveIndex--;
    }
    const above = lines[aboveIndex]!;
    const text = stripSpace(above.text);
    const block = above.block;
    const headingLike =
      TITLE_LIKE.test(block.tagName.toUpperCase()) || /title|biaoti|headline/i.test(`${block.className} ${block.id}`);
    if (text.length >= 5 && text.length <= 120 && (headingLike || wanted.includes(text))) return above;
  }
  return null;
}

export function findTitle(document: Document, meta: MetaTags, lines: readonly PageLine[]): FoundTitle {
  const documentTitle = normalizeSpace(document.title ?? '');
  const fromMeta = metaValue(meta, 'ArticleTitle', 'headline');
  if (fromMeta && stripSpace(fromMeta).length >= 2) {
    const title = cleanTitle(fromMeta);
    return { title, element: elementShowing(document, title) };
  }
  const aboveInfo = titleAboveInfoLine(lines, documentTitle);
  if (aboveInfo) return { title: cleanTitle(aboveInfo.text), element: aboveInfo.block };
  const [heading] = headingsInTitle(document, documentTitle);
  if (heading) return { title: cleanTitle(heading.textContent ?? ''), element: heading };
  const ogTitle = metaValue(meta, 'og:title', 'twitter:title');
  const base = ogTitle && stripSpace(ogTitle).length >= 4 ? ogTitle : documentTitle;
  const [first] = base.split(TITLE_SEPARATORS).filter((part) => stripSpace(part).length >= 2);
  const title = cleanTitle(first ?? base);
  return { title, element: elementShowing(document, title) };
}

// Exercised by corpus pages: gne-gsc-1 (an h5 above the info line), traf-xinhuanet-c1125597921 (div.h-title), gne-zyyfy-1 (two info lines), gne-cjn-1 (<title> with column and site), gne-shanxi-1 (ArticleTitle meta).
