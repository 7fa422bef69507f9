import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { MissingPrerequisite } from '../run-main';

export const CORPUS_DIR = resolve(import.meta.dirname, '../../../shared/corpus');
/** The project's own corpus: `manifest-<part>.json` files beside `pages/`. */
export const PROJECT_CORPUS_DIR = resolve(import.meta.dirname, '../../tests/corpus');

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
  kind?: 'article' | 'list' | 'home' | 'forum' | 'qa' | 'search' | 'video' | 'other';
  gold?: Gold;
  /** Which corpus the page belongs to ('shared', or the part of tests/corpus: 'gov', 'portal'); set by loadCorpora. */
  corpus?: string;
  /** The folder `file` is relative to; ../shared/corpus when absent. */
  dir?: string;
}

/**
 * ../shared/corpus alone, both manifests: the first 67 pages, and the 50 labelled dev pages of
 * manifest-dev2.json (the corpus README says why they were kept apart at first) — the pages other
 * tests and benchmarks pick by id. Throws when ../shared/corpus is not beside the checkout.
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

const readManifest = (dir: string, manifest: string, corpus: string): CorpusPage[] =>
  (JSON.parse(readFileSync(resolve(dir, manifest), 'utf8')) as CorpusPage[]).map((page) => ({ ...page, corpus, dir }));

/**
 * Every corpus there is: ../shared/corpus (both manifests) and each `tests/corpus/manifest-<part>.json`,
 * each page tagged with its corpus. A folder that is not there holds no pages; only when neither
 * is there does it throw.
 */
export function loadCorpora(): CorpusPage[] {
  const shared = existsSync(CORPUS_DIR)
    ? ['manifest.json', 'manifest-dev2.json'].flatMap((manifest) => readManifest(CORPUS_DIR, manifest, 'shared'))
    : [];
  const project = existsSync(PROJECT_CORPUS_DIR)
    ? readdirSync(PROJECT_CORPUS_DIR)
        .filter((name) => /^manifest-[\w-]+\.json$/.test(name))
        .sort()
        .flatMap((name) => readManifest(PROJECT_CORPUS_DIR, name, /^manifest-([\w-]+)\.json$/.exec(name)![1]!))
    : [];
  if (!shared.length && !project.length) {
    throw new MissingPrerequisite(
      `no corpus: ../shared/corpus beside this checkout (${CORPUS_DIR}) or tests/corpus/manifest-*.json.`,
    );
  }
  return [...shared, ...project];
}

/** The domain a page's site is known by ("名称 (domain)" in the manifests), which leave-one-site-out groups by. */
export function siteDomainOf(page: Pick<CorpusPage, 'site' | 'original_url'>): string {
  const named = /\(([a-z0-9.-]+\.[a-z]{2,})\)/i.exec(page.site)?.[1];
  if (named) return named.toLowerCase().replace(/^www\./, '');
  try {
    if (page.original_url) return new URL(page.original_url).hostname.replace(/^www\./, '');
  } catch {
    // An address that does not parse names no site; the label does.
  }
  return page.site;
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

export function corpusBytes(page: Pick<CorpusPage, 'file' | 'dir'>): Buffer {
  return readFileSync(resolve(page.dir ?? CORPUS_DIR, page.file));
}

/** The address a page is analysed under: where it came from, or a neutral one when unknown. */
export function corpusUrl(page: CorpusPage): string {
  return page.original_url ?? `https://example.invalid/${page.id}.html`;
}
