import { normalizeSpace, stripSpace } from '../../text/normalize-space';
import { isChromeLine } from '../body/portal-chrome';
import type { PageLine } from '../page-lines';
import { authorFromClosing, authorFromOpening } from './byline';
import { readLabelledFields, type LabelledField } from './labelled-fields';
import { metaValue, readJsonLdArticles, type MetaTags } from './meta-tags';
import { DATE_PATTERN, parseMetaDate, parsePublishedDate, type PublishedDate } from './published-date';

export interface MetadataInput {
  document: Document;
  url: string;
  meta: MetaTags;
  title: string;
  /** All lines of the page. */
  lines: readonly PageLine[];
  /** Lines of the extracted body. */
  bodyLines: readonly string[];
}

export interface ArticleMetadataResult {
  published: PublishedDate | null;
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

const EDITOR_LABEL_STRENGTH: Record<string, number> = { 责任编辑: 3, 责编: 2, 编辑: 1 };

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
  let titleIndex = find(strippedTitle);
  if (titleIndex < 0 && strippedTitle.length >= 6) {
    titleIndex = lines.findIndex((line) => {
      const text = stripSpace(line.text);
      return text.includes(strippedTitle) && text.length <= strippedTitle.length * 1.6;
    });
  }
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

function cleanName(value: string): string {
  return normalizeSpace(value.replace(/[【】\[\]（）()]/g, ' ')).replace(/^(?:本站|本网)?记者\s*/, '');
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
  return fields.find((field) => field.name === name && field.lineIndex >= from && field.lineIndex < to && plausible(field.value));
}

function readPublished(input: MetadataInput, lines: readonly PageLine[], range: [number, number]): PublishedDate | null {
  // The date shown under the title is what the reader sees; metadata is the fallback.
  for (let index = range[0]; index < range[1]; index++) {
    const text = lines[index]!.text;
    if (text.length > 160 || isChromeLine(text)) continue;
    const found = parsePublishedDate(text);
    if (found) return found;
  }
  const fromMeta = metaValue(
    input.meta,
    'PubDate',
    'publishdate',
    'article:published_time',
    'og:release_date',
    'datePublished',
    'publish_date',
    'pubtime',
  );
  const fromJsonLd = readJsonLdArticles(input.document)
    .map((article) => article.datePublished)
    .find((value): value is string => typeof value === 'string');
  for (const value of [fromMeta, fromJsonLd]) {
    const parsed = value ? parseMetaDate(value) : null;
    if (parsed) return parsed;
  }
  for (const line of lines) {
    if (line.text.length <= 120 && DATE_PATTERN.test(line.text) && /发布|时间|日期/.test(line.text)) {
      const found = parsePublishedDate(line.text);
      if (found) return found;
    }
  }
  return null;
}

/**
 * A source printed without its label, as on 新华网 ("2019-12-10 07:57:40 新华网") or 新浪 where it
 * sits alone under the date: a short name on the date line or on the line after it.
 */
function unlabelledSource(lines: readonly PageLine[], range: [number, number], title: string): string | null {
  for (let index = range[0]; index < range[1]; index++) {
    const line = lines[index]!;
    const date = DATE_PATTERN.exec(line.text);
    if (!date || line.text.length > 80) continue;
    const rest = normalizeSpace(line.text.slice(date.index + date[0].length));
    const candidates = [rest, lines[index + 1]?.text ?? ''];
    for (const candidate of candidates) {
      const name = candidate.split(/\s+/)[0] ?? '';
      if (
        /^[\u4e00-\u9fa5A-Za-z·]{2,12}$/.test(name) &&
        !/(?:发布|时间|日期|浏览|点击|评论|分享|字号|打印|收藏)/.test(name) &&
        !stripSpace(title).includes(name)
      ) {
        return name;
      }
    }
    return null;
  }
  return null;
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
  const parts = normalizeSpace(input.document.title ?? '').split(/\s*(?:[-_|｜—–]|——)\s*/).filter(Boolean);
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

  const editor = bestEditor(fields, bodyStart >= 0 ? bodyStart : range[1]);

  const labelledSource = firstIn(fields, 'source', range[0], range[1]) ?? firstIn(fields, 'source', afterBody, afterBody + 8);
  let source = labelledSource ? cleanName(labelledSource.value) : null;
  source ??= metaValue(input.meta, 'ContentSource', 'source', 'Copyright_Source');
  source ??= unlabelledSource(lines, range, title);

  let author: string | null = null;
  const labelledAuthor = firstIn(fields, 'author', range[0], range[1]) ?? firstIn(fields, 'author', afterBody, afterBody + 8);
  if (labelledAuthor) author = cleanName(labelledAuthor.value);
  author ??= authorFromOpening(bodyLines.slice(0, 2)) ?? authorFromOpening(lines.slice(range[0], range[1]).map((line) => line.text));
  if (!author) {
    const last = bodyLines.at(-1) ?? '';
    const closing = authorFromClosing(last);
    if (closing) {
      author = closing;
      if (stripSpace(last).length <= closing.length + 6) removableBodyLines.add(last);
    }
  }
  // The 责任编辑 is never the author, and neither is the source.
  if (author && (author === editor || author === source)) author = null;

  const canonical = input.document.querySelector('link[rel="canonical" i]')?.getAttribute('href');
  const lang =
    input.document.documentElement.getAttribute('lang') ||
    metaValue(input.meta, 'content-language', 'language', 'og:locale') ||
    null;

  return {
    published: readPublished(input, lines, range),
    source: plausible(source) ? source : null,
    author: plausible(author) ? author : null,
    editor,
    siteName: readSiteName(input),
    column: metaValue(input.meta, 'ColumnName', 'column', 'ColumnType', 'category', 'article:section'),
    canonicalUrl: absoluteHttpUrl(canonical, input.url) ?? absoluteHttpUrl(metaValue(input.meta, 'og:url'), input.url),
    lang: lang ? lang.replace('_', '-') : null,
    removableBodyLines,
  };
}
