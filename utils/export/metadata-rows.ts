import type { StoredArticle } from '../model/article';
import type { ExportLabels } from './export-labels';

/** An article's metadata block in a document export: 来源, 发布时间, 作者, 责编, 链接, 剪藏时间 — only those it has. */
export function metadataRows(article: StoredArticle, labels: ExportLabels): [label: string, value: string][] {
  const rows: [string, string | null][] = [
    [labels.source, article.source],
    [labels.published, article.publishedText ?? article.publishedAt],
    [labels.author, article.author],
    [labels.editor, article.editor],
    [labels.link, article.url],
    [labels.clipped, article.clippedAt && formatTime(article.clippedAt)],
  ];
  return rows.filter((row): row is [string, string] => Boolean(row[1]?.trim()));
}

/** `2024-03-05T08:09:10.000Z` → `2024-03-05 08:09` (UTC, so every member's export reads the same). */
export function formatTime(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ');
}
