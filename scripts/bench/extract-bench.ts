/**
 * `npm run bench:extract`: scores Pizhu's extractor and plain Readability on the dev split of
 * ../shared/corpus (both manifests), on every labelled article, on the Chinese ones and by site
 * group (government, state media, commercial portals), times both in Node and in a real
 * Chromium on the same pages, prints tables and writes bench-results/extract.json.
 * `--no-browser` skips the Chromium timing.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { detectArticle } from '../../utils/detect/detect-article';
import { decodeHtml } from '../../utils/extract/decode-html';
import { extractArticle } from '../../utils/extract/extract-article';
import { readPage } from '../../utils/extract/page-reading';
import { parseHtml } from '../node/analyze-html';
import {
  corpusBytes,
  corpusUrl,
  loadCorpus,
  siteGroupOf,
  type CorpusPage,
  type SiteGroup,
} from '../corpus/load-corpus';
import { plainReadability } from './plain-readability';
import { FIELDS, scoreFields, toolOutputOf, type Field, type ToolOutput } from './score-extraction';
import { timeInChromium } from './time-in-chromium';
import { runMain } from '../run-main';

const ROOT = resolve(import.meta.dirname, '../..');
const NODE_REPEATS = 3;

interface PageResult {
  id: string;
  kind: string;
  group: SiteGroup;
  pizhu: ToolOutput & { isArticle: boolean; score: number };
  readability: ToolOutput & { isArticle: boolean };
  scores: { pizhu: Record<Field, boolean>; readability: Record<Field, boolean> } | null;
  nodeMs: { pizhu: number; readability: number };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

function timed<T>(run: () => T): { value: T; ms: number } {
  let value!: T;
  const times: number[] = [];
  for (let repeat = 0; repeat < NODE_REPEATS; repeat++) {
    const start = performance.now();
    value = run();
    times.push(performance.now() - start);
  }
  return { value, ms: median(times) };
}

function analyse(page: CorpusPage): PageResult {
  const html = decodeHtml(corpusBytes(page)).text;
  const url = corpusUrl(page);
  const document = parseHtml(html, url);
  const ours = timed(() => {
    const reading = readPage(document);
    const detection = detectArticle(document, url, reading);
    return { detection, extract: extractArticle(document, url, { reading }) };
  });
  const theirs = timed(() => plainReadability(document));
  const { detection, extract } = ours.value;
  const pizhu = { isArticle: detection.isArticle, score: detection.score, ...toolOutputOf(extract) };
  const isLabelledArticle = page.kind === 'article' && page.gold;
  return {
    id: page.id,
    kind: page.kind ?? 'unknown',
    group: siteGroupOf(page),
    pizhu,
    readability: theirs.value,
    scores: isLabelledArticle
      ? { pizhu: scoreFields(pizhu, page.gold!), readability: scoreFields(theirs.value, page.gold!) }
      : null,
    nodeMs: { pizhu: ours.ms, readability: theirs.ms },
  };
}

function detectorQuality(results: PageResult[], tool: 'pizhu' | 'readability') {
  let truePositive = 0;
  let falsePositive = 0;
  let falseNegative = 0;
  for (const result of results) {
    const predicted = result[tool].isArticle;
    const actual = result.kind === 'article';
    if (predicted && actual) truePositive++;
    else if (predicted) falsePositive++;
    else if (actual) falseNegative++;
  }
  return {
    precision: truePositive / Math.max(1, truePositive + falsePositive),
    recall: truePositive / Math.max(1, truePositive + falseNegative),
  };
}

const percent = (value: number) => `${(value * 100).toFixed(1)} %`;

async function main() {
  const withBrowser = !process.argv.includes('--no-browser');
  const verbose = process.argv.includes('--verbose');
  const pages = loadCorpus().filter((page) => page.split === 'dev');
  const results = pages.map(analyse);
  const scored = results.filter((result) => result.scores);

  const accuracyOn = (on: PageResult[], tool: 'pizhu' | 'readability') =>
    Object.fromEntries(
      FIELDS.map((field) => [field, on.filter((result) => result.scores![tool][field]).length / on.length]),
    ) as Record<Field, number>;
  const accuracy = (tool: 'pizhu' | 'readability') => accuracyOn(scored, tool);
  const chinese = scored.filter((result) => result.group !== 'outside China');
  const groups = (['government', 'state media', 'commercial', 'outside China'] as const).map((group) => {
    const on = scored.filter((result) => result.group === group);
    return { group, articles: on.length, pizhu: accuracyOn(on, 'pizhu'), readability: accuracyOn(on, 'readability') };
  });

  const browser = withBrowser ? await timeInChromium(pages) : null;
  const summary = {
    pages: pages.length,
    articlesScored: scored.length,
    pizhu: {
      accuracy: accuracy('pizhu'),
      detector: detectorQuality(results, 'pizhu'),
      medianMsNode: median(results.map((result) => result.nodeMs.pizhu)),
      medianMsChromium: browser?.pizhu ?? null,
      medianMsChromiumDetectOnly: browser?.detect ?? null,
    },
    chinese: {
      articles: chinese.length,
      pizhu: accuracyOn(chinese, 'pizhu'),
      readability: accuracyOn(chinese, 'readability'),
    },
    groups,
    readability: {
      accuracy: accuracy('readability'),
      detector: detectorQuality(results, 'readability'),
      medianMsNode: median(results.map((result) => result.nodeMs.readability)),
      medianMsChromium: browser?.readability ?? null,
    },
  };

  console.log(`Extraction on the dev split: ${scored.length} labelled articles, ${pages.length} pages`);
  console.log(`${'field'.padEnd(22)}${'Pizhu'.padStart(10)}${'Readability'.padStart(14)}`);
  for (const field of FIELDS) {
    console.log(
      `${field.padEnd(22)}${percent(summary.pizhu.accuracy[field]).padStart(10)}${percent(summary.readability.accuracy[field]).padStart(14)}`,
    );
  }
  for (const key of ['precision', 'recall'] as const) {
    console.log(
      `${`detector ${key}`.padEnd(22)}${percent(summary.pizhu.detector[key]).padStart(10)}${percent(summary.readability.detector[key]).padStart(14)}`,
    );
  }
  console.log(`\nBy site group (Pizhu / Readability), labelled articles:`);
  console.log(`${'group'.padEnd(22)}${'n'.padStart(4)}${FIELDS.map((field) => field.padStart(15)).join('')}`);
  for (const row of [{ group: 'all Chinese', ...summary.chinese }, ...groups]) {
    const cells = FIELDS.map((field) =>
      `${(row.pizhu[field] * 100).toFixed(0)}/${(row.readability[field] * 100).toFixed(0)} %`.padStart(15),
    );
    console.log(`${row.group.padEnd(22)}${String(row.articles).padStart(4)}${cells.join('')}`);
  }
  const ms = (value: number | null) => (value === null ? '—' : `${value.toFixed(2)} ms`);
  console.log(
    `${'median ms (Node)'.padEnd(22)}${ms(summary.pizhu.medianMsNode).padStart(10)}${ms(summary.readability.medianMsNode).padStart(14)}`,
  );
  console.log(
    `${'median ms (Chromium)'.padEnd(22)}${ms(summary.pizhu.medianMsChromium).padStart(10)}${ms(summary.readability.medianMsChromium).padStart(14)}`,
  );
  if (browser) {
    console.log(`${'median ms detect only'.padEnd(22)}${ms(browser.detect).padStart(10)}`);
    console.log(`Chromium time ratio Pizhu / Readability: ${(browser.pizhu / browser.readability).toFixed(2)}×`);
  }

  if (verbose) {
    for (const result of scored) {
      const misses = FIELDS.filter((field) => !result.scores!.pizhu[field]);
      if (misses.length)
        console.log(
          `  ${result.id}: ${misses.map((field) => `${field}=${JSON.stringify(field === 'body' ? `${result.pizhu.text?.length}` : result.pizhu[field as keyof ToolOutput])}`).join(' ')}`,
        );
    }
    for (const result of results) {
      if (result.pizhu.isArticle !== (result.kind === 'article'))
        console.log(`  detector wrong on ${result.id} (${result.kind}, score ${result.pizhu.score})`);
    }
  }

  mkdirSync(resolve(ROOT, 'bench-results'), { recursive: true });
  writeFileSync(
    resolve(ROOT, 'bench-results/extract.json'),
    `${JSON.stringify({ date: new Date().toISOString(), summary, chromiumPerPage: browser?.perPage ?? null, pages: results }, null, 2)}\n`,
  );
  console.error('Wrote bench-results/extract.json');
}

runMain(main);
