import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const CORPUS_DIR = resolve(import.meta.dirname, '../../../shared/corpus');

export interface Gold {
  title: string | null;
  published: string | null;
  source: string | null;
  author: string | null;
  editor: string | null;
  first_sentence: string | null;
  last_sentence: string | null;
  body_chars_approx: number | null;
}

export interface CorpusPage {
  id: string;
  file: string;
  original_url: string | null;
  site: string;
  lang: string;
  split: 'dev' | 'holdout';
  kind?: 'article' | 'list' | 'home' | 'other';
  gold?: Gold;
}

/** The corpus manifest; throws when ../shared/corpus is not beside the checkout. */
export function loadCorpus(): CorpusPage[] {
  return JSON.parse(readFileSync(resolve(CORPUS_DIR, 'manifest.json'), 'utf8')) as CorpusPage[];
}

export function corpusBytes(page: Pick<CorpusPage, 'file'>): Buffer {
  return readFileSync(resolve(CORPUS_DIR, page.file));
}

/** The address a page is analysed under: where it came from, or a neutral one when unknown. */
export function corpusUrl(page: CorpusPage): string {
  return page.original_url ?? `https://example.invalid/${page.id}.html`;
}
