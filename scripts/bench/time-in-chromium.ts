import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { bundleForPage } from '../browser/bundle-for-page';
import { CHROMIUM_FLAGS, findChromium } from '../browser/launch-with-extension';
import { startPortalServer } from '../serve/portal-server';
import type { CorpusPage } from '../corpus/load-corpus';

const REPEATS = 7;

export interface ChromiumTimes {
  /** Median over pages of each page's median milliseconds. */
  pizhu: number;
  readability: number;
  detect: number;
  perPage: Record<string, { pizhu: number; readability: number; detect: number }>;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/**
 * Times Pizhu's detector + extractor and plain Readability on the same corpus pages in a real
 * headless Chromium, alternating the two so that neither gets a warmer cache. Every request but
 * the page itself is blocked (the machine is offline anyway); inline page scripts run, as live.
 */
export async function timeInChromium(pages: CorpusPage[]): Promise<ChromiumTimes> {
  const script = await bundleForPage(resolve(import.meta.dirname, 'browser-entry.ts'));
  const server = await startPortalServer();
  const browser = await chromium.launch({
    executablePath: findChromium(),
    headless: true,
    args: CHROMIUM_FLAGS,
  });
  const context = await browser.newContext();
  await context.route('**/*', (route) =>
    route.request().resourceType() === 'document' ? route.continue() : route.abort(),
  );
  const page = await context.newPage();
  const perPage: ChromiumTimes['perPage'] = {};
  try {
    for (const corpusPage of pages) {
      await page.goto(`http://127.0.0.1:${server.port}/corpus/${corpusPage.id}.html`, {
        waitUntil: 'domcontentloaded',
      });
      await page.addScriptTag({ content: script });
      perPage[corpusPage.id] = await page.evaluate(
        (repeats) =>
          (
            globalThis as unknown as { pizhuBench: { time: (n: number) => ChromiumTimes['perPage'][string] } }
          ).pizhuBench.time(repeats),
        REPEATS,
      );
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const all = Object.values(perPage);
  return {
    pizhu: median(all.map((times) => times.pizhu)),
    readability: median(all.map((times) => times.readability)),
    detect: median(all.map((times) => times.detect)),
    perPage,
  };
}
