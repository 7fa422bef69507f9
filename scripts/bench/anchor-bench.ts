/**
 * `npm run bench:anchor`: resolves and paints N = 100, 1,000 and 10,000 quotes in a real Chromium
 * on the largest corpus article and on a generated page of about 300,000 characters, with Pizhu's
 * anchoring and, on the same quotes, @apache-annotator/dom and dom-anchor-text-quote (the
 * approach Hypothesis used); then, with the built extension, the time from a toolbar click to the
 * painted highlight; and a study group's notes (30 members × 100 notes that overlap) loaded on the
 * largest article with density (passages joined, underlined by member count) against the same
 * notes as one member's. Prints a table and writes bench-results/anchor.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { bundleForPage } from '../browser/bundle-for-page';
import { measureClickToPaint, type ClickToPaint } from './click-to-paint';
import { CHROMIUM_FLAGS, findChromium } from '../browser/launch-with-extension';
import { extractChineseArticles } from '../corpus/chinese-articles';
import { startPortalServer } from '../serve/portal-server';
import { runMain } from '../run-main';
import { ensureBuild } from '../build/ensure-build';

const ROOT = resolve(import.meta.dirname, '../..');
const GENERATED_CHARS = 300_000;
/** Peers are slow enough that they run on fewer quotes; their cost is reported per 1,000. */
const PEER_COUNTS: Record<'largest' | 'generated', Record<'apache' | 'hypothesis', number[]>> = {
  largest: { apache: [100], hypothesis: [100, 1000] },
  generated: { apache: [10], hypothesis: [100] },
};
const PIZHU_COUNTS = [100, 1000, 10_000];
const PIZHU_REPEATS = 5;
const GROUP = { members: 30, perMember: 100 };

type Method = 'pizhu' | 'apache' | 'hypothesis';

function pages() {
  const articles = extractChineseArticles();
  const largest = articles.reduce((a, b) => (b.extract.length > a.extract.length ? b : a));
  const paragraphs: string[] = [];
  let length = 0;
  for (let round = 0; length < GENERATED_CHARS; round++) {
    for (const { extract } of articles) {
      for (const line of extract.text.split('\n')) {
        paragraphs.push(`<p>${line.replace(/[<&]/g, (char) => (char === '<' ? '&lt;' : '&amp;'))}</p>`);
        length += line.length;
      }
      if (length >= GENERATED_CHARS) break;
    }
  }
  const page = (body: string) =>
    `<!DOCTYPE html><html><head><meta charset="utf-8"><title>bench</title></head><body>${body}</body></html>`;
  return {
    largest: { name: `largest corpus article (${largest.id})`, html: page(largest.extract.html) },
    generated: { name: 'generated page', html: page(paragraphs.join('\n')) },
  };
}

interface Density {
  members: number;
  notes: number;
  placed: number;
  /** Medians of the annotator's load (script, and to the end of the next frame): with the group's density, and the same notes as one member's. */
  densityMs: number;
  plainMs: number;
  densityFrameMs: number;
  plainFrameMs: number;
  ratio: number;
  frameRatio: number;
}

type GroupLoad = { ms: number; frameMs: number; placed: number; notes: number };

/** The group's notes loaded with and without density on fresh pages, each first in turn; medians. */
async function measureDensity(tab: Page, url: string, script: string): Promise<Density> {
  const runs: Record<'density' | 'plain', GroupLoad[]> = { density: [], plain: [] };
  for (let repeat = 0; repeat < PIZHU_REPEATS * 2; repeat++) {
    const order = repeat % 2 ? (['plain', 'density'] as const) : (['density', 'plain'] as const);
    for (const mode of order) {
      await tab.goto(url);
      await tab.addScriptTag({ content: script });
      runs[mode].push(
        await tab.evaluate(
          ([members, perMember, oneMember]) =>
            (
              globalThis as unknown as {
                anchorBench: { groupLoad: (m: number, p: number, s: number, one: boolean) => Promise<GroupLoad> };
              }
            ).anchorBench.groupLoad(members, perMember, 7, oneMember),
          [GROUP.members, GROUP.perMember, mode === 'plain'] as const,
        ),
      );
    }
  }
  const median = (list: GroupLoad[], key: 'ms' | 'frameMs') =>
    list.map((run) => run[key]).sort((a, b) => a - b)[list.length >> 1]!;
  const [densityMs, plainMs] = [median(runs.density, 'ms'), median(runs.plain, 'ms')];
  const [densityFrameMs, plainFrameMs] = [median(runs.density, 'frameMs'), median(runs.plain, 'frameMs')];
  const { notes, placed } = runs.density[0]!;
  console.log(
    `group density on the largest article: ${GROUP.members} members × ${GROUP.perMember} notes (${notes} notes, ${placed} placed), medians of ${runs.density.length}: load with density ${densityMs.toFixed(1)} ms (to the end of the next frame ${densityFrameMs.toFixed(1)} ms), the same notes as one member's ${plainMs.toFixed(1)} ms (${plainFrameMs.toFixed(1)} ms): ${(densityMs / plainMs).toFixed(2)}× (${(densityFrameMs / plainFrameMs).toFixed(2)}×)`,
  );
  return {
    members: GROUP.members,
    notes,
    placed,
    densityMs,
    plainMs,
    densityFrameMs,
    plainFrameMs,
    ratio: densityMs / plainMs,
    frameRatio: densityFrameMs / plainFrameMs,
  };
}

async function main() {
  // The click-to-paint part runs the built extension.
  ensureBuild('chrome');
  const script = await bundleForPage(resolve(import.meta.dirname, 'anchor-browser-entry.ts'));
  const server = await startPortalServer();
  const browser = await chromium.launch({
    executablePath: findChromium(),
    headless: true,
    args: CHROMIUM_FLAGS,
  });
  const results: {
    page: string;
    chars: number;
    method: Method;
    quotes: number;
    ms: number;
    msPer1000: number;
    placed: number;
  }[] = [];
  let density: Density;
  try {
    const tab = await browser.newPage();
    for (const [key, { name, html }] of Object.entries(pages()) as [
      'largest' | 'generated',
      { name: string; html: string },
    ][]) {
      server.servePage(`/bench/${key}.html`, html);
      for (const method of ['pizhu', 'hypothesis', 'apache'] as Method[]) {
        for (const quotes of method === 'pizhu' ? PIZHU_COUNTS : PEER_COUNTS[key][method]) {
          // A fresh page per run, so no method paints over another's leftovers. Pizhu is fast enough
          // to be run several times and reported by its median; the peers run once.
          const runs: { ms: number; placed: number }[] = [];
          let chars = 0;
          for (let repeat = 0; repeat < (method === 'pizhu' ? PIZHU_REPEATS : 1); repeat++) {
            await tab.goto(`http://127.0.0.1:${server.port}/bench/${key}.html`);
            await tab.addScriptTag({ content: script });
            chars = await tab.evaluate(() =>
              (globalThis as unknown as { anchorBench: { textLength: () => number } }).anchorBench.textLength(),
            );
            runs.push(
              await tab.evaluate(
                ([m, n]) =>
                  (
                    globalThis as unknown as {
                      anchorBench: {
                        run: (m: string, n: number, s: number) => Promise<{ ms: number; placed: number }>;
                      };
                    }
                  ).anchorBench.run(m, n, 42),
                [method, quotes] as const,
              ),
            );
          }
          const run = runs.sort((a, b) => a.ms - b.ms)[Math.floor(runs.length / 2)]!;
          results.push({
            page: name,
            chars,
            method,
            quotes,
            ms: run.ms,
            msPer1000: (run.ms / quotes) * 1000,
            placed: run.placed,
          });
          console.log(
            `${name.padEnd(52)} ${String(chars).padStart(7)} chars  ${method.padEnd(10)} N=${String(quotes).padStart(5)}  ${run.ms.toFixed(1).padStart(9)} ms  ${((run.ms / quotes) * 1000).toFixed(1).padStart(9)} ms/1000  placed ${run.placed}`,
          );
        }
      }
    }
    density = await measureDensity(tab, `http://127.0.0.1:${server.port}/bench/largest.html`, script);
  } finally {
    await browser.close();
  }
  let clickToPaint: ClickToPaint;
  try {
    clickToPaint = await measureClickToPaint(server);
  } finally {
    await server.close();
  }
  console.log(
    `click to painted highlight on the demo article (built extension, ${clickToPaint.clicks} clicks): handler median ${clickToPaint.handlerMs.median.toFixed(1)} ms, max ${clickToPaint.handlerMs.max.toFixed(1)} ms; end of next frame median ${clickToPaint.nextFrameMs.median.toFixed(1)} ms, max ${clickToPaint.nextFrameMs.max.toFixed(1)} ms; click on a highlight to its note on screen with the caret in it median ${clickToPaint.clickToNoteMs.median.toFixed(1)} ms, max ${clickToPaint.clickToNoteMs.max.toFixed(1)} ms`,
  );
  const per1000 = (page: string, method: Method) =>
    results.filter((result) => result.page === page && result.method === method).at(method === 'pizhu' ? 1 : -1)
      ?.msPer1000 ?? NaN;
  for (const page of new Set(results.map((result) => result.page))) {
    const ours = per1000(page, 'pizhu');
    console.log(
      `${page}: Pizhu is ${(per1000(page, 'apache') / ours).toFixed(0)}× faster than @apache-annotator/dom and ${(per1000(page, 'hypothesis') / ours).toFixed(0)}× faster than dom-anchor-text-quote per 1,000 quotes`,
    );
  }
  mkdirSync(resolve(ROOT, 'bench-results'), { recursive: true });
  writeFileSync(
    resolve(ROOT, 'bench-results/anchor.json'),
    `${JSON.stringify({ date: new Date().toISOString(), results, clickToPaint, density }, null, 2)}\n`,
  );
  console.error('Wrote bench-results/anchor.json');
}

runMain(main);
