import { detectArticle } from '../../utils/detect/detect-article';
import { extractArticle } from '../../utils/extract/extract-article';
import { readPage } from '../../utils/extract/page-reading';
import { plainReadability } from './plain-readability';

type Tool = 'pizhu' | 'readability' | 'detect';

const TOOLS: Record<Tool, () => unknown> = {
  pizhu: () => {
    const reading = readPage(document);
    detectArticle(document, location.href, reading);
    return extractArticle(document, location.href, { reading });
  },
  readability: () => plainReadability(document),
  detect: () => detectArticle(document, location.href),
};

const middle = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * Runs inside each page of the Chromium benchmark: every tool `repeats` times, alternating so
 * that none gets a warmer cache, and returns each tool's median milliseconds.
 */
function time(repeats: number): Record<Tool, number> {
  const runs: Record<Tool, number[]> = { pizhu: [], readability: [], detect: [] };
  for (let repeat = 0; repeat < repeats; repeat++) {
    for (const name of Object.keys(TOOLS) as Tool[]) {
      const start = performance.now();
      TOOLS[name]();
      runs[name].push(performance.now() - start);
    }
  }
  return { pizhu: middle(runs.pizhu), readability: middle(runs.readability), detect: middle(runs.detect) };
}

(globalThis as unknown as { pizhuBench: unknown }).pizhuBench = { time };
