/**
 * `npm run bench:library`: fills the built extension's database with 1,000 and then 10,000
 * generated articles (real corpus texts recombined, 2,000–4,000 characters each) and ten
 * annotations per article, then measures in Chromium what a user waits for: the popup ready
 * (page status and recent items shown), the library's first screen, searches for a 2- and a
 * 6-character Chinese query, clipping the demo article from the popup, and the library page's
 * JS heap. Prints each figure and its growth, and writes bench-results/library.json.
 * Run `npm run build` first; `-- --articles N` measures a single size.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { bundleForPage } from '../browser/bundle-for-page';
import { launchWithExtension, waitForReportedTab } from '../browser/launch-with-extension';
import { clickToolbarButton, evaluateInToolbarPopup } from '../browser/toolbar-button';
import { extractChineseArticles } from '../corpus/chinese-articles';
import { DEMO_ARTICLE_URL } from '../serve/demo-article';
import { startPortalServer } from '../serve/portal-server';
import { FIRST_SCREEN_MARK } from '../../utils/first-screen-mark';
import { runMain } from '../run-main';
import { ensureBuild } from '../build/ensure-build';

const ROOT = resolve(import.meta.dirname, '../..');
/** `--articles N` measures one library size only (for a quick look); the default compares two. */
const onlySize = Number(process.argv[process.argv.indexOf('--articles') + 1]);
const SIZES = process.argv.includes('--articles') && onlySize > 0 ? [onlySize] : [1_000, 10_000];
const ANNOTATIONS_PER_ARTICLE = 10;
const REPEATS = 9;

interface SeedApi {
  seed(texts: string[], count: number, perArticle: number, seed: number): Promise<{ ms: number }>;
  timeSearch(query: string, limit: number): Promise<{ ms: number; hits: number; more: boolean }>;
  timeQueries(): Promise<Record<string, number>>;
}

/** Two-character words that start with 的, 中 and 国, and one whose first character is rare. */
const COMMON_QUERIES = { de: '的确', zhong: '中国', guo: '国家', rare: '彝族' };

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

interface ReadyTiming {
  /** From navigation start to the frame that first shows every wanted element. */
  ms: number;
  /** The page's bytes in, and its scripts run (DOMContentLoaded): what the browser spends before our code waits on data. */
  responseEndMs: number;
  scriptsRunMs: number;
}

/** What each page shows when it is ready: the popup's page status and recent items, the library's first rows. */
const READY_WHEN: Record<string, string[]> = {
  '/options.html': ['#display-name'],
  '/popup.html': ['[data-testid="article-metadata"]', '[data-testid="page-stored"]', '[data-testid="article-list"] li'],
  '/library.html': ['[data-testid="article-row"]'],
};

/**
 * Runs in every page before the page's own scripts: watches the DOM for the wanted elements and
 * takes the time of the next frame once they are all there. (Polling from the test runner would
 * only start once its own script is injected, which on a fast page is after the page is ready.)
 * A string, not a function: tsx would wrap a function in helpers the page does not have.
 */
const WATCH_READY = `(() => {
  const wanted = ${JSON.stringify(READY_WHEN)}[location.pathname];
  if (!wanted) return;
  globalThis.__pizhuReady = new Promise((done) => {
    const observer = new MutationObserver(() => {
      if (!wanted.every((selector) => document.querySelector(selector))) return;
      observer.disconnect();
      requestAnimationFrame(() => done(performance.now()));
    });
    observer.observe(document, { childList: true, subtree: true, characterData: true });
  });
})();`;

/** A page opened in a new tab and timed until it shows what READY_WHEN wants of it. */
async function timeToReady(context: BrowserContext, url: string): Promise<{ timing: ReadyTiming; page: Page }> {
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'commit' });
  const ms = (await page.evaluate('globalThis.__pizhuReady')) as number;
  const navigation = await page.evaluate(() => {
    const [entry] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
    return { responseEndMs: entry?.responseEnd ?? 0, scriptsRunMs: entry?.domContentLoadedEventStart ?? 0 };
  });
  return { timing: { ms, ...navigation }, page };
}

const medianTiming = (timings: ReadyTiming[]): ReadyTiming => ({
  ms: median(timings.map((timing) => timing.ms)),
  responseEndMs: median(timings.map((timing) => timing.responseEndMs)),
  scriptsRunMs: median(timings.map((timing) => timing.scriptsRunMs)),
});

/** A six-character run of Chinese characters from the middle of a real text. */
function sixCharacterQuery(texts: string[]): string {
  for (const text of texts) {
    const run = /[\u4e00-\u9fa5]{6}/.exec(text.slice(Math.floor(text.length / 2)));
    if (run) return run[0];
  }
  throw new Error('no Chinese text in the corpus');
}

async function measure(count: number, texts: string[], script: string) {
  const server = await startPortalServer();
  const { context, background, extensionId } = await launchWithExtension({ portalPort: server.port });
  const origin = `chrome-extension://${extensionId}`;
  await context.addInitScript({ content: WATCH_READY });
  try {
    const seeder = await context.newPage();
    await seeder.goto(`${origin}/options.html`);
    await seeder.evaluate(script);
    const seeded = await seeder.evaluate(
      ([pool, n, perArticle]) =>
        (globalThis as unknown as { librarySeed: SeedApi }).librarySeed.seed(pool, n, perArticle, 7),
      [texts, count, ANNOTATIONS_PER_ARTICLE] as const,
    );
    console.error(
      `seeded ${count} articles and ${count * ANNOTATIONS_PER_ARTICLE} annotations in ${(seeded.ms / 1000).toFixed(1)} s`,
    );

    const article = await context.newPage();
    await article.goto(DEMO_ARTICLE_URL);
    const tabId = await waitForReportedTab(background, DEMO_ARTICLE_URL);
    if (tabId === null) throw new Error('the content script did not report the demo article');

    // For scale: an extension page with no data to read (the options page) becoming ready.
    const blank: ReadyTiming[] = [];
    for (let run = 0; run < REPEATS; run++) {
      const { timing, page } = await timeToReady(context, `${origin}/options.html`);
      blank.push(timing);
      await page.close();
    }

    const popupReady: ReadyTiming[] = [];
    for (let run = 0; run < REPEATS; run++) {
      const { timing, page } = await timeToReady(context, `${origin}/popup.html?tabId=${tabId}`);
      popupReady.push(timing);
      await page.close();
    }

    // The popup as a reader opens it: the toolbar button, then the first screen's mark in the popup
    // (from the popup's own navigation start; the browser takes its time before that, see README).
    const toolbarPopupReady: number[] = [];
    const toolbarPopupStart: number[] = [];
    for (let run = 0; run < REPEATS; run++) {
      await article.bringToFront();
      const clickedAt = Date.now();
      await clickToolbarButton(context, article, extensionId);
      const readMark = `new Promise((done) => {
        const read = () => {
          const [mark] = performance.getEntriesByName('${FIRST_SCREEN_MARK}');
          if (!mark) return setTimeout(read, 10);
          done([mark.startTime, performance.timeOrigin]);
          setTimeout(() => window.close(), 50);
        };
        read();
      })`;
      const [readyMs, startedAt] = (await evaluateInToolbarPopup(context, extensionId, readMark)) as [number, number];
      toolbarPopupReady.push(readyMs);
      toolbarPopupStart.push(startedAt - clickedAt);
      await new Promise((done) => setTimeout(done, 300));
    }

    const libraryFirstScreen: ReadyTiming[] = [];
    let library: Page | null = null;
    for (let run = 0; run < REPEATS; run++) {
      const { timing, page } = await timeToReady(context, `${origin}/library.html`);
      libraryFirstScreen.push(timing);
      // Each load is measured alone: the page's deferred counts (the articles', and the notes' the
      // backup offer shows) finish before the next one opens.
      await page.waitForFunction(
        () =>
          /\d/.test(document.querySelector('[data-testid="article-total"]')?.textContent ?? '') &&
          document.querySelector('[data-testid="backup-offer"]'),
      );
      if (run < REPEATS - 1) await page.close();
      else library = page;
    }
    await library!.evaluate(script);
    const breakdown = await library!.evaluate(() =>
      (globalThis as unknown as { librarySeed: SeedApi }).librarySeed.timeQueries(),
    );
    const queries = { two: '政法', six: sixCharacterQuery(texts), ...COMMON_QUERIES };
    const search: Record<string, { ms: number; hits: number; more: boolean }[]> = Object.fromEntries(
      Object.keys(queries).map((key) => [key, []]),
    );
    for (let run = 0; run < REPEATS; run++) {
      for (const [key, query] of Object.entries(queries)) {
        search[key]!.push(
          await library!.evaluate(
            ([q]) => (globalThis as unknown as { librarySeed: SeedApi }).librarySeed.timeSearch(q, 50),
            [query] as const,
          ),
        );
      }
    }
    const cdp = await context.newCDPSession(library!);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };

    const clip = [];
    for (let run = 0; run < REPEATS; run++) {
      const popup = await context.newPage();
      await popup.goto(`${origin}/popup.html?tabId=${tabId}`);
      const button = popup.getByTestId('clip');
      await button.waitFor();
      await popup.evaluate(() => {
        const timing = globalThis as unknown as { clipMs: Promise<number> };
        const clipButton = document.querySelector('[data-testid="clip"]')!;
        timing.clipMs = new Promise((done) => {
          let started = 0;
          clipButton.addEventListener('click', () => (started = performance.now()), { capture: true, once: true });
          new MutationObserver(() => {
            if (started && clipButton.textContent === '已剪藏') done(performance.now() - started);
          }).observe(clipButton, { childList: true, characterData: true, subtree: true });
        });
      });
      await button.click();
      clip.push(await popup.evaluate(() => (globalThis as unknown as { clipMs: Promise<number> }).clipMs));
      await popup.close();
    }

    return {
      articles: count,
      annotations: count * ANNOTATIONS_PER_ARTICLE,
      seedSeconds: seeded.ms / 1000,
      blankPageReadyMs: median(blank.map((timing) => timing.ms)),
      popupReadyMs: median(popupReady.map((timing) => timing.ms)),
      toolbarPopupReadyMs: median(toolbarPopupReady),
      /** From the click to the popup's navigation start: the browser's, before any of Pizhu loads. */
      toolbarPopupStartMs: median(toolbarPopupStart),
      libraryFirstScreenMs: median(libraryFirstScreen.map((timing) => timing.ms)),
      /** The library's first screen against a blank extension page, medians of the same run. */
      libraryFirstScreenVsBlank:
        median(libraryFirstScreen.map((timing) => timing.ms)) / median(blank.map((timing) => timing.ms)),
      pageLoads: {
        blank: medianTiming(blank),
        popup: medianTiming(popupReady),
        library: medianTiming(libraryFirstScreen),
      },
      search2Ms: median(search.two!.map((run) => run.ms)),
      search2Hits: search.two![0]!.hits,
      search6Ms: median(search.six!.map((run) => run.ms)),
      search6Query: queries.six,
      search6Hits: search.six![0]!.hits,
      /** Queries whose first characters are the most common in Chinese text (the index's largest buckets). */
      searchCommonMs: Object.fromEntries(
        Object.entries(COMMON_QUERIES).map(([key, query]) => [
          query,
          { ms: median(search[key]!.map((run) => run.ms)), hits: search[key]![0]!.hits },
        ]),
      ),
      clipMs: median(clip),
      libraryHeapMB: heap.usedSize / 1024 / 1024,
      queryBreakdownMs: breakdown,
    };
  } finally {
    await context.close();
    await server.close();
  }
}

async function main() {
  ensureBuild('chrome');
  const texts = extractChineseArticles()
    .map(({ extract }) => extract.text)
    .filter((text) => text.length > 800);
  const script = await bundleForPage(resolve(import.meta.dirname, 'library-seed-entry.ts'));
  const results = [];
  for (const count of SIZES) {
    const result = await measure(count, texts, script);
    results.push(result);
    console.log(
      `${String(count).padStart(6)} articles: blank extension page ${result.blankPageReadyMs.toFixed(0)} ms · popup ready ${result.popupReadyMs.toFixed(0)} ms in a tab, ${result.toolbarPopupReadyMs.toFixed(0)} ms from the toolbar (opened ${result.toolbarPopupStartMs.toFixed(0)} ms after the click) · library first screen ${result.libraryFirstScreenMs.toFixed(0)} ms (×${result.libraryFirstScreenVsBlank.toFixed(2)} of the blank page) · search 政法 ${result.search2Ms.toFixed(1)} ms (${result.search2Hits} shown) · search ${result.search6Query} ${result.search6Ms.toFixed(1)} ms (${result.search6Hits} shown) · clip ${result.clipMs.toFixed(0)} ms · library heap ${result.libraryHeapMB.toFixed(1)} MB`,
    );
    console.log(
      `        common first characters: ${Object.entries(result.searchCommonMs)
        .map(([query, { ms, hits }]) => `${query} ${ms.toFixed(1)} ms (${hits} shown)`)
        .join(' · ')}`,
    );
    console.log(
      `        queries: ${Object.entries(result.queryBreakdownMs)
        .map(([name, ms]) => `${name} ${ms.toFixed(1)}`)
        .join(' · ')}`,
    );
    console.log(
      `        page loads (bytes in / scripts run / ready, ms): ${Object.entries(result.pageLoads)
        .map(
          ([name, timing]) =>
            `${name} ${timing.responseEndMs.toFixed(0)} / ${timing.scriptsRunMs.toFixed(0)} / ${timing.ms.toFixed(0)}`,
        )
        .join(' · ')}`,
    );
  }
  const [small, large] = results;
  const growth = large
    ? Object.fromEntries(
        (
          [
            'popupReadyMs',
            'toolbarPopupReadyMs',
            'libraryFirstScreenMs',
            'search2Ms',
            'search6Ms',
            'clipMs',
            'libraryHeapMB',
          ] as const
        ).map((key) => [key, large[key] / small![key]]),
      )
    : null;
  if (growth) {
    console.log(
      `growth from ${small!.articles} to ${large!.articles} articles: ${Object.entries(growth)
        .map(([key, ratio]) => `${key} ×${ratio.toFixed(2)}`)
        .join(', ')}`,
    );
  }
  mkdirSync(resolve(ROOT, 'bench-results'), { recursive: true });
  writeFileSync(
    resolve(ROOT, 'bench-results/library.json'),
    `${JSON.stringify({ date: new Date().toISOString(), results, growth }, null, 2)}\n`,
  );
  console.error('Wrote bench-results/library.json');
}

runMain(main);
