// @vitest-environment node
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS_DIR } from '../../scripts/corpus/load-corpus';

/**
 * The project's own corpus (tests/corpus): every manifest-<part>.json entry points at a page that is
 * there with the bytes it names, carries the fields a labelled page needs, and comes from a
 * repository we may take pages from. The held-out repositories measure the extractor on pages
 * nobody tuned on, so a page from them here would leak them into the rules.
 */
const OWN_DIR = resolve(import.meta.dirname, '../corpus');
const HELD_OUT_REPOS = [
  'immortal-autumn/Chinese-Web-Content-Extraction-Dataset',
  'sonyfe25cp/EventsMachine',
  'jshemas/openGraphScraperPages',
  'opendatalab/magic-html',
];
const PREFIX_OF_PART: Record<string, string> = { gov: 'g-', portal: 'p-', more: 'm-' };
const KINDS = ['article', 'list', 'home', 'forum', 'qa', 'search', 'video', 'other'];
const GOLD_FIELDS = [
  'title',
  'published',
  'source',
  'author',
  'editor',
  'first_sentence',
  'last_sentence',
  'body_chars_approx',
] as const;

interface Entry {
  id: string;
  file: string;
  repo: string;
  path: string;
  commit: string;
  original_url: string | null;
  site: string;
  lang: string;
  kind: string;
  encoding: string;
  declared_charsets: string[];
  bytes: number;
  sha256: string;
  license: string;
  gold: Record<(typeof GOLD_FIELDS)[number], string | number | null>;
  notes: string;
  split: string;
}

const manifests = readdirSync(OWN_DIR)
  .filter((name) => /^manifest-[a-z]+\.json$/.test(name))
  .map((name) => ({
    part: name.slice('manifest-'.length, -'.json'.length),
    entries: JSON.parse(readFileSync(resolve(OWN_DIR, name), 'utf8')) as Entry[],
  }));
const entries = manifests.flatMap(({ part, entries }) => entries.map((entry) => ({ part, entry })));

function sharedSha256s(): Set<string> {
  return new Set(
    ['manifest.json', 'manifest-dev2.json'].flatMap((name) =>
      (JSON.parse(readFileSync(resolve(CORPUS_DIR, name), 'utf8')) as { sha256: string }[]).map((page) => page.sha256),
    ),
  );
}

describe('the own corpus manifests', () => {
  it('have entries, each under an id unique across all manifests', () => {
    expect(entries.length).toBeGreaterThan(0);
    const ids = entries.map(({ entry }) => entry.id);
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
  });

  it('point at pages whose bytes match the recorded size and sha256', () => {
    const mismatches = entries.flatMap(({ entry }) => {
      const file = resolve(OWN_DIR, entry.file);
      if (!existsSync(file)) return [`${entry.id}: ${entry.file} is missing`];
      const bytes = readFileSync(file);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      return bytes.length === entry.bytes && sha256 === entry.sha256 ? [] : [`${entry.id}: bytes differ`];
    });
    expect(mismatches).toEqual([]);
  });

  it('give every field a labelled page needs, in its form', () => {
    const problems = entries.flatMap(({ part, entry }) => {
      const wrong: string[] = [];
      const prefix = PREFIX_OF_PART[part];
      if (prefix === undefined || !entry.id.startsWith(prefix)) wrong.push('id prefix');
      if (entry.file !== `pages/${entry.id}.html`) wrong.push('file');
      if (!/^[^/\s]+\/[^/\s]+$/.test(entry.repo) || !entry.path) wrong.push('repo/path');
      if (!/^[0-9a-f]{40}$/.test(entry.commit)) wrong.push('commit');
      if (!/\(.+\)/.test(entry.site)) wrong.push('site without (domain)');
      if (entry.lang !== 'zh' || entry.split !== 'dev') wrong.push('lang/split');
      if (!KINDS.includes(entry.kind)) wrong.push('kind');
      if (!entry.encoding || !Array.isArray(entry.declared_charsets)) wrong.push('encoding');
      if (!/^[0-9a-f]{64}$/.test(entry.sha256) || !entry.license || !entry.notes) wrong.push('sha256/license/notes');
      if (!entry.gold || GOLD_FIELDS.some((field) => !(field in entry.gold))) return [`${entry.id}: gold fields`];
      if (typeof entry.gold.title !== 'string' || entry.gold.title === '') wrong.push('title');
      const published = entry.gold.published;
      if (published !== null && !/^\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?$/.test(String(published))) wrong.push('published');
      const restOfGold = GOLD_FIELDS.filter((field) => field !== 'title').map((field) => entry.gold[field]);
      if (entry.kind !== 'article' && restOfGold.some((value) => value !== null)) wrong.push('non-article gold');
      if (
        entry.kind === 'article' &&
        (!entry.gold.first_sentence || !entry.gold.last_sentence || !entry.gold.body_chars_approx)
      )
        wrong.push('article body');
      return wrong.map((what) => `${entry.id}: ${what}`);
    });
    expect(problems).toEqual([]);
  });

  it('take no page from the held-out repositories nor any page of ../shared/corpus', () => {
    const shared = sharedSha256s();
    const leaks = entries
      .filter(({ entry }) => HELD_OUT_REPOS.includes(entry.repo) || shared.has(entry.sha256))
      .map(({ entry }) => entry.id);
    expect(leaks).toEqual([]);
  });
});
