import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TextRun,
  type ParagraphChild,
} from 'docx';
import { HIGHLIGHT_COLORS } from '../highlight/colors';
import type { AnnotationRecord } from '../model/annotation';
import {
  annotatedArticles,
  countAnnotations,
  repliesByAnnotation,
  replyHeading,
  type ExportBundle,
  type ExportedArticle,
} from './export-bundle';
import type { ReplyRecord } from '../model/reply';
import type { ExportLabels } from './export-labels';
import { authorOf, exportSettings, type ExportSettings } from './export-settings';
import { formatTime, metadataRows } from './metadata-rows';
import { sectionsInReadingOrder } from './reading-order';
import { xmlSafeArticles } from './xml-safe';
import { heading, HEI, headingStyles, lines, ruledTable, SONG } from './docx-parts';

function metadataTable(rows: [string, string][]): Table {
  return ruledTable(
    rows.map(([label, value]) => [
      { width: 20, paragraphs: [lines(label, { font: HEI })] },
      { width: 80, paragraphs: [lines(value)] },
    ]),
  );
}

function annotationParagraphs(
  annotation: AnnotationRecord,
  replies: readonly ReplyRecord[],
  labels: ExportLabels,
  settings: ExportSettings,
): Paragraph[] {
  const fill = HIGHLIGHT_COLORS[annotation.color].slice(1).toUpperCase();
  const paragraphs = [
    new Paragraph({
      indent: { left: 360 },
      spacing: { before: 160 },
      children: lines(annotation.quote.exact, { shading: { type: ShadingType.CLEAR, color: 'auto', fill } }),
    }),
  ];
  if (annotation.note.trim()) {
    paragraphs.push(
      new Paragraph({
        indent: { left: 360 },
        children: [new TextRun({ text: `${labels.note}：`, bold: true }), ...lines(annotation.note)],
      }),
    );
  }
  const about: ParagraphChild[] = [new TextRun({ text: labels.colors[annotation.color] })];
  if (annotation.tags.length > 0)
    about.push(new TextRun({ text: ` · ${labels.tags}：${annotation.tags.map((tag) => `#${tag}`).join(' ')}` }));
  const author = authorOf(annotation, settings);
  if (author) about.push(new TextRun({ text: ` · ${labels.annotator}：${author}` }));
  paragraphs.push(new Paragraph({ indent: { left: 360 }, children: about, style: 'PizhuAbout' }));
  for (const reply of replies) {
    paragraphs.push(
      new Paragraph({
        indent: { left: 720 },
        children: [new TextRun({ text: `${replyHeading(reply, labels.reply)}：`, bold: true }), ...lines(reply.text)],
      }),
    );
  }
  return paragraphs;
}

function articleBlocks(
  entry: ExportedArticle,
  labels: ExportLabels,
  settings: ExportSettings,
  depth: number,
): (Paragraph | Table)[] {
  const { article, annotations } = entry;
  const threads = repliesByAnnotation(entry);
  const blocks: (Paragraph | Table)[] = [
    heading(article.title || labels.untitled, depth),
    new Paragraph({ children: [new TextRun({ text: labels.annotations(annotations.length), italics: true })] }),
  ];
  const rows = metadataRows(article, labels, settings.timeZone);
  if (rows.length > 0) blocks.push(metadataTable(rows));
  for (const section of sectionsInReadingOrder(article, annotations)) {
    for (const opened of section.opens) blocks.push(heading(opened.heading.text, depth + 1 + opened.depth));
    for (const annotation of section.annotations)
      blocks.push(...annotationParagraphs(annotation, threads.get(annotation.id) ?? [], labels, settings));
  }
  return blocks;
}

/**
 * A Word document of the bundle, laid out like the Markdown export: title, count, a metadata
 * table, then the highlights in their colours under the outline headings, each with its note,
 * tags and annotator. This module pulls in the docx library; import it only when exporting.
 */
export async function exportDocx(
  bundle: ExportBundle,
  labels: ExportLabels,
  settings: ExportSettings = exportSettings(),
): Promise<Uint8Array> {
  // Everything that reaches the file, the document's properties included, is cleaned first.
  const articles = xmlSafeArticles(annotatedArticles(bundle));
  const children: (Paragraph | Table)[] = [];
  if (articles.length === 1) {
    children.push(...articleBlocks(articles[0]!, labels, settings, 0));
  } else {
    children.push(
      new Paragraph({
        heading: HeadingLevel.TITLE,
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun(
            `${labels.note} · ${labels.articles(articles.length)} · ${labels.annotations(countAnnotations(articles))}`,
          ),
        ],
      }),
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({
            text: `${labels.exportedAt}：${formatTime(bundle.generatedAt, settings.timeZone)}`,
            italics: true,
          }),
        ],
      }),
    );
    for (const entry of articles) children.push(...articleBlocks(entry, labels, settings, 0));
  }
  const document = new Document({
    creator: 'Pizhu',
    title: articles.length === 1 ? articles[0]!.article.title : labels.note,
    styles: {
      default: {
        document: { run: { font: SONG, size: 24 }, paragraph: { spacing: { after: 80, line: 360 } } },
        title: { run: { font: HEI, size: 36, bold: true } },
        ...headingStyles(),
      },
      paragraphStyles: [
        { id: 'PizhuAbout', name: 'Pizhu annotation details', basedOn: 'Normal', run: { size: 20, color: '666666' } },
      ],
    },
    sections: [{ children }],
  });
  return new Uint8Array(await Packer.toArrayBuffer(document));
}
