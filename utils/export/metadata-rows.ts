import type { StoredArticle } from '../model/article';
import type { ExportLabels } from './export-labels';
import { localDateTime, utcOffset } from './local-time';

/** An article's metadata block in a document export: 来源, 发布时间, 作者, 责编, 链接, 剪藏时间 — only those it has. */
export function metadataRows(
  article: StoredArticle,
  labels: ExportLabels,
  /** The zone the clip time is shown in; null leaves it out (a hand-in has no use for it). */
  clipTimeZone: string | null,
): [label: string, value: string][] {
  const rows: [string, string | null][] = [
    [labels.source, article.source],
    [labels.published, article.publishedText ?? article.publishedAt],
    [labels.author, article.author],
    [labels.editor, article.editor],
    [labels.link, article.url],
    [labels.clipped, clipTimeZone && article.clippedAt && formatTime(article.clippedAt, clipTimeZone)],
  ];
  return rows.filter((row): row is [string, string] => Boolean(row[1]?.trim()));
}

/** `2024-03-05T01:09:10.000Z` → `2024-03-05 09:09 (UTC+08:00)`: the reader's own clock, saying which it is. */
export function formatTime(iso: string, timeZone: string): string {
  return `${localDateTime(iso, timeZone, false)} (${utcOffset(iso, timeZone)})`;
}
