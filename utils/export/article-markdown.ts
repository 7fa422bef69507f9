import { readPageLines } from '../extract/page-lines';
import { HIGHLIGHT_COLORS } from '../highlight/colors';
import type { AnnotationRecord } from '../model/annotation';
import type { ReplyRecord } from '../model/reply';
import { normalizeSpace } from '../text/normalize-space';
import { escapeHtml } from '../text/escape-html';
import { gbtReference } from '../annotate/citation';
import { repliesByAnnotation, replyHeading, type ExportedArticle } from './export-bundle';
import type { ExportLabels } from './export-labels';
import { authorOf, type ExportSettings } from './export-settings';
import { localDateTime } from './local-time';
import { markArticle, type MarkedBlock, type MarkedSegment } from './marked-article';
import { blockquote, escapeMarkdown, inline, textLines, yamlString } from './markdown-text';

export interface ArticleMarkdownOptions {
  /** `==…==` as Obsidian and Logseq mark a highlight, or `<mark>` in the highlight's colour. */
  marks: 'equals' | 'html';
  /** The stored HTML as an element, for the article's tables and images; without it, the text alone. */
  parseHtml?: (html: string) => Element | null;
}

/**
 * One clipped article as a Markdown note for a vault (Obsidian, Logseq, 思源): front matter with its details
 * and GB/T 7714 reference, the whole text with its 一、/（一） outline as headings, its tables and links to its
 * images where they stood, every highlight marked in place and every note a footnote on its passage. The
 * page's text and every note are written through the same escaping as the other Markdown export, so nothing a
 * page or a member wrote becomes structure.
 */
export function articleMarkdown(
  entry: ExportedArticle,
  generatedAt: string,
  labels: ExportLabels,
  settings: ExportSettings,
  options: ArticleMarkdownOptions,
): string {
  const { article } = entry;
  const marked = markArticle(article, entry.annotations);
  const notes = footnoteNumbers(marked.blocks, marked.unplaced, entry);
  const write = (segments: readonly MarkedSegment[]) => inlineOf(segments, notes, options.marks);
  const structure = options.parseHtml && article.html ? structureOf(marked.blocks, article, options.parseHtml) : null;
  const citedOn = localDateTime(generatedAt, settings.timeZone).slice(0, 10);
  const reference = gbtReference(article, citedOn);

  const out = [
    frontMatter(entry, reference, generatedAt, settings),
    `# ${inline(article.title || labels.untitled)}`,
    '',
  ];
  out.push(`${labels.reference}：${inline(reference)}`, '');
  let index = 0;
  while (index < marked.blocks.length) {
    for (const image of structure?.imagesBefore.get(index) ?? []) out.push(imageLink(image, labels), '');
    const table = structure?.tables.get(index);
    if (table) {
      out.push(tableOf(table, marked.blocks, write, notes), '');
      index = table.lastLine + 1;
      continue;
    }
    const block = marked.blocks[index]!;
    const level = block.headingLevel === null ? 0 : Math.min(6, block.headingLevel + 1);
    out.push(`${level ? `${'#'.repeat(level)} ` : ''}${startOfLine(write(block.segments))}`, '');
    index += 1;
  }
  for (const image of structure?.imagesBefore.get(marked.blocks.length) ?? []) out.push(imageLink(image, labels), '');

  if (marked.unplaced.length > 0) {
    out.push(`## ${inline(labels.unplaced)}`, '');
    for (const annotation of marked.unplaced) {
      const number = notes.get(annotation.id);
      out.push(`${blockquote(annotation.quote.exact)}${number ? `[^${number}]` : ''}`, '');
    }
  }
  for (const annotation of orderedNoted(notes, entry))
    out.push(footnote(annotation, notes.get(annotation.id)!, repliesOf(entry, annotation), labels, settings), '');
  return out.join('\n');
}

/** A highlight gets a footnote when it carries something to say: a note, tags or replies. */
function footnoteNumbers(
  blocks: readonly MarkedBlock[],
  unplaced: readonly AnnotationRecord[],
  entry: ExportedArticle,
): Map<string, number> {
  const threads = repliesByAnnotation(entry);
  const says = (annotation: AnnotationRecord) =>
    annotation.note.trim() !== '' || annotation.tags.length > 0 || (threads.get(annotation.id)?.length ?? 0) > 0;
  const numbers = new Map<string, number>();
  const add = (annotation: AnnotationRecord) => {
    if (says(annotation) && !numbers.has(annotation.id)) numbers.set(annotation.id, numbers.size + 1);
  };
  // Numbered where their passages end, in reading order, as the references stand in the text.
  for (const block of blocks) for (const segment of block.segments) segment.closes.forEach(add);
  unplaced.forEach(add);
  return numbers;
}

function orderedNoted(notes: ReadonlyMap<string, number>, entry: ExportedArticle): AnnotationRecord[] {
  return entry.annotations
    .filter((annotation) => notes.has(annotation.id))
    .sort((a, b) => notes.get(a.id)! - notes.get(b.id)!);
}

const repliesOf = (entry: ExportedArticle, annotation: AnnotationRecord): ReplyRecord[] =>
  repliesByAnnotation(entry).get(annotation.id) ?? [];

const refs = (annotations: readonly AnnotationRecord[], notes: ReadonlyMap<string, number>) =>
  annotations
    .map((annotation) => notes.get(annotation.id))
    .filter((number): number is number => number !== undefined)
    .map((number) => `[^${number}]`)
    .join('');

const PUNCTUATION = /[\p{P}\p{S}]/u;
const SPACE = /\s/u;

/**
 * Whether `==` can open before `inner` and close after it where they stand (CommonMark's flanking rules,
 * which the highlight syntax follows): a mark that begins or ends with punctuation next to a letter — 说“你好”
 * in Chinese, an escaped character — cannot, and is written as `<mark>` instead.
 */
function equalsHold(before: string, inner: string, after: string): boolean {
  const first = inner[0] ?? ' ';
  const last = inner.at(-1) ?? ' ';
  const opens =
    !SPACE.test(first) && (!PUNCTUATION.test(first) || before === '' || SPACE.test(before) || PUNCTUATION.test(before));
  const closes =
    !SPACE.test(last) && (!PUNCTUATION.test(last) || after === '' || SPACE.test(after) || PUNCTUATION.test(after));
  return opens && closes;
}

const markTag = (color: MarkedSegment['color']) => `<mark style="background:${HIGHLIGHT_COLORS[color ?? 'yellow']}">`;

/**
 * A block's segments as inline Markdown. A run of highlighted segments is one mark (`==…==`), its notes'
 * references after it; in `<mark>` form each segment carries its own colour.
 */
function inlineOf(
  segments: readonly MarkedSegment[],
  notes: ReadonlyMap<string, number>,
  marks: ArticleMarkdownOptions['marks'],
): string {
  let out = '';
  let index = 0;
  while (index < segments.length) {
    const segment = segments[index]!;
    if (segment.color === null) {
      out += afterReference(out, escapeMarkdown(segment.text));
      index += 1;
      continue;
    }
    let end = index;
    while (end + 1 < segments.length && segments[end + 1]!.color !== null) end += 1;
    const run = segments.slice(index, end + 1);
    const closing = run.at(-1)!.closes;
    // References of passages ending inside the run stay where they end; those ending with it follow it.
    const inner = run.reduce(
      (text, part, at) =>
        text + afterReference(text, escapeMarkdown(part.text)) + (at < run.length - 1 ? refs(part.closes, notes) : ''),
      '',
    );
    const before = out.at(-1) ?? '';
    const afterSegment = segments[end + 1];
    const after = refs(closing, notes) ? '[' : ((afterSegment ? escapeMarkdown(afterSegment.text)[0] : '') ?? '');
    if (marks === 'html') {
      out += run
        .map(
          (part, at) =>
            `${markTag(part.color)}${escapeMarkdown(part.text)}</mark>${at < run.length - 1 ? refs(part.closes, notes) : ''}`,
        )
        .join('');
    } else if (equalsHold(before, inner, after)) {
      out += `==${inner}==`;
    } else {
      out += `${markTag(run[0]!.color)}${inner}</mark>`;
    }
    out += refs(closing, notes);
    index = end + 1;
  }
  return out;
}

/** A note's reference `[^1]` followed by `(` would be read as a link to what the parenthesis holds. */
const afterReference = (out: string, text: string) => (out.endsWith(']') && text.startsWith('(') ? `\\${text}` : text);

/** What only means something at a line's start: a list marker, a numbered item, a setext underline. */
function startOfLine(text: string): string {
  return text.replace(/^([-+])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2');
}

function frontMatter(entry: ExportedArticle, reference: string, generatedAt: string, settings: ExportSettings): string {
  const { article } = entry;
  const date = (iso: string | null | undefined) =>
    iso && /^\d{4}-\d{2}-\d{2}$/.test(iso.slice(0, 10)) ? iso.slice(0, 10) : null;
  const names = (value: string | null | undefined) => (value ?? '').split(/\s+/).filter(Boolean);
  const tags = [...new Set(entry.annotations.flatMap((annotation) => annotation.tags))].map((tag) =>
    // A tag in Obsidian and Logseq is one word.
    tag.trim().replace(/\s+/g, '_'),
  );
  const list = (key: string, values: readonly string[]) =>
    values.length ? [`${key}:`, ...values.map((value) => `  - ${yamlString(value)}`)] : [];
  const lines = [
    '---',
    `title: ${yamlString(article.title)}`,
    ...(article.source ? [`source: ${yamlString(article.source)}`] : []),
    ...(date(article.publishedAt) ? [`published: ${date(article.publishedAt)}`] : []),
    ...list('author', names(article.author)),
    ...list('editor', names(article.editor)),
    `url: ${yamlString(article.url)}`,
    ...(article.clippedAt
      ? [`clipped: ${localDateTime(article.clippedAt, settings.timeZone, false).replace(' ', 'T')}`]
      : []),
    `exported: ${localDateTime(generatedAt, settings.timeZone, false).replace(' ', 'T')}`,
    ...list('tags', tags),
    `cite: ${yamlString(reference)}`,
    '---',
    '',
  ];
  return lines.join('\n');
}

function footnote(
  annotation: AnnotationRecord,
  number: number,
  replies: readonly ReplyRecord[],
  labels: ExportLabels,
  settings: ExportSettings,
): string {
  const author = authorOf(annotation, settings);
  const parts: string[] = [];
  if (annotation.note.trim()) parts.push(`${author ? `${inline(author)}：` : ''}${textLines(annotation.note)}`);
  else if (author) parts.push(`${labels.annotator}：${inline(author)}`);
  if (annotation.tags.length > 0)
    parts.push(`${labels.tags}：${annotation.tags.map((tag) => `\\#${inline(tag)}`).join(' ')}`);
  for (const reply of replies) parts.push(`${inline(replyHeading(reply, labels.reply))}：${textLines(reply.text)}`);
  // Continuation lines are indented, so everything stays inside the footnote; each part is its own paragraph.
  const body = parts.map((part) => part.split('\n').join('\n    ')).join('\n\n    ');
  // The first part begins the footnote's first line: a name beginning with `- ` must not start a list there.
  return `[^${number}]: ${startOfLine(body)}`;
}

interface TableSpan {
  table: Element;
  firstLine: number;
  lastLine: number;
  /** The text lines of each cell, row by row. */
  rows: number[][][];
  simple: boolean;
}

interface ImageRef {
  src: string;
  alt: string;
}

interface Structure {
  tables: Map<number, TableSpan>;
  imagesBefore: Map<number, ImageRef[]>;
}

/**
 * Where the article's lines stood in its stored HTML: which lines are a table's cells, and which images come
 * before which line. Lines are matched in order to the HTML's own lines (the text is those lines, less what the
 * extractor left out); a line not found is a paragraph.
 */
function structureOf(
  blocks: readonly MarkedBlock[],
  article: ExportedArticle['article'],
  parseHtml: (html: string) => Element | null,
): Structure | null {
  const root = parseHtml(article.html);
  if (!root) return null;
  const htmlLines = readPageLines(root);
  const elements: (Element | null)[] = [];
  let cursor = 0;
  for (const block of blocks) {
    const text = normalizeSpace(block.segments.map((segment) => segment.text).join(''));
    let found = -1;
    for (let at = cursor; at < htmlLines.length && at < cursor + 50; at++) {
      if (normalizeSpace(htmlLines[at]!.text) === text) {
        found = at;
        break;
      }
    }
    if (found < 0) elements.push(null);
    else {
      elements.push(htmlLines[found]!.block);
      cursor = found + 1;
    }
  }

  const tables = new Map<number, TableSpan>();
  for (let line = 0; line < elements.length; line++) {
    const table = elements[line]?.closest('table');
    if (!table) continue;
    let last = line;
    while (last + 1 < elements.length && elements[last + 1]?.closest('table') === table) last += 1;
    tables.set(line, tableSpan(table, line, last, elements));
    line = last;
  }

  const imagesBefore = new Map<number, ImageRef[]>();
  for (const image of root.querySelectorAll('img')) {
    const src = image.getAttribute('src') ?? '';
    if (!/^https?:\/\//i.test(src)) continue;
    let line = elements.findIndex(
      (element) => element !== null && Boolean(image.compareDocumentPosition(element) & 4 /* FOLLOWING */),
    );
    if (line < 0) line = elements.length;
    // An image inside a table's lines goes before the table.
    for (const span of tables.values()) if (line > span.firstLine && line <= span.lastLine) line = span.firstLine;
    const list = imagesBefore.get(line) ?? [];
    list.push({ src, alt: normalizeSpace(image.getAttribute('alt') ?? '') });
    imagesBefore.set(line, list);
  }
  return { tables, imagesBefore };
}

function tableSpan(
  table: Element,
  firstLine: number,
  lastLine: number,
  elements: readonly (Element | null)[],
): TableSpan {
  const rows: number[][][] = [];
  let simple = !table.querySelector('table');
  for (const row of table.querySelectorAll('tr')) {
    if (row.closest('table') !== table) continue;
    const cells = [...row.children].filter((cell) => cell.tagName === 'TD' || cell.tagName === 'TH');
    if (
      cells.some(
        (cell) => Number(cell.getAttribute('colspan') ?? 1) > 1 || Number(cell.getAttribute('rowspan') ?? 1) > 1,
      )
    )
      simple = false;
    const lines = cells.map((cell) => {
      const inCell: number[] = [];
      for (let line = firstLine; line <= lastLine; line++)
        if (elements[line] && cell.contains(elements[line]!)) inCell.push(line);
      return inCell;
    });
    if (lines.some((inCell) => inCell.length > 1)) simple = false;
    rows.push(lines);
  }
  const placed = rows.flat(2).length;
  if (placed !== lastLine - firstLine + 1 || rows.length === 0) simple = false;
  const width = Math.max(0, ...rows.map((row) => row.length));
  if (rows.some((row) => row.length !== width)) simple = false;
  return { table, firstLine, lastLine, rows, simple };
}

/**
 * A table as GFM where every cell is one line and no cell spans others; otherwise as HTML, whose cells hold
 * escaped text and `<mark>` only, with the notes' references after it (Markdown is not read inside HTML).
 */
function tableOf(
  span: TableSpan,
  blocks: readonly MarkedBlock[],
  write: (segments: readonly MarkedSegment[]) => string,
  notes: ReadonlyMap<string, number>,
): string {
  const linesOfCell = (cell: number[]) => cell.map((line) => blocks[line]!);
  if (span.simple) {
    const row = (cells: number[][]) =>
      `| ${cells
        .map((cell) =>
          linesOfCell(cell)
            .map((block) => write(block.segments))
            .join(' '),
        )
        .join(' | ')} |`;
    const [head, ...body] = span.rows;
    return [row(head!), `|${head!.map(() => ' --- ').join('|')}|`, ...body.map(row)].join('\n');
  }
  const closing: AnnotationRecord[] = [];
  const cellHtml = (cell: number[]) =>
    linesOfCell(cell)
      .map((block) =>
        block.segments
          .map((segment) => {
            closing.push(...segment.closes);
            return segment.color === null
              ? escapeHtml(segment.text)
              : `${markTag(segment.color)}${escapeHtml(segment.text)}</mark>`;
          })
          .join(''),
      )
      .join('<br>');
  const rows = span.rows.map((cells) => `<tr>${cells.map((cell) => `<td>${cellHtml(cell)}</td>`).join('')}</tr>`);
  // A line the table's rows did not hold (a caption) follows as text.
  const loose = [];
  for (let line = span.firstLine; line <= span.lastLine; line++)
    if (!span.rows.flat(2).includes(line)) loose.push(write(blocks[line]!.segments));
  const after = refs(closing, notes);
  return [
    `<table>${rows.join('')}</table>`,
    ...(loose.length || after ? ['', [...loose, after].filter(Boolean).join(' ')] : []),
  ].join('\n');
}

/** An image as a link to where it is: a vault fetches nothing the reader did not ask for. */
function imageLink(image: ImageRef, labels: ExportLabels): string {
  const target = image.src.replace(/[\s<>]/g, encodeURIComponent);
  return `[${labels.image}${image.alt ? `：${escapeMarkdown(image.alt)}` : ''}](<${target}>)`;
}
