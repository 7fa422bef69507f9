import {
  AlignmentType,
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  Document,
  Footer,
  Header,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TextRun,
  type ICommentOptions,
  type ParagraphChild,
} from 'docx';
import { HIGHLIGHT_COLORS } from '../highlight/colors';
import type { AnnotationRecord } from '../model/annotation';
import { FANGSONG, heading, HEI, headingStyles, lines, ruledTable, SONG } from './docx-parts';
import { groupSummaryCells, summarizeGroup } from './group-summary';
import { annotatedArticles, repliesByAnnotation, type ExportBundle, type ExportedArticle } from './export-bundle';
import type { ReplyRecord } from '../model/reply';
import type { ExportLabels } from './export-labels';
import { authorOf, studyLine, type ExportSettings } from './export-settings';
import { markArticle, type MarkedSegment } from './marked-article';
import { metadataRows } from './metadata-rows';
import { gbtReference } from '../annotate/citation';
import { localDateTime } from './local-time';
import { balanceBidi, isolateBidi } from '../text/bidi-isolate';
import { xmlSafeArticles, xmlSafeDeep } from './xml-safe';

/** A4 in twentieths of a point, with 2.54 cm margins. */
const A4 = { width: 11_906, height: 16_838 };
const MARGIN = 1_440;

/** Word shows a comment's initials in its margin: the last two characters of a Chinese name (the given name), the first letters of a Latin one's words. */
export function initialsOf(name: string): string {
  const trimmed = name.trim();
  if (/^[\p{Script=Han}·]+$/u.test(trimmed)) return [...trimmed].slice(-2).join('');
  const words = trimmed.split(/\s+/).filter(Boolean);
  return (
    words
      .map((word) => [...word][0]!.toUpperCase())
      .join('')
      .slice(0, 4) || '?'
  );
}

/** Comments numbered in document order; each highlight with a note or tags has one. */
class CommentBook {
  readonly comments: ICommentOptions[] = [];
  private readonly ids = new Map<string, number[]>();

  constructor(
    private readonly labels: ExportLabels,
    private readonly settings: ExportSettings,
    private readonly threads: ReadonlyMap<string, readonly ReplyRecord[]>,
  ) {}

  /**
   * The comment ids a highlight's range carries: its note's, then one per reply. Replies are
   * comments with a parent (Word's threads; others show them as comments on the same passage).
   */
  idsOf(annotation: AnnotationRecord): number[] {
    const replies = this.threads.get(annotation.id) ?? [];
    if (!annotation.note.trim() && annotation.tags.length === 0 && replies.length === 0) return [];
    const known = this.ids.get(annotation.id);
    if (known !== undefined) return known;
    const id = this.comments.length;
    const author = authorOf(annotation, this.settings) || this.labels.annotator;
    const children = [];
    if (annotation.note.trim()) children.push(new Paragraph({ children: lines(annotation.note, {}, isolateBidi) }));
    if (annotation.tags.length > 0)
      children.push(
        new Paragraph({
          children: [
            new TextRun(`${this.labels.tags}：${annotation.tags.map((tag) => `#${isolateBidi(tag)}`).join(' ')}`),
          ],
        }),
      );
    this.comments.push({
      id,
      author: balanceBidi(author),
      initials: initialsOf(author),
      date: new Date(annotation.updatedAt),
      children,
    });
    const ids = [id];
    for (const reply of replies) {
      const replyId = this.comments.length;
      const replyAuthor = reply.author || this.labels.annotator;
      this.comments.push({
        id: replyId,
        parentId: id,
        author: balanceBidi(replyAuthor),
        initials: initialsOf(replyAuthor),
        date: new Date(reply.createdAt),
        children: [new Paragraph({ children: lines(reply.text, {}, isolateBidi) })],
      });
      ids.push(replyId);
    }
    this.ids.set(annotation.id, ids);
    return ids;
  }
}

/** A segment's runs: its text shaded in its highlight's colour, inside the comment ranges that open and close on it. */
function segmentChildren(segment: MarkedSegment, book: CommentBook): ParagraphChild[] {
  const children: ParagraphChild[] = [];
  for (const annotation of segment.opens) {
    for (const id of book.idsOf(annotation)) children.push(new CommentRangeStart(id));
  }
  const fill = segment.color && HIGHLIGHT_COLORS[segment.color].slice(1).toUpperCase();
  children.push(
    new TextRun({ text: segment.text, shading: fill ? { type: ShadingType.CLEAR, color: 'auto', fill } : undefined }),
  );
  for (const annotation of segment.closes) {
    for (const id of book.idsOf(annotation))
      children.push(new CommentRangeEnd(id), new TextRun({ children: [new CommentReference(id)] }));
  }
  return children;
}

/** The 小组汇总 table: 成员, 批注, 回复, 最多人划线的段落, one line per member and per passage. */
function summaryTable(summary: NonNullable<ReturnType<typeof groupSummaryCells>>, labels: ExportLabels): Table {
  const { group } = labels;
  const widths = [30, 10, 10, 50];
  const head = [group.members, group.notes, group.replies, group.passages].map((label, index) => ({
    width: widths[index]!,
    paragraphs: [[new TextRun({ text: label, font: HEI })]],
  }));
  const cells = [
    summary.members.map(({ name, tally }) => [new TextRun(`${isolateBidi(name)}：${tally}`)]),
    [[new TextRun(summary.notes)]],
    [[new TextRun(summary.replies)]],
    summary.passages.map(({ count, text }) => [new TextRun({ text: `${count}：`, font: HEI }), new TextRun(text)]),
  ].map((paragraphs, index) => ({ width: widths[index]!, paragraphs: paragraphs.length > 0 ? paragraphs : [[]] }));
  return ruledTable([head, cells]);
}

function articleParagraphs(
  { article, annotations, replies }: ExportedArticle,
  labels: ExportLabels,
  book: CommentBook,
  settings: ExportSettings,
  citedOn: string,
): (Paragraph | Table)[] {
  const marked = markArticle(article, annotations);
  const paragraphs: (Paragraph | Table)[] = [
    new Paragraph({
      heading: HeadingLevel.HEADING_1,
      alignment: AlignmentType.CENTER,
      children: lines(article.title || labels.untitled),
    }),
  ];
  const reference = [labels.reference, gbtReference(article, citedOn)] as const;
  for (const [label, value] of [...metadataRows(article, labels, null), reference]) {
    paragraphs.push(
      new Paragraph({
        style: 'PizhuMetadata',
        children: [new TextRun({ text: `${label}：`, font: HEI }), new TextRun(isolateBidi(value))],
      }),
    );
  }
  const summary = groupSummaryCells(
    summarizeGroup(article, annotations, replies ?? [], settings.fallbackAuthor),
    labels,
  );
  if (summary) {
    paragraphs.push(
      new Paragraph({
        style: 'PizhuMetadata',
        children: [new TextRun({ text: labels.group.title, font: HEI, bold: true })],
      }),
      summaryTable(summary, labels),
    );
  }
  for (const block of marked.blocks) {
    const children = block.segments.flatMap((segment) => segmentChildren(segment, book));
    // Article headings sit under the title (Heading 1): 一、 is Heading 2, （一） Heading 3.
    paragraphs.push(
      block.headingLevel === null
        ? new Paragraph({ style: 'PizhuBody', children })
        : heading('', block.headingLevel, children),
    );
  }
  if (marked.unplaced.length > 0) {
    paragraphs.push(heading(labels.unplaced, 1));
    for (const annotation of marked.unplaced) {
      const segment: MarkedSegment = {
        text: annotation.quote.exact,
        color: annotation.color,
        opens: [annotation],
        closes: [annotation],
      };
      paragraphs.push(new Paragraph({ style: 'PizhuBody', children: segmentChildren(segment, book) }));
    }
  }
  return paragraphs;
}

/**
 * The 批注稿: each article's whole clipped text in Word, A4, its 一、/（一） headings as Word
 * headings (the navigation pane shows the outline), every highlight shading its passage in its
 * colour and every note a real Word comment (批注) on that passage, under its member's name — so
 * Word's and WPS's "show comments by reviewer" sorts a merged group file by member. The header
 * names the study group, member and date; the footer counts pages. Import only when exporting.
 */
export async function exportAnnotatedDocx(
  bundle: ExportBundle,
  labels: ExportLabels,
  settings: ExportSettings,
): Promise<Uint8Array> {
  const articles = xmlSafeArticles(annotatedArticles(bundle));
  const threads = new Map(articles.flatMap((entry) => [...repliesByAnnotation(entry)]));
  const book = new CommentBook(labels, settings, threads);
  const citedOn = localDateTime(bundle.generatedAt, settings.timeZone).slice(0, 10);
  const children = articles.flatMap((entry) => articleParagraphs(entry, labels, book, settings, citedOn));
  const study = studyLine(labels, xmlSafeDeep(settings.study), isolateBidi);
  const [before, between, after] = labels.pageOf;
  const body = settings.face === 'fangsong' ? FANGSONG : SONG;
  const document = new Document({
    creator: 'Pizhu',
    title: articles.length === 1 ? articles[0]!.article.title : labels.kinds.annotatedCopy,
    comments: { children: book.comments },
    styles: {
      default: {
        document: { run: { font: body, size: 24 }, paragraph: { spacing: { after: 120, line: 400 } } },
        ...headingStyles(),
      },
      paragraphStyles: [
        { id: 'PizhuBody', name: 'Pizhu body', basedOn: 'Normal', paragraph: { indent: { firstLine: 480 } } },
        {
          id: 'PizhuMetadata',
          name: 'Pizhu metadata',
          basedOn: 'Normal',
          run: { size: 21, color: '555555' },
          paragraph: { spacing: { after: 0, line: 300 } },
        },
      ],
    },
    sections: [
      {
        properties: { page: { size: A4, margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN } } },
        headers: study
          ? {
              default: new Header({
                children: [
                  new Paragraph({
                    alignment: AlignmentType.CENTER,
                    children: [new TextRun({ text: study, size: 18 })],
                  }),
                ],
              }),
            }
          : undefined,
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    size: 18,
                    children: [before, PageNumber.CURRENT, between, PageNumber.TOTAL_PAGES, after],
                  }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return new Uint8Array(await Packer.toArrayBuffer(document));
}
