import { exportCsv } from './csv-export';
import type { ExportBundle } from './export-bundle';
import type { ExportLabels } from './export-labels';
import type { ExportSettings } from './export-settings';
import { safeNamePart } from './file-name-parts';
import { localDateStamp } from './local-time';
import { exportMarkdown } from './markdown-export';
import { exportW3cJson } from './w3c-export';

/**
 * 批注稿 (the whole article, notes as Word comments), 批注摘录 (the notes under the headings), 批注版网页, 全文
 * Markdown (the whole article for a notes vault), and the data files.
 */
export type ExportFormat =
  'annotated-docx' | 'docx' | 'annotated-html' | 'article-markdown' | 'markdown' | 'json' | 'csv';

export interface ExportFile {
  name: string;
  type: string;
  data: string | Uint8Array;
}

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const FILES: Record<ExportFormat, [kind: keyof ExportLabels['kinds'], extension: string, type: string]> = {
  'annotated-docx': ['annotatedCopy', 'docx', DOCX],
  docx: ['excerpts', 'docx', DOCX],
  'annotated-html': ['annotatedPage', 'html', 'text/html;charset=utf-8'],
  'article-markdown': ['fullText', 'md', 'text/markdown;charset=utf-8'],
  markdown: ['notes', 'md', 'text/markdown;charset=utf-8'],
  json: ['notes', 'json', 'application/ld+json;charset=utf-8'],
  csv: ['notes', 'csv', 'text/csv;charset=utf-8'],
};

/**
 * A file name as a study group names what it hands in: 《标题》-批注稿-20240305.docx, the title made safe
 * (`safeNamePart`); the date is the reader's.
 */
export function fileNameFor(
  bundle: ExportBundle,
  format: ExportFormat,
  options: { labels: ExportLabels; timeZone: string; base?: string },
): string {
  const [kind, oneExtension] = FILES[format];
  // 全文 Markdown is one note per article: several go in one zip.
  const extension = format === 'article-markdown' && bundle.articles.length > 1 ? 'zip' : oneExtension;
  const title = bundle.articles.length === 1 ? bundle.articles[0]!.article.title : '';
  const clean = safeNamePart(options.base ?? title);
  const stem = clean ? (options.base ? clean : `《${clean}》`) : 'Pizhu';
  return `${stem}-${options.labels.kinds[kind]}-${localDateStamp(bundle.generatedAt, options.timeZone)}.${extension}`;
}

/**
 * The bundle in one format, ready to download. Word's writer is loaded here, on first use, so
 * the pages that never export do not carry it.
 */
export async function buildExportFile(
  bundle: ExportBundle,
  format: ExportFormat,
  options: { labels: ExportLabels; settings: ExportSettings; collectionId: string; base?: string },
): Promise<ExportFile> {
  const { labels, settings } = options;
  const name = fileNameFor(bundle, format, { labels, timeZone: settings.timeZone, base: options.base });
  const type = FILES[format][2];
  switch (format) {
    case 'markdown':
      return { name, type, data: exportMarkdown(bundle, labels, settings) };
    case 'article-markdown': {
      const { articleMarkdownFile } = await import('./article-markdown-file');
      return articleMarkdownFile(bundle, name, { labels, settings, timeZone: settings.timeZone });
    }
    case 'csv':
      return { name, type, data: exportCsv(bundle, labels, settings) };
    case 'json':
      return { name, type, data: JSON.stringify(exportW3cJson(bundle, options.collectionId, name), null, 2) };
    case 'annotated-html': {
      const { exportAnnotatedHtml } = await import('./annotated-html');
      return { name, type, data: exportAnnotatedHtml(bundle, labels, settings) };
    }
    case 'docx': {
      const { exportDocx } = await import('./docx-export');
      return { name, type, data: await exportDocx(bundle, labels, settings) };
    }
    case 'annotated-docx': {
      const { exportAnnotatedDocx } = await import('./annotated-docx');
      return { name, type, data: await exportAnnotatedDocx(bundle, labels, settings) };
    }
  }
}
