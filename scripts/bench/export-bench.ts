/**
 * `npm run bench:export`: in Chromium with the built extension, exports a generated library of
 * 1,000 annotations across 100 articles (real corpus texts), and one article with 300 annotations
 * from 10 members, to every format (批注稿, 批注版 HTML, 批注摘录, Markdown, JSON, CSV), from the
 * database to the finished file, with the files' sizes; 1,000 articles with 10 annotations each as 全文 Markdown
 * (a zip of 1,000 .md) beside the excerpt Markdown; then imports a 10,000-annotation notes file (1,000 articles)
 * through the library's 导入批注, from choosing the file to the summary, counting the progress
 * updates shown. Baselines in the same run: a plain JSON dump of the same read, and an unchecked
 * bulk write of the same records. Writes bench-results/export.json. Run `npm run build` first.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { bundleForPage } from '../browser/bundle-for-page';
import { launchWithExtension } from '../browser/launch-with-extension';
import { extractChineseArticles } from '../corpus/chinese-articles';
import { exportW3cJson } from '../../utils/export/w3c-export';
import { startPortalServer } from '../serve/portal-server';
import { generateNotes } from './generated-notes';
import { runMain } from '../run-main';
import { ensureBuild } from '../build/ensure-build';
import { MERGE_STAGE_PREFIX } from '../../utils/stage-timing';

/** `--import-only` skips the exports and measures the imports alone. */
const IMPORT_ONLY = process.argv.includes('--import-only');

const ROOT = resolve(import.meta.dirname, '../..');
const REPEATS = 5;
/** The 1,000-article Markdown exports take seconds each: three runs give their median. */
const VAULT_REPEATS = 3;
/** `--repeats N` imports each file N times (3 by default), each in a fresh profile. */
const repeatsArg = Number(process.argv[process.argv.indexOf('--repeats') + 1]);
const IMPORT_REPEATS = process.argv.includes('--repeats') && repeatsArg > 0 ? repeatsArg : 3;

interface ExportBenchApi {
  store(articles: unknown[], annotations: unknown[]): Promise<void>;
  timeExports(
    repeats: number,
    formats?: string[],
  ): Promise<{ times: Record<string, number>; sizes: Record<string, number> }>;
  timeUncheckedWrite(articles: unknown[], annotations: unknown[]): Promise<number>;
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function measureExports(
  portalPort: number,
  script: string,
  library: ReturnType<typeof generateNotes>,
  formats?: string[],
  repeats = REPEATS,
) {
  const { context, extensionId } = await launchWithExtension({ portalPort });
  try {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    await page.evaluate(script);
    await page.evaluate(
      ([articles, annotations]) =>
        (globalThis as unknown as { exportBench: ExportBenchApi }).exportBench.store(articles, annotations),
      [library.articles, library.annotations] as const,
    );
    return await page.evaluate(
      ([repeats, formats]) =>
        (globalThis as unknown as { exportBench: ExportBenchApi }).exportBench.timeExports(repeats, formats),
      [repeats, formats] as const,
    );
  } finally {
    await context.close();
  }
}

/** One import through the library page of a fresh profile: ms from choosing the file to the summary. */
async function measureImport(
  portalPort: number,
  script: string,
  file: Buffer,
  library: ReturnType<typeof generateNotes>,
) {
  const { context, extensionId } = await launchWithExtension({ portalPort });
  try {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/library.html`);
    const input = page.getByTestId('import-file');
    await input.waitFor({ state: 'attached' });
    await page.evaluate(() => {
      const watch = globalThis as unknown as {
        importTiming: Promise<{ ms: number; progressUpdates: number; sawProgressBar: boolean }>;
      };
      const field = document.querySelector('[data-testid="import-file"]')!;
      watch.importTiming = new Promise((done) => {
        let started = 0;
        const seen = new Set<string>();
        let sawProgressBar = false;
        field.addEventListener('change', () => (started = performance.now()), { capture: true, once: true });
        new MutationObserver(() => {
          const bar = document.querySelector('.pz-import progress');
          if (bar) {
            sawProgressBar = true;
            seen.add(bar.getAttribute('value') ?? '');
          }
          if (started && document.querySelector('[data-testid="import-result"]'))
            done({ ms: performance.now() - started, progressUpdates: seen.size, sawProgressBar });
        }).observe(document.body, { childList: true, subtree: true, attributes: true });
      });
    });
    // A 35 MB file crosses the DevTools protocol slowly on a loaded machine; the timing starts after it.
    await input.setInputFiles(
      { name: 'group-notes.json', mimeType: 'application/json', buffer: file },
      { timeout: 300_000 },
    );
    const timing = await page.evaluate(
      () =>
        (
          globalThis as unknown as {
            importTiming: Promise<{ ms: number; progressUpdates: number; sawProgressBar: boolean }>;
          }
        ).importTiming,
    );
    const summary = await page.getByTestId('import-result').textContent();
    // Where the import spent it, as importNotes measured its stages; the rest is reading and checking the file.
    const stagesMs = await page.evaluate((prefix) => {
      const stages: Record<string, number> = {};
      for (const entry of performance.getEntriesByType('measure'))
        if (entry.name.startsWith(prefix))
          stages[entry.name.slice(prefix.length)] = Math.round(
            (stages[entry.name.slice(prefix.length)] ?? 0) + entry.duration,
          );
      return stages;
    }, MERGE_STAGE_PREFIX);
    await page.evaluate(script);
    const unchecked = await page.evaluate(
      ([articles, annotations]) =>
        (globalThis as unknown as { exportBench: ExportBenchApi }).exportBench.timeUncheckedWrite(
          articles,
          annotations,
        ),
      [library.articles, library.annotations] as const,
    );
    return { ...timing, summary, stagesMs, uncheckedWriteMs: unchecked };
  } finally {
    await context.close();
  }
}

async function main() {
  ensureBuild('chrome');
  const extracts = extractChineseArticles()
    .map(({ extract }) => extract)
    .filter((extract) => extract.text.length > 800);
  const script = await bundleForPage(resolve(import.meta.dirname, 'export-bench-entry.ts'));
  // Nothing is served; the launcher maps every host to a local server all the same.
  const server = await startPortalServer();
  try {
    const small = generateNotes(extracts, 100, 10);
    const exports = IMPORT_ONLY ? { times: {}, sizes: {} } : await measureExports(server.port, script, small);
    const floor = exports.times['plain-json-dump']!;
    console.log(`export 1,000 annotations across 100 articles (median of ${REPEATS}, database to file):`);
    for (const [format, ms] of Object.entries(exports.times)) {
      console.log(
        `  ${format.padEnd(16)} ${ms.toFixed(0).padStart(5)} ms  ${(exports.sizes[format]! / 1024).toFixed(0).padStart(6)} KiB  ×${(ms / floor).toFixed(2)} of a plain JSON dump`,
      );
    }

    // A study group's merged file: one article, 300 notes from 10 members.
    const group = generateNotes(extracts, 1, 300, 31);
    group.annotations.forEach((annotation, index) => (annotation.author = `组员${(index % 10) + 1}`));
    const groupExports = IMPORT_ONLY ? { times: {}, sizes: {} } : await measureExports(server.port, script, group);
    console.log(`export one article with 300 annotations from 10 members (median of ${REPEATS}):`);
    for (const [format, ms] of Object.entries(groupExports.times)) {
      console.log(
        `  ${format.padEnd(16)} ${ms.toFixed(0).padStart(5)} ms  ${(groupExports.sizes[format]! / 1024).toFixed(0).padStart(6)} KiB  ×${(ms / groupExports.times['plain-json-dump']!).toFixed(2)} of a plain JSON dump`,
      );
    }

    // A vault's whole library: 全文 Markdown (one .md per article, in one zip) beside the excerpt Markdown.
    const vault = generateNotes(extracts, 1_000, 10, 41);
    const vaultExports = IMPORT_ONLY
      ? { times: {}, sizes: {} }
      : await measureExports(server.port, script, vault, ['article-markdown', 'markdown'], VAULT_REPEATS);
    if (!IMPORT_ONLY) {
      const { times, sizes } = vaultExports;
      console.log(`export 1,000 articles with 10 annotations each as Markdown (median of ${VAULT_REPEATS}):`);
      for (const [format, ms] of Object.entries(times))
        console.log(
          `  ${format.padEnd(16)} ${ms.toFixed(0).padStart(5)} ms  ${(sizes[format]! / 1024).toFixed(0).padStart(6)} KiB  ×${(ms / times['plain-json-dump']!).toFixed(2)} of a plain JSON dump`,
        );
      console.log(
        `  全文 Markdown / excerpt Markdown: ×${(times['article-markdown']! / times['markdown']!).toFixed(2)} time, ×${(sizes['article-markdown']! / sizes['markdown']!).toFixed(2)} size`,
      );
    }

    // The same 10,000 annotations over many short-noted articles and over a few heavily noted ones.
    const importResults = [];
    for (const [articles, perArticle] of [
      [1_000, 10],
      [100, 100],
    ] as const) {
      const large = generateNotes(extracts, articles, perArticle, 23);
      const byArticle = new Map<string, typeof large.annotations>();
      for (const annotation of large.annotations)
        byArticle.set(annotation.articleId, [...(byArticle.get(annotation.articleId) ?? []), annotation]);
      const collection = exportW3cJson(
        {
          generatedAt: new Date().toISOString(),
          articles: large.articles.map((article) => ({ article, annotations: byArticle.get(article.id) ?? [] })),
          versions: [],
        },
        'bench',
        'bench',
      );
      const file = Buffer.from(JSON.stringify(collection));
      const runs = [];
      for (let run = 0; run < IMPORT_REPEATS; run++) runs.push(await measureImport(server.port, script, file, large));
      const importMs = median(runs.map((run) => run.ms));
      const uncheckedMs = median(runs.map((run) => run.uncheckedWriteMs));
      console.log(
        `import ${large.annotations.length.toLocaleString('en')} annotations / ${large.articles.length.toLocaleString('en')} articles (${(file.length / 1024 / 1024).toFixed(1)} MiB file, median of ${IMPORT_REPEATS}, fresh profile each): ${importMs.toFixed(0)} ms from choosing the file to the summary; progress shown: ${runs.every((run) => run.sawProgressBar)} (${runs[0]!.progressUpdates} distinct values); unchecked bulk write of the same records ${uncheckedMs.toFixed(0)} ms (×${(importMs / uncheckedMs).toFixed(2)})`,
      );
      console.log(`  summary: ${runs[0]!.summary}`);
      console.log(
        `  stages (median run): ${Object.entries(runs.find((run) => run.ms === importMs)!.stagesMs)
          .map(([stage, ms]) => `${stage} ${ms} ms`)
          .join(' · ')}`,
      );
      importResults.push({
        annotations: large.annotations.length,
        articles: large.articles.length,
        fileBytes: file.length,
        runs,
        medianMs: importMs,
        uncheckedMedianMs: uncheckedMs,
      });
    }

    mkdirSync(resolve(ROOT, 'bench-results'), { recursive: true });
    writeFileSync(
      resolve(ROOT, IMPORT_ONLY ? 'bench-results/import.json' : 'bench-results/export.json'),
      `${JSON.stringify({ date: new Date().toISOString(), export: { annotations: small.annotations.length, articles: small.articles.length, ...exports }, groupExport: { annotations: 300, members: 10, ...groupExports }, vaultExport: { annotations: vault.annotations.length, articles: vault.articles.length, ...vaultExports }, imports: importResults }, null, 2)}\n`,
    );
    console.error('Wrote bench-results/export.json');
  } finally {
    await server.close();
  }
}

runMain(main);
