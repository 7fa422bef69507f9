/**
 * `npm run bench:extract`: scores Pizhu's extractor and plain Readability on the dev pages of every
 * corpus (../shared/corpus and each tests/corpus/manifest-*.json), corpus by corpus: right, wrong
 * and missing per field, and Pizhu's leave-one-site-out score beside its plain one; then by site
 * group; times both in Node and in a real Chromium on the same pages, prints tables and writes
 * bench-results/extract.json. `--no-browser` skips the Chromium timing, `--repeats N` sets the Node
 * runs per page, `--verbose` lists each page's misses.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { detectArticle } from '../../utils/detect/detect-article';
import { decodeHtml } from '../../utils/extract/decode-html';
import { extractArticle } from '../../utils/extract/extract-article';
import { readPage } from '../../utils/extract/page-reading';
import { readParsedHtml } from '../node/analyze-html';
import {
  corpusBytes,
  corpusUrl,
  loadCorpora,
  siteDomainOf,
  siteGroupOf,
  type CorpusPage,
  type SiteGroup,
} from '../corpus/load-corpus';
import { siteFamiliesFor } from '../../utils/extract/site-families';
import { plainReadability } from './plain-readability';
import { FIELDS, toolOutputOf, verdicts, type Field, type ToolOutput, type Verdict } from './score-extraction';
import { timeInChromium } from './time-in-chromium';
import { runMain } from '../run-main';

const ROOT = resolve(import.meta.dirname, '../..');
const NODE_REPEATS = 3;

interface PageResult {
  id: string;
  corpus: string;
  site: string;
  kind: string;
  group: SiteGroup;
  pizhu: ToolOutput & { isArticle: boolean; score: number };
  readability: ToolOutput & { isArticle: boolean };
  scores: {
    pizhu: Record<Field, Verdict>;
    /** Pizhu with the site-family entries that name this page's site switched off. */
    loso: Record<Field, Verdict>;
    readability: Record<Field, Verdict>;
  } | null;
  nodeMs: { pizhu: number; readability: number };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

function timed<T>(run: () => T, repeats: number): { value: T; ms: number } {
  let value!: T;
  const times: number[] = [];
  for (let repeat = 0; repeat < repeats; repeat++) {
    const start = performance.now();
    value = run();
    times.push(performance.now() - start);
  }
  return { value, ms: median(times) };
}

/** One page, scored and timed; its parsed window is let go before the next page is read (see readParsedHtml). */
function analyse(page: CorpusPage, repeats: number): Promise<PageResult> {
  const url = corpusUrl(page);
  return readParsedHtml(decodeHtml(corpusBytes(page)).text, url, (document) =>
    analyseDocument(page, document, url, repeats),
  );
}

function analyseDocument(page: CorpusPage, document: Document, url: string, repeats: number): PageResult {
  const ours = timed(() => {
    const reading = readPage(document);
    const detection = detectArticle(document, url, reading);
    return { detection, extract: extractArticle(document, url, { reading }) };
  }, repeats);
  const theirs = timed(() => plainReadability(document), repeats);
  const { detection, extract } = ours.value;
  const pizhu = { isArticle: detection.isArticle, score: detection.score, ...toolOutputOf(extract) };
  const site = siteDomainOf(page);
  // Only a page some family covers reads differently with its site left out.
  const loso = siteFamiliesFor(url).length
    ? toolOutputOf(extractArticle(document, url, { leaveOutSite: site }))
    : toolOutputOf(extract);
  const gold = page.kind === 'article' ? page.gold : undefined;
  return {
    id: page.id,
    corpus: page.corpus ?? 'shared',
    site,
    kind: page.kind ?? 'unknown',
    group: siteGroupOf(page),
    pizhu,
    readability: theirs.value,
    scores: gold
      ? { pizhu: verdicts(pizhu, gold), loso: verdicts(loso, gold), readability: verdicts(theirs.value, gold) }
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

type Tool = 'pizhu' | 'loso' | 'readability';

/** Per field: the share right, and how many were wrong (a value not the page's) or missing (none shown). */
function fieldTable(on: PageResult[], tool: Tool) {
  return Object.fromEntries(
    FIELDS.map((field) => {
      const count = (verdict: Verdict) => on.filter((result) => result.scores![tool][field] === verdict).length;
      return [
        field,
        { right: count('right') / Math.max(1, on.length), wrong: count('wrong'), missing: count('missing') },
      ];
    }),
  ) as Record<Field, { right: number; wrong: number; missing: number }>;
}

function report(name: string, results: PageResult[]) {
  const scored = results.filter((result) => result.scores);
  const tables = {
    pizhu: fieldTable(scored, 'pizhu'),
    loso: fieldTable(scored, 'loso'),
    readability: fieldTable(scored, 'readability'),
  };
  const detector = { pizhu: detectorQuality(results, 'pizhu'), readability: detectorQuality(results, 'readability') };
  console.log(`\n${name}: ${scored.length} labelled articles, ${results.length} pages`);
  console.log(
    `${'field'.padEnd(20)}${'Pizhu'.padStart(9)}${'LOSO'.padStart(9)}${'wrong'.padStart(7)}${'missing'.padStart(9)}${'Readability'.padStart(13)}`,
  );
  for (const field of FIELDS) {
    const ours = tables.pizhu[field];
    console.log(
      `${field.padEnd(20)}${percent(ours.right).padStart(9)}${percent(tables.loso[field].right).padStart(9)}${String(ours.wrong).padStart(7)}${String(ours.missing).padStart(9)}${percent(tables.readability[field].right).padStart(13)}`,
    );
  }
  for (const key of ['precision', 'recall'] as const) {
    console.log(
      `${`detector ${key}`.padEnd(20)}${percent(detector.pizhu[key]).padStart(9)}${''.padStart(25)}${percent(detector.readability[key]).padStart(13)}`,
    );
  }
  return { name, pages: results.length, articlesScored: scored.length, ...tables, detector };
}

async function main() {
  const withBrowser = !process.argv.includes('--no-browser');
  const verbose = process.argv.includes('--verbose');
  const repeatsAt = process.argv.indexOf('--repeats');
  const repeats = repeatsAt > 0 ? Math.max(1, Number(process.argv[repeatsAt + 1]) || NODE_REPEATS) : NODE_REPEATS;
  const pages = loadCorpora().filter((page) => page.split === 'dev');
  const results: PageResult[] = [];
  for (const page of pages) results.push(await analyse(page, repeats));
  const corpora = [...new Set(results.map((result) => result.corpus))];

  console.log('Extraction on the dev pages of every corpus. LOSO: each site scored with the site-family');
  console.log("entries that name it switched off. wrong: a value shown that is not the page's; missing: none shown.");
  const perCorpus = corpora.map((corpus) =>
    report(
      `corpus ${corpus}`,
      results.filter((result) => result.corpus === corpus),
    ),
  );
  const all = corpora.length > 1 ? report('all corpora', results) : perCorpus[0]!;

  const scored = results.filter((result) => result.scores);
  const accuracyOn = (on: PageResult[], tool: Tool) =>
    Object.fromEntries(FIELDS.map((field) => [field, fieldTable(on, tool)[field].right])) as Record<Field, number>;
  const chinese = scored.filter((result) => result.group !== 'outside China');
  const groups = (['government', 'state media', 'commercial', 'outside China'] as const).map((group) => {
    const on = scored.filter((result) => result.group === group);
    return { group, articles: on.length, pizhu: accuracyOn(on, 'pizhu'), readability: accuracyOn(on, 'readability') };
  });
  console.log(`\nBy site group (Pizhu / Readability), labelled articles of every corpus:`);
  console.log(`${'group'.padEnd(22)}${'n'.padStart(4)}${FIELDS.map((field) => field.padStart(15)).join('')}`);
  for (const row of [
    {
      group: 'all Chinese',
      articles: chinese.length,
      pizhu: accuracyOn(chinese, 'pizhu'),
      readability: accuracyOn(chinese, 'readability'),
    },
    ...groups,
  ]) {
    const cells = FIELDS.map((field) =>
      `${(row.pizhu[field] * 100).toFixed(0)}/${(row.readability[field] * 100).toFixed(0)} %`.padStart(15),
    );
    console.log(`${row.group.padEnd(22)}${String(row.articles).padStart(4)}${cells.join('')}`);
  }

  // The sites whose score moves when the entries naming them are switched off.
  const bySite = new Map<string, PageResult[]>();
  for (const result of scored) bySite.set(result.site, [...(bySite.get(result.site) ?? []), result]);
  const losoSites = [...bySite].flatMap(([site, on]) => {
    const plain = fieldTable(on, 'pizhu');
    const loso = fieldTable(on, 'loso');
    const moved = FIELDS.filter((field) => plain[field].right !== loso[field].right);
    return moved.length
      ? [
          {
            site,
            articles: on.length,
            fields: Object.fromEntries(
              moved.map((field) => [field, { plain: plain[field].right, loso: loso[field].right }]),
            ),
          },
        ]
      : [];
  });
  if (losoSites.length) {
    console.log('\nSites whose score moves with their own entries switched off (plain → LOSO):');
    for (const { site, articles, fields } of losoSites)
      console.log(
        `  ${site} (${articles}): ${Object.entries(fields)
          .map(([field, { plain, loso }]) => `${field} ${percent(plain)} → ${percent(loso)}`)
          .join(', ')}`,
      );
  }

  // The portal server serves ../shared/corpus, so the browser times its pages.
  const browser = withBrowser
    ? await timeInChromium(pages.filter((page) => (page.corpus ?? 'shared') === 'shared'))
    : null;
  const summary = {
    pages: pages.length,
    articlesScored: scored.length,
    corpora: perCorpus,
    all,
    chinese: {
      articles: chinese.length,
      pizhu: accuracyOn(chinese, 'pizhu'),
      readability: accuracyOn(chinese, 'readability'),
    },
    groups,
    losoSites,
    timing: {
      medianMsNodePizhu: median(results.map((result) => result.nodeMs.pizhu)),
      medianMsNodeReadability: median(results.map((result) => result.nodeMs.readability)),
      medianMsChromiumPizhu: browser?.pizhu ?? null,
      medianMsChromiumReadability: browser?.readability ?? null,
      medianMsChromiumDetectOnly: browser?.detect ?? null,
    },
  };
  const ms = (value: number | null) => (value === null ? '—' : `${value.toFixed(2)} ms`);
  console.log(`\n${''.padEnd(22)}${'Pizhu'.padStart(10)}${'Readability'.padStart(14)}`);
  console.log(
    `${'median ms (Node)'.padEnd(22)}${ms(summary.timing.medianMsNodePizhu).padStart(10)}${ms(summary.timing.medianMsNodeReadability).padStart(14)}`,
  );
  console.log(
    `${'median ms (Chromium)'.padEnd(22)}${ms(summary.timing.medianMsChromiumPizhu).padStart(10)}${ms(summary.timing.medianMsChromiumReadability).padStart(14)}`,
  );
  if (browser) {
    console.log(`${'median ms detect only'.padEnd(22)}${ms(browser.detect).padStart(10)}`);
    console.log(`Chromium time ratio Pizhu / Readability: ${(browser.pizhu / browser.readability).toFixed(2)}×`);
  }

  if (verbose) {
    for (const result of scored) {
      const misses = FIELDS.filter((field) => result.scores!.pizhu[field] !== 'right');
      if (misses.length)
        console.log(
          `  ${result.id}: ${misses.map((field) => `${field} ${result.scores!.pizhu[field]}=${JSON.stringify(field === 'body' ? `${result.pizhu.text?.length}` : result.pizhu[field as keyof ToolOutput])}`).join(' ')}`,
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
