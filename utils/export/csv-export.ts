import { annotatedArticles, type ExportBundle } from './export-bundle';
import { sectionsInReadingOrder } from './reading-order';

export const CSV_COLUMNS = [
  'Highlight',
  'Note',
  'Tags',
  'Color',
  'Title',
  'URL',
  'Published',
  'Source',
  'Annotator',
  'Created',
] as const;

/**
 * A cell, always quoted: a spreadsheet set to split on `;` or a tab (as Excel is in many locales)
 * still reads it as one cell. A cell it would read as a formula (=, +, -, @ first) gets a leading
 * apostrophe: a page or a note must not become a formula in Excel or WPS.
 */
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

/**
 * One highlight per row, articles one after another and each in reading order. UTF-8 with a byte
 * order mark and CRLF line ends, which is what makes Excel and WPS show Chinese.
 */
export function exportCsv(bundle: ExportBundle): string {
  const rows: string[][] = [[...CSV_COLUMNS]];
  for (const { article, annotations } of annotatedArticles(bundle)) {
    for (const section of sectionsInReadingOrder(article, annotations)) {
      for (const annotation of section.annotations) {
        rows.push([
          annotation.quote.exact,
          annotation.note,
          annotation.tags.join('; '),
          annotation.color,
          article.title,
          article.url,
          article.publishedText ?? article.publishedAt ?? '',
          article.source ?? '',
          annotation.author,
          annotation.createdAt,
        ]);
      }
    }
  }
  return `\ufeff${rows.map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}
