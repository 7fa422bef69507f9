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
import { blockquote, inline, textLines, yamlString } from './markdown-text';

function annotationBlock(
  annotation: AnnotationRecord,
  replies: readonly ReplyRecord[],
  labels: ExportLabels,
  settings: ExportSettings,
): string {
  const lines = [blockquote(annotation.quote.exact), ''];
  if (annotation.note.trim()) lines.push(`${labels.note}：${textLines(annotation.note)}`, '');
  for (const reply of replies) lines.push(`${inline(replyHeading(reply, labels.reply))}：${textLines(reply.text)}`, '');
  const about = [labels.colors[annotation.color]];
  if (annotation.tags.length > 0)
    about.push(`${labels.tags}：${annotation.tags.map((tag) => `#${inline(tag)}`).join(' ')}`);
  const author = authorOf(annotation, settings);
  if (author) about.push(`${labels.annotator}：${inline(author)}`);
  lines.push(`*${about.join(' · ')}*`, '');
  return lines.join('\n');
}

/** One article: title, count, metadata, then its highlights under the outline headings. */
function articleSection(entry: ExportedArticle, labels: ExportLabels, settings: ExportSettings, level: number): string {
  const { article, annotations } = entry;
  const threads = repliesByAnnotation(entry);
  const hashes = (depth: number) => '#'.repeat(Math.min(6, level + depth));
  const out = [
    `${hashes(0)} ${inline(article.title || labels.untitled)}`,
    '',
    `*${labels.annotations(annotations.length)}*`,
    '',
  ];
  for (const [label, value] of metadataRows(article, labels, settings.timeZone)) {
    out.push(`- ${label}：${label === labels.link ? `<${encodeURI(value)}>` : inline(value)}`);
  }
  out.push('');
  for (const section of sectionsInReadingOrder(article, annotations)) {
    for (const { heading, depth } of section.opens) out.push(`${hashes(depth + 1)} ${inline(heading.text)}`, '');
    for (const annotation of section.annotations)
      out.push(annotationBlock(annotation, threads.get(annotation.id) ?? [], labels, settings));
  }
  return out.join('\n');
}

/**
 * Markdown of the bundle: for one article, YAML front matter and the article; for several, a
 * heading with the counts and each article one level down.
 */
export function exportMarkdown(
  bundle: ExportBundle,
  labels: ExportLabels,
  settings: ExportSettings = exportSettings(),
): string {
  const articles = annotatedArticles(bundle);
  if (articles.length === 1) {
    const { article } = articles[0]!;
    const front = [
      '---',
      `title: ${yamlString(article.title)}`,
      ...(article.source ? [`source: ${yamlString(article.source)}`] : []),
      ...(article.publishedAt ? [`published: ${yamlString(article.publishedAt)}`] : []),
      `url: ${yamlString(article.url)}`,
      `exported: ${yamlString(bundle.generatedAt)}`,
      '---',
      '',
    ];
    return `${front.join('\n')}${articleSection(articles[0]!, labels, settings, 1)}`;
  }
  const head = [
    `# ${labels.note} · ${labels.articles(articles.length)} · ${labels.annotations(countAnnotations(articles))}`,
    '',
    `*${labels.exportedAt}：${formatTime(bundle.generatedAt, settings.timeZone)}*`,
    '',
  ];
  return [head.join('\n'), ...articles.map((entry) => articleSection(entry, labels, settings, 2))].join('\n');
}
