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

/**
 * Page text and notes are text: escaping the characters Markdown gives meaning to keeps a note
 * like `<script>`, `**` or `&lt;` from turning into markup in whatever renders the file.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>#|~&!]/g, '\\$&');
}

/** The lines of a text: a lone CR ends a line too, as it does for Markdown renderers. */
function linesOf(text: string): string[] {
  return text.split(/\r\n?|\n/);
}

/** A character as a numeric character reference: text to a Markdown parser, never layout. */
const reference = (char: string) => `&#${char.codePointAt(0)};`;

/**
 * Text escaped, with the whitespace at its ends written as references: a parser strips spaces
 * and tabs at a line's ends and reads four leading ones as a code block, and a trailing space
 * would keep a closing `*` from ending the emphasis it sits in.
 */
function escapeText(text: string): string {
  return escapeMarkdown(text).replace(/^\s+|\s+$/g, (run) => [...run].map(reference).join(''));
}

/**
 * One line of a multi-line text, escaped, including what only means something at a line's start:
 * `- ` or `+ ` (a list), `1. ` (a numbered list) and `===`/`---` (the line above becomes a heading).
 */
function escapeLine(line: string): string {
  return escapeText(line)
    .replace(/^([-+=])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

/**
 * The lines of a multi-line text joined by hard breaks (`\` at a line's end), so that no line is
 * blank: a blank line would end the block and let the next line start a code block or a list.
 * Trailing empty lines go, as a hard break cannot end a block.
 */
function textLines(text: string): string {
  const lines = linesOf(text);
  while (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines.map(escapeLine).join('\\\n');
}

/** A field shown on one line (a title, a tag, a name): a line break in it becomes a space. */
function inline(text: string): string {
  return escapeText(linesOf(text).join(' '));
}

/** Each line behind `> `, so a multi-line quote or note stays one block. */
function blockquote(text: string): string {
  return textLines(text)
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
}

/**
 * A YAML string that is inert in Markdown too: a renderer that does not know front matter reads it
 * as a heading, so what Markdown gives meaning to is written as a `\u` escape, which YAML reads back.
 */
function yamlString(text: string): string {
  return JSON.stringify(text).replace(
    /[`*_[\]<>#|~&!]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

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
