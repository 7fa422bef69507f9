import type { ExportBundle } from './export-bundle';
import type { ExportFile } from './export-file';
import { fileNameFor } from './export-file';
import type { ExportLabels } from './export-labels';
import type { ExportSettings } from './export-settings';
import { articleMarkdown } from './article-markdown';
import { numberedFileName } from './file-name-parts';

/** The stored HTML as an inert element: DOMParser's documents run no script and load nothing. */
const parseHtml = (html: string) =>
  typeof DOMParser === 'undefined' ? null : new DOMParser().parseFromString(html, 'text/html').body;

/** One article's 全文 Markdown note: the `.md` file's name and text. */
export interface MarkdownNote {
  name: string;
  text: string;
}

/**
 * 全文 Markdown as notes, one per article, each named as it would be on its own (a number added where two
 * share a name): what a zip holds, what is written to a chosen folder, what is sent to a vault.
 */
export function articleMarkdownNotes(
  bundle: ExportBundle,
  options: { labels: ExportLabels; settings: ExportSettings; timeZone: string },
): MarkdownNote[] {
  const { labels, settings } = options;
  const used = new Set<string>();
  return bundle.articles.map((entry) => {
    const one = { ...bundle, articles: [entry] };
    const first = fileNameFor(one, 'article-markdown', { labels, timeZone: options.timeZone });
    let name = first;
    for (let copy = 2; used.has(name); copy++) name = numberedFileName(first, copy);
    used.add(name);
    const text = articleMarkdown(entry, bundle.generatedAt, labels, settings, {
      marks: settings.markdownMarks,
      parseHtml,
    });
    return { name, text };
  });
}

/** 全文 Markdown as a download: one article is one `.md`; several are one zip holding a `.md` each. */
export async function articleMarkdownFile(
  bundle: ExportBundle,
  name: string,
  options: { labels: ExportLabels; settings: ExportSettings; timeZone: string },
): Promise<ExportFile> {
  const notes = articleMarkdownNotes(bundle, options);
  if (notes.length === 1) return { name, type: 'text/markdown;charset=utf-8', data: notes[0]!.text };
  const { default: JSZip } = await import('jszip');
  const zip = new JSZip();
  for (const note of notes) zip.file(note.name, note.text);
  return { name, type: 'application/zip', data: await zip.generateAsync({ type: 'uint8array' }) };
}
