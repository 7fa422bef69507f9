import { openDatabase } from '../../store/database';
import { libraryFacets, listArticles, searchLibrary } from '../../store/library-queries';
import { readRecentArticles } from '../../store/article-lookups';
import { readArticleRows } from '../../store/article-rows';
import { articleIdsWithTag, tagArticleKey, TAG_ARTICLES } from '../../store/tag-articles';
import {
  annotationSearchKey,
  annotationSearchText,
  articleSearchKey,
  articleSearchText,
} from '../../utils/search/search-documents';
import type { StoredArticle } from '../../utils/model/article';
import type { AnnotationRecord } from '../../utils/model/annotation';
import { indexDocuments, mergePending } from '../../store/search-index';
import { seededRandom } from './seeded-random';

/**
 * Runs in an extension page of the benchmark's browser: fills Pizhu's real database (the same
 * schema and search index the extension uses) with generated articles recombined from real
 * corpus texts and their annotations, and times library searches there.
 */
const COLORS = ['yellow', 'green', 'blue', 'pink', 'purple'] as const;
const TAGS = ['重点', '学习', '政法', '案例', '数据', '讨论', '待查', '引用'];
const SITES = [
  '中国长安网',
  '中国政府网',
  '人民网',
  '新华网',
  '光明网',
  '中国新闻网',
  '求是网',
  '央视网',
  '中国青年网',
  '法治网',
];
const NOTES = [
  '这一段可以在小组讨论时引用',
  '注意这里的数据来源',
  '与上周学习的内容相互印证',
  '需要进一步核实',
  '好的表述，值得学习',
];
const BATCH = 500;

function uuid(next: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((Math.floor(next() * 4) + 8) as number).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

async function seed(texts: string[], count: number, annotationsPerArticle: number, seedValue: number) {
  const db = openDatabase();
  const next = seededRandom(seedValue);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const started = performance.now();
  for (let first = 0; first < count; first += BATCH) {
    const articles: StoredArticle[] = [];
    const annotations: AnnotationRecord[] = [];
    for (let n = first; n < Math.min(count, first + BATCH); n++) {
      // A real-sized article: pieces of two corpus texts, 2,000–4,000 characters.
      const a = pick(texts);
      const b = pick(texts);
      const text = `${a.slice(0, 1000 + Math.floor(next() * 1500))}\n${b.slice(0, 1000 + Math.floor(next() * 500))}`;
      const lines = text.split('\n').filter(Boolean);
      const url = `http://www.bench${n}.gov.cn/xinwen/2024-01/01/content_${n}.htm`;
      const day = new Date(Date.UTC(2020, 0, 1) + Math.floor(next() * 1800) * 86_400_000).toISOString();
      const id = uuid(next);
      articles.push({
        id,
        url,
        urlKey: url.replace(/^http:/, 'https:'),
        canonicalUrl: null,
        title: (lines[0] ?? '').slice(0, 40) || `文章${n}`,
        publishedAt: day.slice(0, 10),
        publishedText: day.slice(0, 10),
        source: pick(SITES),
        author: null,
        editor: null,
        siteName: pick(SITES),
        column: null,
        lang: 'zh-CN',
        excerpt: text.slice(0, 160),
        text,
        html: lines.map((line) => `<p>${line.replace(/[<&]/g, '')}</p>`).join(''),
        outline: [],
        length: text.length,
        clippedAt: next() < 0.8 ? day : null,
        createdAt: day,
        updatedAt: day,
      });
      for (let k = 0; k < annotationsPerArticle; k++) {
        const start = Math.floor(next() * (text.length - 40));
        const exact = text.slice(start, start + 8 + Math.floor(next() * 30));
        annotations.push({
          id: uuid(next),
          url,
          urlKey: url.replace(/^http:/, 'https:'),
          articleId: id,
          quote: {
            exact,
            prefix: text.slice(Math.max(0, start - 32), start),
            suffix: text.slice(start + exact.length, start + exact.length + 32),
          },
          position: { start, end: start + exact.length },
          color: pick(COLORS),
          note: next() < 0.5 ? pick(NOTES) : '',
          tags: next() < 0.4 ? [pick(TAGS)] : [],
          author: '',
          createdAt: day,
          updatedAt: day,
        });
      }
    }
    await db.transaction('rw', [db.articles, db.annotations, db.searchDocs, db.searchPending], async () => {
      await db.articles.bulkAdd(articles);
      await db.annotations.bulkAdd(annotations);
      await indexDocuments(db, [
        ...articles.map((article) => ({ key: articleSearchKey(article.id), text: articleSearchText(article) })),
        ...annotations.map((annotation) => ({
          key: annotationSearchKey(annotation.id),
          text: annotationSearchText(annotation),
        })),
      ]);
    });
  }
  // Everything written, then indexed in a few large merges, as a big import would be.
  while ((await mergePending(db)) > 0);
  db.close();
  return { ms: performance.now() - started };
}

async function timeSearch(query: string, limit: number) {
  const db = openDatabase();
  await db.open();
  const started = performance.now();
  const { hits, more } = await searchLibrary(db, query, limit);
  const ms = performance.now() - started;
  db.close();
  return { ms, hits: hits.length, more };
}

/** Where the library's and the popup's first screens spend their time, query by query. */
async function timeQueries() {
  const times: Record<string, number> = {};
  const timed = async <T>(name: string, run: () => Promise<T>) => {
    const started = performance.now();
    const result = await run();
    times[name] = performance.now() - started;
    return result;
  };
  const db = openDatabase();
  await timed('openMs', () => db.open());
  await timed('recentMs', () => readRecentArticles(db.backendDB(), 8));
  await timed('firstPageMs', () => listArticles(db, { sort: 'clipped', filters: {}, offset: 0, limit: 25 }));
  await timed('facetsMs', () => libraryFacets(db));
  // The same distinct values through Dexie's uniqueKeys ('nextunique' cursors), for comparison.
  await timed('facetsUniqueKeysMs', () =>
    Promise.all([
      db.articles.orderBy('siteName').uniqueKeys(),
      db.annotations.orderBy('tags').uniqueKeys(),
      db.annotations.orderBy('author').uniqueKeys(),
    ]),
  );
  // The tag filter, the same filter as before schema v9 (the distinct keys of the notes' multiEntry
  // index), and the new key read alone: taken in turn, five times each, medians.
  const tagFilters: Record<string, () => Promise<unknown>> = {
    tagFilterMs: () => listArticles(db, { sort: 'clipped', filters: { tag: '重点' }, offset: 0, limit: 25 }),
    tagFilterFromNoteIndexMs: async () => {
      const keys = (await db.annotations
        .where(TAG_ARTICLES)
        .between(tagArticleKey('重点', ''), tagArticleKey('重点', '\uffff'), true, true)
        .uniqueKeys()) as string[];
      const allowed = new Set(keys.map((key) => key.slice(key.indexOf('\u0000') + 1)));
      return readArticleRows(db.backendDB(), 'clipped', 0, 25, allowed);
    },
    tagArticleIdsMs: () => articleIdsWithTag(db, '重点'),
  };
  const runs: Record<string, number[]> = {};
  for (let run = 0; run < 5; run++)
    for (const [name, filter] of Object.entries(tagFilters)) {
      await timed(name, filter);
      (runs[name] ??= []).push(times[name]!);
    }
  for (const [name, values] of Object.entries(runs)) times[name] = values.sort((a, b) => a - b)[2]!;
  db.close();
  return times;
}

(globalThis as unknown as { librarySeed: unknown }).librarySeed = { seed, timeSearch, timeQueries };
