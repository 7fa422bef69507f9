import { annotatedArticles, repliesByAnnotation, type ExportBundle } from './export-bundle';
import type { ExportLabels } from './export-labels';
import { authorOf, type ExportSettings } from './export-settings';
import { localDateTime, utcOffset } from './local-time';
import { sectionsInReadingOrder } from './reading-order';

/**
 * Where a spreadsheet may start a cell inside this one: at its start, and after a `,`, `;`, tab or
 * line break — Excel in most European locales splits on `;`, and one set to another separator than
 * the file's reads quotes loosely — past any quotes or spaces.
 */
const CELL_START = /(?<=(?:^|[,;\t\r\n])[" ]*)(?=[=+\-@\t\r])/g;

/**
 * A cell, always quoted. Wherever a spreadsheet could see a cell begin with what it would read as a
 * formula (=, +, -, @, or a tab or CR before one), an apostrophe comes first: a page or a note must
 * not become a formula in Excel, WPS or LibreOffice, whichever separator they split on.
 */
function cell(value: string): string {
  return `"${value.replace(CELL_START, "'").replace(/"/g, '""')}"`;
}

/**
 * One highlight per row, headed in the export's language, articles one after another and each in
 * reading order. UTF-8 with a byte order mark and CRLF line ends, which is what makes Excel and WPS
 * show Chinese.
 */
export function exportCsv(bundle: ExportBundle, labels: ExportLabels, settings: ExportSettings): string {
  // Times are cells a spreadsheet reads as dates; the zone they are in is said once, in the header.
  const zone = utcOffset(bundle.generatedAt, settings.timeZone);
  const rows: string[][] = [
    [
      labels.quote,
      labels.note,
      labels.tags,
      labels.color,
      labels.title,
      labels.link,
      labels.published,
      labels.source,
      labels.annotator,
      `${labels.created} (${zone})`,
      `${labels.updated} (${zone})`,
      labels.reply,
    ],
  ];
  for (const entry of annotatedArticles(bundle)) {
    const { article, annotations } = entry;
    const threads = repliesByAnnotation(entry);
    for (const section of sectionsInReadingOrder(article, annotations)) {
      for (const annotation of section.annotations) {
        rows.push([
          annotation.quote.exact,
          annotation.note,
          annotation.tags.join('; '),
          labels.colors[annotation.color],
          article.title,
          article.url,
          article.publishedText ?? article.publishedAt ?? '',
          article.source ?? '',
          authorOf(annotation, settings),
          localDateTime(annotation.createdAt, settings.timeZone),
          localDateTime(annotation.updatedAt, settings.timeZone),
          (threads.get(annotation.id) ?? []).map((reply) => `${reply.author || '—'}：${reply.text}`).join('\n'),
        ]);
      }
    }
  }
  return `\ufeff${rows.map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}
