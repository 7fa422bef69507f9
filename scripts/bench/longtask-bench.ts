import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { decodeHtml } from '../../utils/extract/decode-html';
import { ensureBuild } from '../build/ensure-build';
import { CHROMIUM_FLAGS, findChromium, launchWithExtension } from '../browser/launch-with-extension';
import { corpusBytes, loadCorpus } from '../corpus/load-corpus';
import { runMain } from '../run-main';
import { startPortalServer, type PortalServer } from '../serve/portal-server';
import { HOST, HOSTILE_PATH, hostilePage, storeHostileNotes } from './hostile-page';

/*
 * Long tasks on portal pages with and without Pizhu, from the browser's own long-task entries:
 * every labelled corpus article (both manifests; the page's own scripts left out, as they would
 * only fail offline) and a generated hostile page — 12,000 near-duplicate paragraphs, 40 stored
 * quotes the page no longer holds exactly, and a script that keeps changing the DOM so that Pizhu
 * places them again. Each page is loaded `--runs` times (2 by default) in a Chromium without the
 * extension and one with it, alternately, in one run; a load is watched for `--watch` ms (3,000; the
 * hostile page 10,000) after its load event. Reports per page the longest task and total blocking time (the sum over
 * tasks of their time past 50 ms), and writes bench-results/longtasks.json (`--out name` for
 * another file; `--extension dir` measures another build, e.g. a copy of an older one; `--before dir` measures an
 * older build as well, in a third Chromium, page by page in the same run).
 */

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

/** The page's long tasks, recorded from its first script (buffered entries cover what came before). */
function watchLongTasks() {
  const tasks: number[] = [];
  (globalThis as unknown as { longTasks: number[] }).longTasks = tasks;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) tasks.push(entry.duration);
  }).observe({ type: 'longtask', buffered: true });
}

const scriptless = (html: string) => html.replace(/<script\b[\s\S]*?<\/script\s*>/gi, '');

interface Load {
  longest: number;
  blocking: number;
  tasks: number;
}

async function measure(context: BrowserContext, url: string, watchMs: number): Promise<Load> {
  const page: Page = await context.newPage();
  await page.addInitScript(watchLongTasks);
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForTimeout(watchMs);
  const tasks = await page.evaluate(() => (globalThis as unknown as { longTasks: number[] }).longTasks);
  await page.close();
  return {
    longest: Math.round(Math.max(0, ...tasks)),
    blocking: Math.round(tasks.reduce((sum, duration) => sum + Math.max(0, duration - 50), 0)),
    tasks: tasks.length,
  };
}

async function bench() {
  const extensionDir = process.argv.includes('--extension')
    ? resolve(process.argv[process.argv.indexOf('--extension') + 1]!)
    : undefined;
  if (!extensionDir) ensureBuild('chrome');
  const runs = option('runs', 2);
  const watchMs = option('watch', 3_000);
  const limit = option('pages', Number.POSITIVE_INFINITY);
  const server: PortalServer = await startPortalServer();
  const pages = loadCorpus()
    .filter((page) => page.gold && page.kind === 'article')
    .slice(0, limit)
    .map((page) => {
      const path = `/bench/${page.id}.html`;
      server.servePage(path, scriptless(decodeHtml(corpusBytes(page)).text));
      return { id: page.id, url: HOST + path };
    });
  server.servePage(HOSTILE_PATH, hostilePage());
  pages.push({ id: 'hostile-near-duplicates', url: HOST + HOSTILE_PATH });

  const plain = await chromium.launchPersistentContext('', {
    executablePath: findChromium(),
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [`--host-resolver-rules=MAP * 127.0.0.1:${server.port}, EXCLUDE 127.0.0.1`, ...CHROMIUM_FLAGS],
  });
  const withPizhu = await launchWithExtension({ portalPort: server.port, extensionDir });
  await storeHostileNotes(withPizhu);
  // `--before dir`: an older build measured in the same run, page by page, for a fair before and after.
  const beforeDir = process.argv.includes('--before')
    ? resolve(process.argv[process.argv.indexOf('--before') + 1]!)
    : undefined;
  const before = beforeDir ? await launchWithExtension({ portalPort: server.port, extensionDir: beforeDir }) : null;
  if (before) await storeHostileNotes(before);

  const results: { id: string; without: Load[]; with: Load[]; before?: Load[] }[] = [];
  try {
    for (const { id, url } of pages) {
      const row = { id, without: [] as Load[], with: [] as Load[], ...(before ? { before: [] as Load[] } : {}) };
      for (let run = 0; run < runs; run++) {
        // The hostile page is watched as long as it keeps changing: 10 s.
        const watch = url.endsWith(HOSTILE_PATH) ? Math.max(watchMs, 10_000) : watchMs;
        row.without.push(await measure(plain, url, watch));
        row.with.push(await measure(withPizhu.context, url, watch));
        if (before) row.before!.push(await measure(before.context, url, watch));
      }
      results.push(row);
      const worst = (loads: Load[]) => Math.max(...loads.map((load) => load.longest));
      const tbt = (loads: Load[]) => loads.reduce((sum, load) => sum + load.blocking, 0);
      console.log(
        `${id.padEnd(48)} longest ${String(worst(row.without)).padStart(5)} → ${String(worst(row.with)).padStart(5)} ms   blocking ${String(tbt(row.without)).padStart(6)} → ${String(tbt(row.with)).padStart(6)} ms` +
          (row.before ? `   (before: longest ${worst(row.before)} ms, blocking ${tbt(row.before)} ms)` : ''),
      );
    }
  } finally {
    await plain.close();
    await withPizhu.context.close();
    await before?.context.close();
    await server.close();
  }

  const corpus = results.filter((row) => row.id !== 'hostile-near-duplicates');
  type Side = 'with' | 'without' | 'before';
  const longestOf = (row: (typeof results)[number], side: Side) =>
    Math.max(...(row[side] ?? []).map((load) => load.longest));
  const over = (ms: number) => ({
    without: corpus.filter((row) => longestOf(row, 'without') > ms).length,
    with: corpus.filter((row) => longestOf(row, 'with') > ms).length,
    ...(before ? { before: corpus.filter((row) => longestOf(row, 'before') > ms).length } : {}),
  });
  const quiet = corpus.filter((row) => longestOf(row, 'without') === 0).map((row) => longestOf(row, 'with'));
  quiet.sort((a, b) => a - b);
  const total = (side: Side) =>
    corpus.reduce((sum, row) => sum + (row[side] ?? []).reduce((inner, load) => inner + load.blocking, 0), 0);
  const summary = {
    pages: corpus.length,
    runs,
    watchMs,
    pagesWithATaskOver: { 50: over(50), 100: over(100), 200: over(200) },
    quietPages: quiet.length,
    medianLongestWithPizhuOnQuietPages: quiet[Math.floor(quiet.length / 2)] ?? 0,
    totalBlockingMs: { without: total('without'), with: total('with'), ...(before ? { before: total('before') } : {}) },
    longestWithPizhu: Math.max(...corpus.map((row) => longestOf(row, 'with'))),
    ...(before ? { longestBefore: Math.max(...corpus.map((row) => longestOf(row, 'before'))) } : {}),
    hostile: results.find((row) => row.id === 'hostile-near-duplicates'),
  };
  console.log(JSON.stringify(summary, null, 2));
  const out = resolve(import.meta.dirname, '../../bench-results');
  mkdirSync(out, { recursive: true });
  const name = process.argv.includes('--out') ? process.argv[process.argv.indexOf('--out') + 1]! : 'longtasks';
  writeFileSync(resolve(out, `${name}.json`), JSON.stringify({ summary, results }, null, 2));
}

runMain(bench);
