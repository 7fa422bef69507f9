import { normalizeSpace, stripSpace } from '../../text/normalize-space';
import { isChromeLine } from '../body/portal-chrome';
import { BOUNDARY, GAP, type PageLine } from '../page-lines';
import { DATE_PATTERN, dateBadgeAt } from './published-date';
import { GENERIC_SOURCES, INTERFACE_WORDS, OUTLET_SUFFIXES, ROLE_WORDS, alternation } from '../page-words';

/*
 * Where the 来源 of a Chinese article is printed without a label. Portals and self-media
 * platforms name the outlet (or the account) in the header block around the date: on a line of
 * its own between the headline and the date, as "author/outlet" there, just before the date on
 * its line, or just after it. Whatever sits there that is an interface word (页面功能, 举报, 字号…)
 * or a reader's location is not a source.
 */

/** Words of the page's interface, never an outlet. */
export const INTERFACE_WORD = new RegExp(alternation(INTERFACE_WORDS));
/** Role words: a byline, not an outlet. */
export const ROLE_WORD = new RegExp(alternation(ROLE_WORDS));
/** How outlets name what they are: 新华社, 中国青年报, 东方网, 央视新闻, 上海奉贤 (an account) … */
export const OUTLET_SUFFIX = new RegExp(`(?:${alternation(OUTLET_SUFFIXES)})$`);
const NAME = /^[\u4e00-\u9fa5A-Za-z0-9·．.（）()—\-]{2,16}$/;
/** As long as a Chinese person's name, and no longer. */
const PERSON_SIZED = /^[\u4e00-\u9fa5]{2,3}$/;

const parts = (marked: string) =>
  marked
    .split(new RegExp(`[${BOUNDARY}${GAP}]+|\\s{1,}`))
    .map((part) => part.trim())
    .filter(Boolean);

/** Leading separators portals print between the date and the outlet: "22:30·新华社", "｜新华社". */
const trimSeparators = (text: string) => text.replace(/^[·•|｜丨/／\-—:：\s]+|[·•|｜丨/／\-—:：\s]+$/g, '');

/** How a piece came to the page, said before the outlet (原创：X, 转载：X): not part of its name. */
const LEADING_PLACEHOLDER = new RegExp(`^(?:${alternation(GENERIC_SOURCES)})\\s*[:：]\\s*`);
/** What the site did with the piece, tagged after the outlet (游民星空[整理]): not part of its name. */
const TRAILING_ROLE_TAG = new RegExp(`\\s*[\\[【（(](?:${alternation([...ROLE_WORDS, '整合', '综合'])})[\\]】）)]$`);

function outletName(
  candidate: string,
  title: string,
  { needsSuffix, inTitle = 'refused' }: { needsSuffix: boolean; inTitle?: 'refused' | 'allowed' },
): string | null {
  const name = trimSeparators(
    trimSeparators(candidate).replace(LEADING_PLACEHOLDER, '').replace(TRAILING_ROLE_TAG, ''),
  );
  if (!NAME.test(name) || /^\d/.test(name) || !/[\u4e00-\u9fa5]/.test(name)) return null;
  if (INTERFACE_WORD.test(name) || ROLE_WORD.test(name) || DATE_PATTERN.test(name)) return null;
  // Words of the headline are not an outlet, unless they stand apart from it (a kicker such as 棱镜|…).
  if (inTitle === 'refused' ? stripSpace(title).includes(name) : stripSpace(title) === name) return null;
  // A bare two- or three-character name could be a person's; an outlet or account says what it is, or is longer.
  if (needsSuffix && !OUTLET_SUFFIX.test(name) && name.length < 4) return null;
  return name;
}

/**
 * A link to one of the site's own listings (rel="category tag", an address under /category/ or
 * /tag/) names a column of the site, which blogs print beside the date where portals print the
 * outlet: not who published.
 */
const LISTING_LINK = /(?:^|\s)(?:category|tag)(?:\s|$)/i;
const LISTING_PATH = /\/(?:category|tag|tags)\//i;
function namesListing(block: Element, name: string): boolean {
  for (const link of block.querySelectorAll('a')) {
    if (normalizeSpace(link.textContent ?? '') !== name) continue;
    if (LISTING_LINK.test(link.getAttribute('rel') ?? '') || LISTING_PATH.test(link.getAttribute('href') ?? ''))
      return true;
  }
  return false;
}

/** Self-media pages print a recent date without its year: 01-14 17:58. */
const YEARLESS_DATE_TIME = /(?<![\d-])(?:0?[1-9]|1[0-2])-(?:0?[1-9]|[12]\d|3[01])\s*\d{1,2}:\d{2}/;

export interface UnlabelledHeader {
  source: string | null;
  /** An outlet says what it is (新华社, 中国青年报); an account name (a self-media page's) may not. */
  kind: 'outlet' | 'account' | null;
  /** The person before the slash in an "author/outlet" line. */
  author: string | null;
}

/**
 * The outlet printed without a label in the header block: `titleIndex` is the headline's line,
 * `range` the header lines around it.
 */
export function unlabelledHeaderSource(
  lines: readonly PageLine[],
  range: [number, number],
  titleIndex: number,
  title: string,
): UnlabelledHeader {
  const dateIndex = lines.findIndex(
    (line, index) =>
      index >= range[0] &&
      index < range[1] &&
      index > titleIndex &&
      (DATE_PATTERN.test(line.text) || YEARLESS_DATE_TIME.test(line.text) || dateBadgeAt(lines, index).date !== null),
  );
  const none: UnlabelledHeader = { source: null, kind: null, author: null };
  const found = (source: string, author: string | null = null): UnlabelledHeader => ({
    source,
    kind: OUTLET_SUFFIX.test(source) ? 'outlet' : 'account',
    author,
  });
  if (dateIndex < 0) return none;

  // A line of its own between the headline and the date.
  if (titleIndex >= 0 && dateIndex - titleIndex <= 3) {
    for (let index = titleIndex + 1; index < dateIndex; index++) {
      const text = normalizeSpace(lines[index]!.text);
      if (!text || text.length > 24 || isChromeLine(text)) continue;
      const slash = /^([\u4e00-\u9fa5·]{2,4})\s*[/／]\s*(.+)$/.exec(text);
      if (slash) {
        const source = outletName(slash[2]!, title, { needsSuffix: false });
        if (source) return found(source, slash[1]!);
      }
      const source = outletName(text, title, { needsSuffix: true });
      if (source) return found(source);
    }
  }

  const badge = dateBadgeAt(lines, dateIndex);
  if (badge.date) {
    const next = lines[badge.end + 1]?.text.trim() ?? '';
    const source = next.length <= 16 && !isChromeLine(next) ? outletName(next, title, { needsSuffix: false }) : null;
    return source ? found(source) : none;
  }
  const line = lines[dateIndex]!;
  if (line.text.length > 80) return none;
  // Just before the date on its line (a column name may come first: the outlet is the nearest).
  const dateAt = DATE_PATTERN.exec(line.marked);
  if (dateAt) {
    const before = parts(line.marked.slice(0, dateAt.index));
    const last = before.at(-1);
    if (last && !/[:：]$/.test(last)) {
      const name = outletName(last, title, { needsSuffix: false, inTitle: 'allowed' });
      const source = name && !namesListing(line.block, name) ? name : null;
      // A bare name of two or three characters that does not say it is an outlet is the byline
      // printed before the date (谢若含 2017-03-01): a person, not the source — unless the headline
      // carries it too, as a column's kicker (棱镜|…).
      if (source && PERSON_SIZED.test(source) && !OUTLET_SUFFIX.test(source) && !stripSpace(title).includes(source))
        return { ...none, author: source };
      if (source) return found(source);
    }
  }
  const shown = DATE_PATTERN.exec(line.text);
  // Old portals put the byline in brackets right after the date: 2004年7月16日08:19 [ 黄宇 ].
  const bracketed = new RegExp(`^[${BOUNDARY}${GAP}\\s]*[\\[【]\\s*([\\u4e00-\\u9fa5·]{2,4})\\s*[\\]】]`).exec(
    line.text.slice(shown ? shown.index + shown[0].length : 0),
  );
  const bracketAuthor = bracketed && !ROLE_WORD.test(bracketed[1]!) ? bracketed[1]! : null;
  // Just after the date, or alone on the next short line.
  const date = shown ?? YEARLESS_DATE_TIME.exec(line.text)!;
  const after = parts(normalizeSpace(line.text.slice(date.index + date[0].length)))
    .map(trimSeparators)
    .filter(Boolean);
  const candidates = [after[0] ?? ''];
  const next = lines[dateIndex + 1]?.text.trim() ?? '';
  if (next.length <= 16 && !isChromeLine(next)) candidates.push(next);
  for (const [at, candidate] of candidates.entries()) {
    const name = candidate && outletName(candidate.split(/\s+/)[0]!, title, { needsSuffix: false });
    const source = name && !namesListing(lines[dateIndex + at]!.block, name) ? name : null;
    // A bare person-sized name alone on the line under the date is the byline, as before it.
    if (source && at > 0 && PERSON_SIZED.test(source) && !OUTLET_SUFFIX.test(source))
      return { ...none, author: bracketAuthor ?? source };
    if (source && /^[\u4e00-\u9fa5A-Za-z·—\-]{2,12}$/.test(source)) return found(source, bracketAuthor);
  }
  return { ...none, author: bracketAuthor };
}

/** Placeholders that say a piece was reposted, not from where: they yield to a named source. */
const GENERIC_SOURCE = new RegExp(`^(?:${alternation(GENERIC_SOURCES)})$`);
export const isGenericSource = (value: string) => GENERIC_SOURCE.test(value.trim());

/** A short line naming an outlet or "author/outlet", as printed between a headline and its date. */
export function looksLikeOutletLine(text: string): boolean {
  const line = normalizeSpace(text);
  return (
    line.length <= 16 &&
    (/^[\u4e00-\u9fa5·]{2,4}\s*[/／]\s*\S{2,}$/.test(line) || (NAME.test(line) && OUTLET_SUFFIX.test(line)))
  );
}
