import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { MissingPrerequisite } from '../run-main';

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

/**
 * Both manifests: the first 67 pages, and the 50 labelled dev pages of manifest-dev2.json (the
 * corpus README says why they were kept apart at first). Throws when ../shared/corpus is not
 * beside the checkout.
 */
export function loadCorpus(): CorpusPage[] {
  if (!existsSync(CORPUS_DIR)) {
    throw new MissingPrerequisite(
      `../shared (the corpus) must sit beside this checkout, at ${resolve(CORPUS_DIR, '..')}.`,
    );
  }
  return ['manifest.json', 'manifest-dev2.json'].flatMap(
    (manifest) => JSON.parse(readFileSync(resolve(CORPUS_DIR, manifest), 'utf8')) as CorpusPage[],
  );
}

export type SiteGroup = 'government' | 'state media' | 'commercial' | 'outside China';

/**
 * Who publishes a page, for reporting by group: government and public institutions (gov.cn and
 * the like), state and party media, commercial portals and self-media platforms, and the
 * foreign-language or Taiwanese contrast pages.
 */
export function siteGroupOf(page: Pick<CorpusPage, 'site' | 'lang'>): SiteGroup {
  if (page.lang !== 'zh') return 'outside China';
  if (/gov\.cn|edu\.cn|政府|委员会|研究所|研究院|学会|医院|医学部|政法/.test(page.site)) return 'government';
  if (
    /163\.com|sina|sohu|ifeng|qq\.com|yahoo|caijing|toutiao|mydrivers|guancha|baidu|pixnet|douban|zhihu|qidian|zol|autohome|11467|mlog/.test(
      page.site,
    )
  )
    return 'commercial';
  return 'state media';
}

export function corpusBytes(page: Pick<CorpusPage, 'file'>): Buffer {
  return readFileSync(resolve(CORPUS_DIR, page.file));
}

/** The address a page is analysed under: where it came from, or a neutral one when unknown. */
export function corpusUrl(page: CorpusPage): string {
  return page.original_url ?? `https://example.invalid/${page.id}.html`;
}
