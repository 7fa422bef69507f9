import { HIGHLIGHT_COLORS, type HighlightColor } from '../highlight/colors';
import type { AnnotationRecord } from '../model/annotation';
import {
  annotatedArticles,
  repliesByAnnotation,
  replyLine,
  type ExportBundle,
  type ExportedArticle,
} from './export-bundle';
import type { ReplyRecord } from '../model/reply';
import type { ExportLabels } from './export-labels';
import { authorOf, studyLine, type ExportSettings } from './export-settings';
import { localDateTime } from './local-time';
import { markArticle, type MarkedBlock } from './marked-article';
import { metadataRows } from './metadata-rows';
import { escapeHtml } from '../text/escape-html';
import { gbtReference } from '../annotate/citation';
import { groupSummaryCells, summarizeGroup } from './group-summary';

/** A string from a page, a member or the reader, escaped and isolated from Pizhu's words beside it. */
const isolated = (text: string) => `<bdi>${escapeHtml(text)}</bdi>`;

/** No script, no network: the page can only style itself and show images it carries. */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const colorRules = (Object.entries(HIGHLIGHT_COLORS) as [HighlightColor, string][])
  .map(([color, value]) => `.c-${color}{background:${value}}`)
  .join('');

/** Notes beside their paragraph on a wide screen and on A4, below it on a phone. */
const STYLE = `
:root{color-scheme:light;font-family:"Songti SC","SimSun","Noto Serif CJK SC",serif;line-height:1.8;color:#1f2328;background:#fff}
body{margin:0 auto;max-width:64rem;padding:1.5rem 1rem;font-size:17px}
header.study{color:#59636e;font-size:14px;text-align:center;border-bottom:1px solid #d1d9e0;padding-bottom:.5rem}
h1,h2,h3,h4,h5,h6{font-family:"Heiti SC","SimHei","Noto Sans CJK SC",sans-serif;line-height:1.4}
h1{text-align:center;font-size:1.6rem}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.1rem .8rem;color:#59636e;font-size:15px}
dl.meta dd{margin:0;overflow-wrap:anywhere}
.block{display:grid;grid-template-columns:minmax(0,1fr);gap:.25rem 2rem}
.block p{margin:.4rem 0;text-indent:2em}
mark{color:inherit;padding:0 1px}
${colorRules}
sup.ref{font-size:.7em;color:#b42318;font-family:sans-serif}
aside{font-size:14px;line-height:1.6}
.note{border-left:3px solid #d1d9e0;padding:.2rem .6rem;margin:.3rem 0 .6rem;background:#f6f8fa}
.note .who{color:#59636e}
.note p{margin:.2rem 0;white-space:pre-wrap;text-indent:0}
.tags{color:#59636e}
table.group-summary{border-collapse:collapse;width:100%;font-size:14px;line-height:1.6;margin:1rem 0}
table.group-summary caption{font-family:"Heiti SC","SimHei","Noto Sans CJK SC",sans-serif;font-weight:bold;text-align:start}
table.group-summary th,table.group-summary td{border:1px solid #d1d9e0;padding:.3rem .5rem;text-align:start;vertical-align:top}
@media (min-width:56rem){.block{grid-template-columns:minmax(0,1fr) 17rem}aside .note{margin-top:.4rem}}
@page{size:A4;margin:18mm 16mm}
@media print{body{max-width:none;padding:0;font-size:11pt}.block{grid-template-columns:minmax(0,1fr) 52mm;gap:0 6mm}.note{break-inside:avoid}}
`;

/** Each note's number in the page, in the order their passages end. */
type NoteNumbers = Map<string, number>;

function noteHtml(
  annotation: AnnotationRecord,
  replies: readonly ReplyRecord[],
  index: number,
  labels: ExportLabels,
  settings: ExportSettings,
): string {
  const author = authorOf(annotation, settings);
  const who = [
    author && isolated(author),
    escapeHtml(labels.colors[annotation.color]),
    escapeHtml(localDateTime(annotation.updatedAt, settings.timeZone, false)),
  ].filter(Boolean);
  const parts = [`<div class="note" id="note-${index}"><div class="who"><b>${index}</b> ${who.join(' · ')}</div>`];
  if (annotation.note.trim()) parts.push(`<p>${isolated(annotation.note)}</p>`);
  if (annotation.tags.length > 0)
    parts.push(
      `<p class="tags">${escapeHtml(labels.tags)}：${annotation.tags.map((tag) => `#${isolated(tag)}`).join(' ')}</p>`,
    );
  for (const reply of replies)
    parts.push(`<p class="reply">${replyLine(reply, escapeHtml(labels.reply), isolated)}</p>`);
  return `${parts.join('')}</div>`;
}

function blockHtml(
  block: MarkedBlock,
  numbers: NoteNumbers,
  threads: ReadonlyMap<string, ReplyRecord[]>,
  labels: ExportLabels,
  settings: ExportSettings,
): string {
  const notes: string[] = [];
  const inner = block.segments
    .map((segment) => {
      let html = isolated(segment.text);
      if (segment.color) html = `<mark class="c-${segment.color}">${html}</mark>`;
      for (const annotation of segment.closes) {
        const index = numbers.size + 1;
        numbers.set(annotation.id, index);
        html += `<sup class="ref"><a href="#note-${index}">${index}</a></sup>`;
        notes.push(noteHtml(annotation, threads.get(annotation.id) ?? [], index, labels, settings));
      }
      return html;
    })
    .join('');
  const text =
    block.headingLevel === null
      ? `<p>${inner}</p>`
      : `<h${Math.min(block.headingLevel + 1, 6)}>${inner}</h${Math.min(block.headingLevel + 1, 6)}>`;
  return `<section class="block"><div>${text}</div><aside>${notes.join('')}</aside></section>`;
}

/** The 小组汇总 table at the head of an article several members annotated. */
function summaryHtml(summary: NonNullable<ReturnType<typeof groupSummaryCells>>, labels: ExportLabels): string {
  const { group } = labels;
  const head = [group.members, group.notes, group.replies, group.passages].map(
    (label) => `<th>${escapeHtml(label)}</th>`,
  );
  const members = summary.members.map(({ name, tally }) => `${isolated(name)}：${escapeHtml(tally)}`).join('<br>');
  const passages = summary.passages.map(({ count, text }) => `${escapeHtml(count)}：${isolated(text)}`).join('<br>');
  const cells = [members, escapeHtml(summary.notes), escapeHtml(summary.replies), passages].map(
    (cell) => `<td>${cell}</td>`,
  );
  return `<table class="group-summary"><caption>${escapeHtml(group.title)}</caption><thead><tr>${head.join('')}</tr></thead><tbody><tr>${cells.join('')}</tr></tbody></table>`;
}

function articleHtml(entry: ExportedArticle, labels: ExportLabels, settings: ExportSettings, citedOn: string): string {
  const { article, annotations } = entry;
  const threads = repliesByAnnotation(entry);
  const marked = markArticle(article, annotations);
  const numbers: NoteNumbers = new Map();
  const meta = [...metadataRows(article, labels, null), [labels.reference, gbtReference(article, citedOn)] as const]
    .map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${isolated(value)}</dd>`)
    .join('');
  const parts = [`<article><h1>${escapeHtml(article.title || labels.untitled)}</h1><dl class="meta">${meta}</dl>`];
  const summary = groupSummaryCells(
    summarizeGroup(article, annotations, entry.replies ?? [], settings.fallbackAuthor),
    labels,
  );
  if (summary) parts.push(summaryHtml(summary, labels));
  for (const block of marked.blocks) parts.push(blockHtml(block, numbers, threads, labels, settings));
  if (marked.unplaced.length > 0) {
    parts.push(`<h2>${escapeHtml(labels.unplaced)}</h2>`);
    for (const annotation of marked.unplaced) {
      const index = numbers.size + 1;
      numbers.set(annotation.id, index);
      parts.push(
        `<section class="block"><div><p><mark class="c-${annotation.color}">${isolated(annotation.quote.exact)}</mark><sup class="ref">${index}</sup></p></div><aside>${noteHtml(annotation, threads.get(annotation.id) ?? [], index, labels, settings)}</aside></section>`,
      );
    }
  }
  parts.push('</article>');
  return parts.join('\n');
}

/**
 * The 批注版 page: one HTML file with the article, its highlights and the notes beside them, that
 * opens in any browser or a phone's chat app with no extension, no network and no script — a
 * Content-Security-Policy that forbids scripts, all CSS inline, and every text from the page or a
 * note escaped (nothing of the page's markup is carried). For one article or a group's merged notes.
 */
export function exportAnnotatedHtml(bundle: ExportBundle, labels: ExportLabels, settings: ExportSettings): string {
  const articles = annotatedArticles(bundle);
  const title = articles.length === 1 ? articles[0]!.article.title : labels.kinds.annotatedPage;
  // The labels are Pizhu's own words; only the reader's values need escaping.
  const study = studyLine(labels, settings.study, isolated);
  const citedOn = localDateTime(bundle.generatedAt, settings.timeZone).slice(0, 10);
  return `<!DOCTYPE html>
<html lang="${labels.lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Pizhu">
<title>${escapeHtml(title || labels.untitled)}</title>
<style>${STYLE}</style>
</head>
<body>
${study ? `<header class="study">${study}</header>\n` : ''}${articles.map((entry) => articleHtml(entry, labels, settings, citedOn)).join('\n')}
</body>
</html>
`;
}
