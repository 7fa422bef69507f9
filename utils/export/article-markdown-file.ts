import type { ExportBundle } from './export-bundle';
import type { ExportFile } from './export-file';
import { fileNameFor } from './export-file';
import type { ExportLabels } from './export-labels';
import type { ExportSettings } from './export-settings';
import { articleMarkdown } from './article-markdown';

/** The stored HTML as an inert element: DOMParser's documents run no script and load nothing. */
const parseHtml = (html: string) =>
  typeof DOMParser === 'undefined' ? null : new DOMParser().parseFromString(html, 'text/html').body;

/**
 * 全文 Markdown as a download: one article is one `.md`; several are one zip holding a `.md` each, named as
 * each would be on its own (a number added where two share a name).
 */
export async function articleMarkdownFile(
  bundle: ExportBundle,
  name: string,
  options: { labels: ExportLabels; settings: ExportSettings; timeZone: string },
): Promise<ExportFile> {
  const { labels, settings } = options;
  const write = (entry: ExportBundle['articles'][number]) =>
    articleMarkdown(entry, bundle.generatedAt, labels, settings, { marks: settings.markdownMarks, parseHtml });
  if (bundle.articles.length === 1)
    return { name, type: 'text/markdown;charset=utf-8', data: write(bundle.articles[0]!) };
  const { default: JSZip } = await import('jszip');
  const zip = new JSZip();
  const used = new Set<string>();
  for (const entry of bundle.articles) {
    const one = { ...bundle, articles: [entry] };
    let fileName = fileNameFor(one, 'article-markdown', { labels, timeZone: options.timeZone });
    for (let copy = 2; used.has(fileName); copy++) fileName = fileName.replace(/(-\d+)?\.md$/, `-${copy}.md`);
    used.add(fileName);
    zip.file(fileName, write(entry));
  }
  return { name, type: 'application/zip', data: await zip.generateAsync({ type: 'uint8array' }) };
}
