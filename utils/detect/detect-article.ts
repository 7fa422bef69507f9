import { ARTICLE_SIGNALS, type SignalResult } from './signals';

export interface Detection {
  isArticle: boolean;
  score: number;
  reasons: string[];
}

/** Score at and above which a page is taken for an article. */
export const ARTICLE_THRESHOLD = 3;

/**
 * Is this page an article? Each named signal adds (or, for list and home pages, subtracts)
 * evidence; the sum decides. Cheap enough to run on every page load of a portal site.
 */
export function detectArticle(document: Document, url: string): Detection {
  let parsedUrl: URL | null = null;
  try {
    parsedUrl = new URL(url);
  } catch {
    parsedUrl = null;
  }
  const results: SignalResult[] = [];
  for (const signal of ARTICLE_SIGNALS) {
    const weight = signal.test(document, parsedUrl);
    if (weight !== 0) results.push({ name: signal.name, weight });
  }
  const score = results.reduce((sum, result) => sum + result.weight, 0);
  return {
    isArticle: score >= ARTICLE_THRESHOLD,
    score,
    reasons: results.map((result) => `${result.name}${result.weight > 0 ? '+' : ''}${result.weight}`),
  };
}
