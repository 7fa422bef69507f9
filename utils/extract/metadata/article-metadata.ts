import { normalizeSpace, stripSpace } from '../../text/normalize-space';
import { isChromeLine } from '../body/portal-chrome';
import { BOUNDARY, GAP, type PageLine } from '../page-lines';
import { authorFromClosing, authorFromReportedClosing, authorFromReporterLine } from './byline';
import { readLabelledFields, type LabelledField } from './labelled-fields';
import { metaValue, readJsonLdArticles, type MetaTags } from './meta-tags';
import { isInfoLine } from './info-line';
import { INTERFACE_WORD, ROLE_WORD, isGenericSource, unlabelledHeaderSource } from './source';
import { TITLE_SEPARATORS } from './title';
import { DATE_PATTERN, dateBadgeAt, parseMetaDate, parsePublishedDate, type PublishedDate } from './published-date';
import { PUBLICATION_LABELS, alternation, labelsOf } from '../page-words';
import type { SiteFamily } from '../site-families';
import { checkPersonNames, checkSource, isOutletName } from './field-checks';
import { readPageData } from './page-data';

export interface MetadataInput {
  document: Document;
  url: string;
  meta: MetaTags;
  title: string;
  /** All lines of the page. */
  lines: readonly PageLine[];
  /** Lines of the extracted body. */
  bodyLines: readonly string[];
  /** The site families that cover the page (their script data is read). */
  families?: readonly SiteFamily[];
  /** When the page was read (ms since the epoch). */
  readAt?: number;
}

export interface ArticleMetadataResult {
  published: PublishedDate | null;
  /** Whether the page shows the date (else it came from metadata or the address). */
  publishedShown: boolean;
  /** Whether the page labels the date as its publication (发布时间, 解釋公布日期), not only shows it. */
  publishedLabelled: boolean;
  source: string | null;
  author: string | null;
  editor: string | null;
  siteName: string | null;
  column: string | null;
  canonicalUrl: string | null;
  lang: string | null;
  /** Body lines that turned out to be attributions (a trailing （记者） line) rather than text. */
  removableBodyLines: Set<string>;
}

/** How far below the title the 发布时间/来源 line may sit. */
const HEADER_LINES_AFTER_TITLE = 12;
const HEADER_LINES_BEFORE_TITLE = 3;
const MAX_VALUE_CHARS = 40;
/** How many of the body's first lines may still be the header's (a date under a photo's caption). */
const BODY_HEAD_LINES = 3;
/** How far from the body's end a （name／place報導） attribution may close the article's own text. */
const REPORTED_CLOSING_LINES = 10;

const EDITOR_LABEL_STRENGTH: Record<string, number> = { 责任编辑: 3, 责编: 2, 编辑: 1, 責任編輯: 3, 責編: 2, 編輯: 1 };

/** Where the title, the body's first line and its last line sit among the page's lines. */
function locate(lines: readonly PageLine[], title: string, bodyLines: readonly string[]) {
  const strippedTitle = stripSpace(title);
  const find = (wanted: string, from = 0) => {
    if (!wanted) return -1;
    for (let index = from; index < lines.length; index++) {
      if (stripSpace(lines[index]!.text) === wanted) return index;
    }
    return -1;
  };
  // The title may also appear in navigation or share widgets; the real one has the date below it.
  const candidates: number[] = [];
  for (let index = 0; index < lines.length; index++) {
    const text = stripSpace(lines[index]!.text);
    // A line with the title and a date after it is an entry of a related-links list, not the headline.
    if (
      text === strippedTitle ||
      (strippedTitle.length >= 6 &&
        text.includes(strippedTitle) &&
        text.length <= strippedTitle.length * 1.6 &&
        !DATE_PATTERN.test(text.slice(text.indexOf(strippedTitle) + strippedTitle.length)))
    ) {
      candidates.push(index);
    }
  }
  const datedBelow = (index: number) => lines.slice(index + 1, index + 5).some((line) => DATE_PATTERN.test(line.text));
  const titleIndex = candidates.find(datedBelow) ?? candidates[0] ?? -1;
  const bodyStart = find(stripSpace(bodyLines[0] ?? ''), Math.max(titleIndex, 0));
  const lastBodyLine = stripSpace(bodyLines.at(-1) ?? '');
  let bodyEnd = -1;
  for (let index = lines.length - 1; index >= Math.max(bodyStart, 0); index--) {
    if (stripSpace(lines[index]!.text) === lastBodyLine) {
      bodyEnd = index;
      break;
    }
  }
  return { titleIndex, bodyStart, bodyEnd };
}

function plausible(value: string | null | undefined): value is string {
  return !!value && value.length <= MAX_VALUE_CHARS && !/^[\d\s:：\-/.年月日]+$/.test(value);
}

const AFFILIATION =
  /^([\u4e00-\u9fa5·]{2,3}?)(?=[\u4e00-\u9fa5]{0,8}(?:大学|学院|研究院|研究所|研究中心|委员会|党校|教授|研究员|主任|院长|所长|书记|记者))/;

function cleanName(value: string): string {
  const name = normalizeSpace(value.replace(/[【】\[\]（）()]/g, ' ')).replace(/^(?:本站|本网)?记者\s*/, '');
  // "方敏北京大学经济学院教授": a name run together with the author's affiliation.
  return name.length > 5 ? (AFFILIATION.exec(name)?.[1] ?? name) : name;
}

/** A credit for the text or the pictures (文/王爽 图/吕欣) printed after the outlet names people, not the source. */
const CREDIT = /(?:^|\s)(?:文|图|摄影?)\s*[/／:：].*$/;

/** A source named on the page, not a person: no affiliation to cut, brackets, spaces and credits dropped. */
const cleanSource = (value: string) =>
  normalizeSpace(value.replace(/[【】\[\]]/g, ' '))
    .replace(/^[:：·|｜/\s]+/, '')
    .replace(CREDIT, '');

/** A paragraph that ends with its source in parentheses: …（来源：X）. That is a trailer, wherever it sits. */
const CLOSING_SOURCE = new RegExp(`\\S.{3,}[（(]\\s*(?:${labelsOf('source')})\\s*[:：][^（）()]{2,30}[）)]\\s*$`);
const closesParagraph = (text: string) => CLOSING_SOURCE.test(text.trim());

/**
 * A 来源 trailer closing the body: on a line of its own (来源：X) or in parentheses at the end of
 * the last paragraph (…（来源：X）).
 */
function trailerIn(fields: readonly LabelledField[], lines: readonly PageLine[], bodyEnd: number) {
  if (bodyEnd < 0) return undefined;
  return fields.find((field) => {
    if (
      field.name !== 'source' ||
      field.lineIndex < bodyEnd - 1 ||
      field.lineIndex > bodyEnd ||
      !plausible(field.value)
    )
      return false;
    const text = lines[field.lineIndex]!.text.trim();
    return new RegExp(`^${field.label}\\s*[:：]`).test(text) || closesParagraph(text);
  });
}

/** Lines around the title where the info line sits; before the body when the body is known. */
function headerRange(titleIndex: number, bodyStart: number, lineCount: number): [number, number] {
  if (titleIndex < 0) return [0, bodyStart >= 0 ? bodyStart : Math.min(lineCount, 40)];
  const start = Math.max(0, titleIndex - HEADER_LINES_BEFORE_TITLE);
  let end = Math.min(lineCount, titleIndex + HEADER_LINES_AFTER_TITLE + 1);
  if (bodyStart > titleIndex) end = Math.min(end, bodyStart + 1);
  return [start, end];
}

function firstIn(fields: readonly LabelledField[], name: LabelledField['name'], from: number, to: number) {
  return fields.find(
    (field) => field.name === name && field.lineIndex >= from && field.lineIndex < to && plausible(field.value),
  );
}

/** Header line indexes, those below the title first: a date above it is often the site's "today". */
function headerOrder([start, end]: [number, number], titleIndex: number): number[] {
  const below: number[] = [];
  const above: number[] = [];
  for (let index = start; index < end; index++) (index >= titleIndex ? below : above).push(index);
  return [...below, ...above];
}

/** A date in the address, as CMSs put it: /2018-11/02/, /20240515/, /2015/03/18/, ?a=20170309-…. */
const URL_DATE = /(?<!\d)((?:19|20)\d{2})[-/]?(0[1-9]|1[0-2])[-/]?(0[1-9]|[12]\d|3[01])(?!\d)/;

/** How far above the title a 政府信息公开 record table (索引号, 发文日期 …) may start. */
const RECORD_TABLE_LINES = 15;

const PUBLICATION_LABEL = new RegExp(`(?:${alternation(PUBLICATION_LABELS)})\\s*[:：]?\\s*`);

/** The date right after a publication label on line `index`, or alone on the next line when the label ends its line. */
function labelledPublication(lines: readonly PageLine[], index: number): PublishedDate | null {
  const text = lines[index]!.text;
  const label = text.length <= 160 ? PUBLICATION_LABEL.exec(text) : null;
  if (!label) return null;
  const rest = text.slice(label.index + label[0].length);
  const value = rest.trim() ? rest : (lines[index + 1]?.text ?? '');
  const found = parsePublishedDate(value);
  return found && value.indexOf(found.text) <= 2 ? found : null;
}

/**
 * A line that opens with a date in the ROC calendar under its full 中華民國 marker is how official
 * documents print their date of issue (中華民國 107年1月26日 院台大二字第…號): as good as a label.
 */
const OFFICIAL_DATE_LINE = /^\s*中華民國\s*\d{1,3}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日/;
const officialDate = (text: string) => (OFFICIAL_DATE_LINE.test(text) ? parsePublishedDate(text) : null);

/**
 * A line labelled as the publication (发布时间：…) anywhere on the page: it outranks any other dated
 * line (留言时间 of a message list, a related entry's date) of a page whose header is not known.
 */
function labelledAnywhereOn(lines: readonly PageLine[]): { date: PublishedDate; shown: true; labelled: true } | null {
  for (let index = 0; index < lines.length; index++) {
    const found = labelledPublication(lines, index);
    if (found) return { date: found, shown: true, labelled: true };
  }
  return null;
}

function readPublished(
  input: MetadataInput,
  lines: readonly PageLine[],
  range: [number, number],
  titleIndex: number,
  bodyStart: number,
): { date: PublishedDate; shown: boolean; labelled?: boolean } | null {
  // A date the page labels as its publication date (发布时间：…, 发文日期：…) in the header, or in the
  // record table above the title, outranks an unlabelled date there (a related link's, an event's).
  const from = titleIndex >= 0 ? Math.max(0, titleIndex - RECORD_TABLE_LINES) : range[0];
  // A page that does not show its headline may open with its record (解釋公布日期 / 民國 89年4月7日),
  // which the body then holds.
  const to = Math.max(
    bodyStart > titleIndex ? bodyStart : range[1],
    titleIndex < 0 ? Math.min(lines.length, RECORD_TABLE_LINES) : 0,
  );
  for (let index = from; index < to; index++) {
    const found = labelledPublication(lines, index) ?? officialDate(lines[index]!.text);
    if (found) return { date: found, shown: true, labelled: true };
  }
  // Where the headline was not found, the lines above the body are no known header: a date labelled
  // as the publication anywhere outranks the first date among them (留言时间 of a message list).
  if (titleIndex < 0) {
    const labelled = labelledAnywhereOn(lines);
    if (labelled) return labelled;
  }
  // The date shown under the title is what the reader sees; metadata is the fallback.
  for (const index of headerOrder(range, titleIndex)) {
    const text = lines[index]!.text;
    if (text.length > 160 || isChromeLine(text)) continue;
    const found = parsePublishedDate(text) ?? dateBadgeAt(lines, index).date;
    if (found) return { date: found, shown: true };
  }
  // A date line among the body's first lines (under a photo's caption) is the header's, which the
  // body took in: shown to the reader, so it outranks metadata, whose zone may be mislabelled.
  for (let index = Math.max(range[1], bodyStart); bodyStart >= 0 && index < bodyStart + BODY_HEAD_LINES; index++) {
    const text = lines[index]?.text ?? '';
    const found = text.length <= 60 && isInfoLine(text) ? parsePublishedDate(text) : null;
    if (found) return { date: found, shown: true };
  }
  const fromMeta = metaValue(
    input.meta,
    'PubDate',
    'publishdate',
    'article:published_time',
    'datePublished',
    'og:release_date',
    'publish_date',
    'pubtime',
    'date',
    'dc.date',
    'dc.date.issued',
    'dcterms.created',
  );
  const fromMarkup = input.document
    .querySelector('time[itemprop="datePublished" i][datetime]')
    ?.getAttribute('datetime');
  const fromJsonLd = readJsonLdArticles(input.document)
    .map((article) => article.datePublished)
    .find((value): value is string => typeof value === 'string');
  for (const value of [fromMeta, fromMarkup, fromJsonLd]) {
    const parsed = value ? parseMetaDate(value) : null;
    if (parsed) return { date: parsed, shown: false };
  }
  const labelledAnywhere = titleIndex >= 0 ? labelledAnywhereOn(lines) : null;
  if (labelledAnywhere) return labelledAnywhere;
  for (const line of lines) {
    if (line.text.length <= 120 && isInfoLine(line.text)) {
      const found = parsePublishedDate(line.text);
      if (found) return { date: found, shown: true };
    }
  }
  const inUrl = URL_DATE.exec(input.url);
  if (inUrl) return { date: { text: inUrl[0], iso: `${inUrl[1]}-${inUrl[2]}-${inUrl[3]}` }, shown: false };
  return null;
}

/**
 * A name printed without a label right after the source on the info line, as in
 * "2023-06-15 08:10　来源：中国新闻网　王帆".
 */
function authorAfterSource(lines: readonly PageLine[], source: LabelledField | undefined): string | null {
  if (!source) return null;
  const marked = lines[source.lineIndex]!.marked;
  const at = marked.indexOf(source.value);
  if (at < 0) return null;
  const next = marked
    .slice(at + source.value.length)
    .split(new RegExp(`[${BOUNDARY}${GAP}]+`))
    .map((part) => part.trim())
    .find(Boolean);
  return next && /^[\u4e00-\u9fa5·]{2,4}$/.test(next) && !INTERFACE_WORD.test(next) && !ROLE_WORD.test(next)
    ? next
    : null;
}

function bestEditor(fields: readonly LabelledField[], after: number): string | null {
  const editors = fields.filter((field) => field.name === 'editor' && plausible(field.value));
  const ranked = editors
    .map((field) => ({
      field,
      score: (EDITOR_LABEL_STRENGTH[field.label] ?? 0) * 10 + (field.lineIndex >= after ? 5 : 0),
    }))
    .sort((a, b) => b.score - a.score || a.field.lineIndex - b.field.lineIndex);
  const best = ranked[0]?.field.value;
  return best ? cleanName(best) : null;
}

function absoluteHttpUrl(value: string | null | undefined, base: string): string | null {
  if (!value) return null;
  try {
    const url = new URL(value, base);
    return /^https?:$/.test(url.protocol) ? url.toString() : null;
  } catch {
    return null;
  }
}

function readSiteName(input: MetadataInput): string | null {
  const fromMeta = metaValue(input.meta, 'SiteName', 'og:site_name', 'application-name');
  if (fromMeta) return fromMeta;
  const parts = normalizeSpace(input.document.title ?? '')
    .split(TITLE_SEPARATORS)
    .filter(Boolean);
  const last = parts.at(-1);
  return parts.length > 1 && last && last.length <= 20 ? last : null;
}

export function readArticleMetadata(input: MetadataInput): ArticleMetadataResult {
  const { lines, bodyLines, title } = input;
  const { titleIndex, bodyStart, bodyEnd } = locate(lines, title, bodyLines);
  const range = headerRange(titleIndex, bodyStart, lines.length);
  const fields = readLabelledFields(lines);
  const afterBody = bodyEnd >= 0 ? bodyEnd + 1 : range[1];
  const removableBodyLines = new Set<string>();

  const editor = checkPersonNames(bestEditor(fields, bodyStart >= 0 ? bodyStart : range[1]), { labelled: true });
  const siteName = readSiteName(input);
  const data = readPageData(input, siteName);

  // The header ends where the first paragraph starts, known or not as the body's.
  const firstParagraph = lines.findIndex(
    (line, index) => index > Math.max(titleIndex, range[0]) && line.text.length > 80 && /[。，；]/.test(line.text),
  );
  const headerSource = firstIn(
    fields,
    'source',
    range[0],
    firstParagraph > 0 ? Math.min(range[1], firstParagraph) : range[1],
  );
  // A generic header value (转载文章) yields to a named source anywhere else.
  const named = (field: LabelledField | undefined) => (field && !isGenericSource(field.value) ? field : undefined);
  // What the header shows comes first (labelled, then the CMS's own field, then unlabelled), then a trailer.
  const unlabelled = unlabelledHeaderSource(lines, range, titleIndex, title);
  const trailerSource =
    named(firstIn(fields, 'source', afterBody, afterBody + 8)) ?? named(trailerIn(fields, lines, bodyEnd));
  const namedHeader = named(headerSource);
  const labelledSource = namedHeader ?? trailerSource;
  // Each candidate in turn must pass the field's check; one that fails leaves the place to the next.
  let source = checkSource(namedHeader ? cleanSource(namedHeader.value) : null);
  if (!data.sourceIsSiteDefault) source ??= checkSource(data.source);
  // An outlet printed in the header outranks a trailer; a self-media account yields to one.
  if (unlabelled.kind === 'outlet') source ??= checkSource(unlabelled.source);
  source ??= checkSource(trailerSource ? cleanSource(trailerSource.value) : null);
  source ??= checkSource(unlabelled.source);
  source ??= checkSource(headerSource ? cleanSource(headerSource.value) : null);
  // The site's own name written into every page's data is a default, not this page's outlet: a
  // page that shows no other source names none (it is the site, shown by its address).

  let author: string | null = null;
  const labelledAuthor =
    firstIn(fields, 'author', range[0], range[1]) ??
    firstIn(fields, 'author', afterBody, afterBody + 8) ??
    firstIn(fields, 'author', range[1], afterBody) ??
    // A trailer line that names the source names the author beside it, however far below the body.
    fields.find(
      (field) =>
        field.name === 'author' &&
        field.lineIndex >= afterBody &&
        fields.some((other) => other.name === 'source' && other.lineIndex === field.lineIndex),
    );
  if (labelledAuthor) {
    const value = cleanName(labelledAuthor.value);
    author = checkPersonNames(value, { labelled: true });
    // An outlet printed where the byline goes is the source, when the page names none.
    if (!author && isOutletName(value)) source ??= value;
  }
  author ??= checkPersonNames(authorAfterSource(lines, labelledSource));
  author ??= checkPersonNames(unlabelled.author);
  author ??=
    checkPersonNames(authorFromReporterLine(bodyLines.slice(0, 6))) ??
    checkPersonNames(authorFromReporterLine(lines.slice(range[0], range[1]).map((line) => line.text))) ??
    checkPersonNames(authorFromReporterLine(lines.slice(afterBody, afterBody + 4).map((line) => line.text)));
  if (!author) {
    // The closing lines, skipping gallery links and counters ("图集", "+1") that trail some bodies.
    const closingLines = bodyLines
      .slice(-4)
      .filter((line) => stripSpace(line).length > 2)
      .slice(-2)
      .reverse();
    for (const line of closingLines) {
      const closing = checkPersonNames(authorFromClosing(line) ?? authorFromReporterLine([line]));
      if (!closing) continue;
      author = closing;
      if (stripSpace(line).length <= closing.length + 16) removableBodyLines.add(line);
      break;
    }
  }
  // An attribution with where it was reported from closes the text even above a notice the site appends.
  if (!author) {
    for (const line of bodyLines.slice(-REPORTED_CLOSING_LINES).reverse()) {
      author = checkPersonNames(authorFromReportedClosing(line));
      if (author) break;
    }
  }
  // The page's data names the author where no line does (a portal's own name there is no author).
  author ??= checkPersonNames(data.author);
  // The source is never the author; the 责任编辑 is not either, unless the page says so (作者：X 编辑：X).
  if (author && (author === source || (author === editor && !labelledAuthor))) author = null;
  // A byline that is part of the outlet's or the site's own name (中時 of 中時電子報) is the outlet, not a person.
  if (author && [source, siteName].some((name) => name && name !== author && name.includes(author!))) author = null;

  const canonical = input.document.querySelector('link[rel="canonical" i]')?.getAttribute('href');
  const lang =
    input.document.documentElement.getAttribute('lang') ||
    metaValue(input.meta, 'content-language', 'language', 'og:locale') ||
    null;

  const published = readPublished(input, lines, range, titleIndex, bodyStart);
  return {
    published: published?.date ?? null,
    publishedShown: published?.shown ?? false,
    publishedLabelled: published?.labelled ?? false,
    source: plausible(source) ? source : null,
    author: plausible(author) ? author : null,
    editor,
    siteName,
    column: metaValue(input.meta, 'ColumnName', 'column', 'ColumnType', 'category', 'article:section'),
    canonicalUrl: absoluteHttpUrl(canonical, input.url) ?? absoluteHttpUrl(metaValue(input.meta, 'og:url'), input.url),
    lang: lang ? lang.replace('_', '-') : null,
    removableBodyLines,
  };
}
