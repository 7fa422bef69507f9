import { readPage, type PageReading } from '../extract/page-reading';
import { ARTICLE_SIGNALS } from './signals';
import { readPageFacts } from './signals/signal';

export interface Detection {
  isArticle: boolean;
  score: number;
  reasons: string[];
}

/** Score at and above which a page is taken for an article. */
export const ARTICLE_THRESHOLD = 3;

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * Is this page an article? Each named signal adds evidence for (or, for list and home pages,
 * against); the sum decides. Cheap enough to run on every page load of a portal site.
 */
export function detectArticle(document: Document, url: string, reading: PageReading = readPage(document)): Detection {
  const facts = readPageFacts(document, parseUrl(url), reading);
  let score = 0;
  const reasons: string[] = [];
  for (const signal of ARTICLE_SIGNALS) {
    const weight = signal.test(facts);
    if (weight === 0) continue;
    score += weight;
    reasons.push(`${signal.name}${weight > 0 ? '+' : ''}${weight}`);
  }
  return { isArticle: score >= ARTICLE_THRESHOLD, score, reasons };
}
