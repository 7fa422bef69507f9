import { exportCsv } from './csv-export';
import type { ExportBundle } from './export-bundle';
import type { ExportLabels } from './export-labels';
import { exportMarkdown } from './markdown-export';
import { exportW3cJson } from './w3c-export';

export type ExportFormat = 'docx' | 'markdown' | 'json' | 'csv';

export interface ExportFile {
  name: string;
  type: string;
  data: string | Uint8Array;
}

const EXTENSIONS: Record<ExportFormat, [extension: string, type: string]> = {
  docx: ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  markdown: ['md', 'text/markdown;charset=utf-8'],
  json: ['json', 'application/ld+json;charset=utf-8'],
  csv: ['csv', 'text/csv;charset=utf-8'],
};

/**
 * A file name from the article's title: no characters Windows or macOS refuse, no controls and
 * no invisible format characters (a right-to-left override would show `…gpj.exe` as `…exe.jpg`),
 * not too long.
 */
export function fileNameFor(bundle: ExportBundle, format: ExportFormat, base?: string): string {
  const date = bundle.generatedAt.slice(0, 10);
  const title = bundle.articles.length === 1 ? bundle.articles[0]!.article.title : '';
  const stem = (base ?? title)
    .replace(/[\u0000-\u001f\u007f-\u009f\\/:*?"<>|\p{Cf}\p{Zl}\p{Zp}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 60);
  return `${stem || 'pizhu-notes'}-${date}.${EXTENSIONS[format][0]}`;
}

/**
 * The bundle in one format, ready to download. Word's writer is loaded here, on first use, so
 * the pages that never export do not carry it.
 */
export async function buildExportFile(
  bundle: ExportBundle,
  format: ExportFormat,
  options: { labels: ExportLabels; collectionId: string; base?: string },
): Promise<ExportFile> {
  const name = fileNameFor(bundle, format, options.base);
  const type = EXTENSIONS[format][1];
  switch (format) {
    case 'markdown':
      return { name, type, data: exportMarkdown(bundle, options.labels) };
    case 'csv':
      return { name, type, data: exportCsv(bundle) };
    case 'json':
      return { name, type, data: JSON.stringify(exportW3cJson(bundle, options.collectionId, name), null, 2) };
    case 'docx': {
      const { exportDocx } = await import('./docx-export');
      return { name, type, data: await exportDocx(bundle, options.labels) };
    }
  }
}
