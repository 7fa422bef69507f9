import { normalizeSpace, stripSpace } from '../../text/normalize-space';
import type { PageLine } from '../page-lines';
import { isChromeLine } from '../body/portal-chrome';
import { isInfoLine } from './info-line';
import { metaValue, type MetaTags } from './meta-tags';
import { DATE_PATTERN, dateBadgeAt } from './published-date';
import { looksLikeOutletLine } from './source';
import { ANY_LABEL } from '../page-words';

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
const LABELLED = new RegExp(`(?:${ANY_LABEL})\\s*[:：]`);
const MAX_INFO_LINE_INDEX = 400;

/**
 * A short line with a date and a time of day and little else: how old portals and self-media
 * pages print the publication time under a headline, with no label. It marks a title only when
 * `<title>` holds the line above it.
 */
function isDateTimeLine(text: string): boolean {
  const date = DATE_PATTERN.exec(text);
  return text.length <= 60 && date !== null && date[4] !== undefined;
}

/** A headline as compared with `<title>`: sites write its dashes and bars differently there (—— becomes -). */
const comparable = (text: string) => stripSpace(text).replace(/[-—–_|｜丨]/g, '');

/**
 * Whether the line above an unlabelled date can be the headline: `<title>` holds it, or — on a
 * page with no `<title>` at all, as some old table layouts are — it is headline-sized, not a
 * sentence and not navigation.
 */
function headlineAbove(text: string, wanted: string): boolean {
  const line = normalizeSpace(text);
  const shown = comparable(line);
  // A <title> that the line contains is the site's name, which tells nothing about the headline.
  if (wanted && !shown.includes(wanted)) return wanted.includes(shown);
  return line.length >= 5 && line.length <= 60 && !/[。！？]$/.test(line) && !/>>|＞|»|首页/.test(line);
}

/** What may sit between a headline and its date: a marker (正文), a share bar, counters. */
function isInterfaceLine(text: string): boolean {
  const line = stripSpace(text);
  return line.length <= 4 || isChromeLine(text) || /^(?:分享|字号|打印)/.test(line);
}

/** A date, perhaps with its time, and at most a short name after it: 2019-05-17 · 苏皖城市报道. */
const DATE_AND_NAME_LINE = new RegExp(`^\\s*${DATE_PATTERN.source}\\s*[·•|｜/]?\\s*[\\u4e00-\\u9fa5A-Za-z]{0,12}\\s*$`);

/** The line right above the first info line, when it looks like a title. */
export function titleAboveInfoLine(lines: readonly PageLine[], documentTitle: string): PageLine | null {
  const wanted = comparable(documentTitle);
  const limit = Math.min(lines.length, MAX_INFO_LINE_INDEX);
  for (let index = 1; index < limit; index++) {
    const text = lines[index]!.text;
    const info = isInfoLine(text);
    const unlabelledDate =
      !info && (isDateTimeLine(text) || DATE_AND_NAME_LINE.test(text) || dateBadgeAt(lines, index).date !== null);
    if (!info && !unlabelledDate) continue;
    // Up past what may stand between the headline and the date: a second info line (时间 on one,
    // 来源/作者 on the next), labelled fields, interface lines, and once the outlet's own line.
    let aboveIndex = index - 1;
    let outletSkipped = false;
    while (aboveIndex > 0 && aboveIndex >= index - 4) {
      const line = lines[aboveIndex]!.text;
      if (isInfoLine(line) || LABELLED.test(line) || isInterfaceLine(line)) aboveIndex--;
      else if (!outletSkipped && looksLikeOutletLine(line)) {
        outletSkipped = true;
        aboveIndex--;
      } else break;
    }
    const above = lines[aboveIndex]!;
    const headline = stripSpace(above.text);
    const block = above.block;
    const headingLike =
      TITLE_LIKE.test(block.tagName.toUpperCase()) || /title|biaoti|headline/i.test(`${block.className} ${block.id}`);
    // An unlabelled date makes a title only of a line that <title> bears out (or that looks like one where there is none).
    const fits = unlabelledDate ? headlineAbove(above.text, wanted) : headingLike || headlineAbove(above.text, wanted);
    if (headline.length >= 5 && headline.length <= 120 && fits) return above;
  }
  return null;
}

/** A "you are here" line: 首页 >> 栏目 >> 子栏目. */
const BREADCRUMB = /^(?:当前位置|您的位置|你的位置|所在位置)?[:：\s]*首页\s*(?:>>|>|»|＞|→|\/)/;

/**
 * The headline of a page that names no date and whose `<title>` is only the site's: the first
 * headline-sized line under the breadcrumb, which such templates put right above the article.
 */
function titleUnderBreadcrumb(lines: readonly PageLine[]): PageLine | null {
  const limit = Math.min(lines.length, MAX_INFO_LINE_INDEX);
  for (let index = 0; index < limit - 1; index++) {
    if (!BREADCRUMB.test(normalizeSpace(lines[index]!.text))) continue;
    const next = lines[index + 1]!;
    return headlineAbove(next.text, '') ? next : null;
  }
  return null;
}

/**
 * The site's own name (its og:site_name, or what ends a <title> of several parts) is printed on
 * every page of the site: it is never an article's headline. A name is shorter than the headline
 * it follows: a last part longer than every other is the headline itself, after the site's prefix
 * (栏目名--标题).
 */
function siteNames(meta: MetaTags, documentTitle: string): Set<string> {
  const parts = documentTitle.split(TITLE_SEPARATORS).filter((part) => stripSpace(part).length >= 2);
  const last = parts.at(-1);
  const longestBefore = Math.max(0, ...parts.slice(0, -1).map((part) => stripSpace(part).length));
  const names = [
    metaValue(meta, 'og:site_name', 'SiteName', 'application-name'),
    parts.length > 1 && last && stripSpace(last).length <= longestBefore ? last : null,
  ];
  return new Set(names.filter((name): name is string => !!name).map((name) => stripSpace(name)));
}

export function findTitle(document: Document, meta: MetaTags, lines: readonly PageLine[]): FoundTitle {
  const documentTitle = normalizeSpace(document.title ?? '');
  const sites = siteNames(meta, documentTitle);
  const isSiteName = (text: string) => sites.has(stripSpace(cleanTitle(text)));
  const fromMeta = metaValue(meta, 'ArticleTitle', 'headline');
  if (fromMeta && stripSpace(fromMeta).length >= 2) {
    const title = cleanTitle(fromMeta);
    return { title, element: elementShowing(document, title) };
  }
  const aboveInfo = titleAboveInfoLine(lines, documentTitle);
  const heading = headingsInTitle(document, documentTitle).find((element) => !isSiteName(element.textContent ?? ''));
  // A line above a date is the headline unless <title> names another heading of the page and not
  // it: then it is an entry of a related list (its title over its date) and <title>'s heading wins.
  const opensTitle = (element: Element) =>
    comparable(documentTitle).startsWith(comparable(element.textContent ?? '')) && /^H[1-3]$/i.test(element.tagName);
  const aboveInfoOutOfTitle =
    !!aboveInfo && !comparable(documentTitle).includes(comparable(aboveInfo.text)) && !!heading && opensTitle(heading);
  if (aboveInfo && !isSiteName(aboveInfo.text) && !aboveInfoOutOfTitle)
    return { title: cleanTitle(aboveInfo.text), element: aboveInfo.block };
  if (heading) return { title: cleanTitle(heading.textContent ?? ''), element: heading };
  const underBreadcrumb = titleUnderBreadcrumb(lines);
  if (underBreadcrumb && !isSiteName(underBreadcrumb.text))
    return { title: cleanTitle(underBreadcrumb.text), element: underBreadcrumb.block };
  const ogTitle = metaValue(meta, 'og:title', 'twitter:title');
  const base = ogTitle && stripSpace(ogTitle).length >= 4 ? ogTitle : documentTitle;
  const [first] = base.split(TITLE_SEPARATORS).filter((part) => stripSpace(part).length >= 2);
  const title = cleanTitle(first ?? base);
  // A page that names nothing but its site has no headline to show: empty, for 更正信息 to fill.
  if (isSiteName(title)) return { title: '', element: null };
  return { title, element: elementShowing(document, title) };
}
