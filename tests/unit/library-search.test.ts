import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ONLY_ME } from '@/utils/annotate/member-filter';
import { deleteAnnotation, saveAnnotation } from '@/store/annotation-store';
import { deleteArticles, restoreArticles, saveClippedArticle } from '@/store/article-store';
import { openDatabase, type PizhuDatabase } from '@/store/database';
import type { StoredArticle } from '@/utils/model/article';
import { countArticles } from '@/store/article-rows';
import { libraryFacets, listAllAnnotations, listArticles, searchLibrary } from '@/store/library-queries';
import { mergePending } from '@/store/search-index';
import { MAX_PARTS, SPLIT_AT } from '@/store/search-postings';
import { bigramsOf, passageAround, searchableText } from '@/utils/search/search-text';
import type { ArticleExtract } from '@/utils/model/article';
import type { AnnotationInput, AnnotationRecord } from '@/utils/model/annotation';
import { sampleExtract } from '../support/sample-extract';

describe('search text', () => {
  it('folds full-width letters, case and white space', () => {
    expect(searchableText('ＡＢＣ　政 法\n机关')).toBe('abc政法机关');
  });

  it('cuts text into distinct character pairs, rare characters whole', () => {
    expect(bigramsOf('政法政法')).toEqual(['政法', '法政']);
    expect(bigramsOf('𠀀字')).toEqual(['𠀀字']);
    expect(bigramsOf('政')).toEqual(['政']);
  });

  it('finds the passage around a query, across spaces and full-width forms', () => {
    expect(passageAround('前面的文字，政法机关的后面', '政法', 3)).toEqual({
      before: '…文字，',
      match: '政法',
      after: '机关的…',
    });
    expect(passageAround('型号 ＡＢＣ１２３ 的产品', 'abc123', 2)).toMatchObject({ match: 'ＡＢＣ１２３' });
    expect(passageAround('政 法机关', '政法', 0)).toMatchObject({ match: '政 法' });
    expect(passageAround('没有这个词', '政法')).toBeNull();
  });
});

let db: PizhuDatabase;
beforeEach(() => {
  db = openDatabase(`test-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
});

function article(n: number, overrides: Partial<ArticleExtract>): ArticleExtract {
  return { ...sampleExtract(`http://www.test${n}.gov.cn/a/content_${n}.htm`, `标题${n}`), ...overrides };
}

function note(url: string, overrides: Partial<AnnotationInput>): AnnotationInput {
  return {
    id: crypto.randomUUID(),
    url,
    quote: { exact: '正文第一段', prefix: '', suffix: '。' },
    position: { start: 0, end: 5 },
    color: 'yellow',
    note: '',
    tags: [],
    ...overrides,
  };
}

const titles = async (query: string) =>
  (await searchLibrary(db, query, 20)).hits.map((hit) =>
    hit.kind === 'article' ? hit.article.title : `注:${hit.annotation.note}`,
  );

describe('searchLibrary', () => {
  it('finds two- and six-character Chinese queries in text, titles and notes, before and after indexing catches up', async () => {
    const one = await saveClippedArticle(
      db,
      article(1, { title: '政法队伍建设', text: '全面加强政法队伍建设，推进执法规范化。' }),
    );
    await saveClippedArticle(db, article(2, { title: '经济工作', text: '经济社会发展稳中向好。' }));
    await saveAnnotation(db, note(one.url, { note: '小组讨论时重点学习' }), {
      author: '',
      loadArticle: async () => article(1, {}),
    });
    for (const merged of [false, true]) {
      if (merged) while ((await mergePending(db)) > 0);
      expect(await titles('政法')).toEqual(['政法队伍建设']);
      expect(await titles('推进执法规范化')).toEqual(['政法队伍建设']);
      expect(await titles('讨论')).toEqual(['注:小组讨论时重点学习']);
      expect(await titles('稳中向好')).toEqual(['经济工作']);
      expect(await titles('不存在')).toEqual([]);
    }
    expect(await db.searchPending.count()).toBe(0);
  });

  it('marks the matching passage', async () => {
    await saveClippedArticle(
      db,
      article(1, { title: '标题', text: `${'前文'.repeat(40)}政法机关${'后文'.repeat(40)}` }),
    );
    const [hit] = (await searchLibrary(db, '政法', 5)).hits;
    expect(hit?.passage?.match).toBe('政法');
    expect(hit?.passage?.before.endsWith('前文')).toBe(true);
  });

  it('finds records holding every word of a query of several words, wherever they are', async () => {
    await saveClippedArticle(db, article(1, { title: '高邮市政法工作会议', text: '会议指出，要让阳光司法惠及群众。' }));
    await saveClippedArticle(db, article(2, { title: '高邮新闻', text: '今日多云。' }));
    for (const merged of [false, true]) {
      if (merged) while ((await mergePending(db)) > 0);
      expect(await titles('高邮 阳光')).toEqual(['高邮市政法工作会议']);
      expect(await titles('阳光　高邮')).toEqual(['高邮市政法工作会议']);
      expect(await titles('高邮 暴雨')).toEqual([]);
    }
  });

  it('shows a title hit once: marked in the title, with no passage repeating it', async () => {
    await saveClippedArticle(db, article(1, { title: '政法队伍建设', text: '全文没有这个词。' }));
    const [hit] = (await searchLibrary(db, '队伍', 5)).hits;
    expect(hit).toMatchObject({ kind: 'article', title: { match: '队伍' }, passage: null });
  });

  it('forgets deleted articles and old text of re-clipped ones, and finds restored ones again', async () => {
    const first = await saveClippedArticle(db, article(1, { text: '旧的正文内容讲政法' }));
    while ((await mergePending(db)) > 0);
    await saveClippedArticle(db, article(1, { text: '新的正文内容讲经济' }));
    while ((await mergePending(db)) > 0);
    expect(await titles('政法')).toEqual([]);
    expect(await titles('经济')).toEqual(['标题1']);
    const deleted = await deleteArticles(db, [first.id]);
    expect(await titles('经济')).toEqual([]);
    await restoreArticles(db, deleted);
    expect(await titles('经济')).toEqual(['标题1']);
  });

  it('finds every article after many small folds, reading a bounded number of postings records per character', async () => {
    for (let n = 1; n <= MAX_PARTS + 3; n++) {
      await saveClippedArticle(db, article(n, { title: `标题${n}`, text: `第${n}篇讲政法` }));
      while ((await mergePending(db)) > 0);
    }
    expect(
      await db.searchPostings.where('[bucket+seq]').between(['政', 0], ['政', Infinity]).count(),
    ).toBeLessThanOrEqual(MAX_PARTS);
    expect((await titles('讲政法')).length).toBe(MAX_PARTS + 3);
    expect((await titles('政')).length).toBe(MAX_PARTS + 3);
  });

  it("splits a common character's bucket by the second character, so a query reads a sixteenth of it", async () => {
    // 的 before 4,200 different characters: more postings under 的 than one record is to hold.
    const others = Array.from({ length: 4_200 }, (_, n) => String.fromCodePoint(0x4e00 + n));
    await saveClippedArticle(db, article(1, { title: '常用字', text: others.map((c) => `的${c}`).join('') }));
    await saveClippedArticle(db, article(2, { title: '另一篇', text: '政法的确重要' }));
    while ((await mergePending(db)) > 0);
    const parts = await db.searchPostings.where('[bucket+seq]').between(['的', 0], ['的\uffff', Infinity]).toArray();
    expect(parts.length).toBeGreaterThan(8);
    for (const part of parts) expect(part.terms.size).toBeLessThanOrEqual(SPLIT_AT / 8);
    expect(await titles(`的${others[1_000]}`)).toEqual(['常用字']);
    expect(await titles('的确')).toEqual(['另一篇']);
    expect(await titles('的')).toEqual(['另一篇', '常用字']);
  });

  it('matches a one-character query', async () => {
    await saveClippedArticle(db, article(1, { text: '春天来了' }));
    while ((await mergePending(db)) > 0);
    expect(await titles('春')).toEqual(['标题1']);
  });
});

describe('listArticles', () => {
  it('sorts by clip date, publish date and title, and filters by site, tag, colour, state and date', async () => {
    const a = await saveClippedArticle(
      db,
      article(1, { title: '乙', siteName: '甲网', publishedAt: '2024-01-10' }),
      new Date('2024-03-01T00:00:00Z'),
    );
    await saveClippedArticle(
      db,
      article(2, { title: '甲', siteName: '乙网', publishedAt: '2024-02-10' }),
      new Date('2024-03-02T00:00:00Z'),
    );
    // Only annotated, never clipped.
    await saveAnnotation(db, note('http://www.test3.gov.cn/a/content_3.htm', { color: 'green', tags: ['重点'] }), {
      author: '',
      loadArticle: async () => article(3, { title: '丙', siteName: '甲网', publishedAt: null }),
      now: new Date('2024-03-03T00:00:00Z'),
    });
    await saveAnnotation(db, note(a.url, { color: 'pink' }), { author: '', loadArticle: async () => article(1, {}) });
    const list = async (sort: 'clipped' | 'published' | 'title', filters = {}) =>
      (await listArticles(db, { sort, filters, offset: 0, limit: 10 })).articles.map((row) => row.title);
    expect(await list('clipped')).toEqual(['甲', '乙', '丙']);
    expect(await list('published')).toEqual(['甲', '乙', '丙']);
    // Titles in code-point order: 丙 U+4E19, 乙 U+4E59, 甲 U+7532.
    expect(await list('title')).toEqual(['丙', '乙', '甲']);
    expect(await list('clipped', { site: '甲网' })).toEqual(['乙', '丙']);
    expect(await list('clipped', { tag: '重点' })).toEqual(['丙']);
    // The tag filter's index follows an edit of the tags, and no record read carries it.
    await db.annotations
      .where('tags')
      .equals('重点')
      .modify({ tags: ['复习'] });
    expect(await list('clipped', { tag: '重点' })).toEqual([]);
    expect(await list('clipped', { tag: '复习' })).toEqual(['丙']);
    await db.annotations
      .where('tags')
      .equals('复习')
      .modify({ tags: ['重点'] });
    expect((await db.annotations.toArray()).flatMap((record) => Object.keys(record))).not.toContain('tagArticles');
    expect(await list('clipped', { color: 'pink' })).toEqual(['乙']);
    expect(await list('clipped', { state: 'clipped' })).toEqual(['甲', '乙']);
    expect(await list('clipped', { state: 'annotated' })).toEqual(['乙', '丙']);
    expect(await list('published', { from: '2024-02-01', to: '2024-02-10' })).toEqual(['甲']);
    const page = await listArticles(db, { sort: 'clipped', filters: {}, offset: 1, limit: 1 });
    expect(page).toMatchObject({ total: null, articles: [{ id: a.id, annotationCount: 1 }] });
    expect(await countArticles(db.backendDB())).toBe(3);
    expect((await listArticles(db, { sort: 'clipped', filters: { site: '甲网' }, offset: 0, limit: 1 })).total).toBe(2);
    expect(page.articles[0]).not.toHaveProperty('html');
  });

  it('pages past the dated articles into the undated ones, with and without a filter', async () => {
    // Clipped 一 then 二; 三 then 四 only annotated (no clip date), newest created last.
    await saveClippedArticle(db, article(1, { title: '一', siteName: '甲网' }), new Date('2024-03-01T00:00:00Z'));
    await saveClippedArticle(db, article(2, { title: '二', siteName: '乙网' }), new Date('2024-03-02T00:00:00Z'));
    for (const [n, title, siteName, day] of [
      [3, '三', '乙网', '03'],
      [4, '四', '甲网', '04'],
    ] as const) {
      await saveAnnotation(db, note(`http://www.test${n}.gov.cn/a/content_${n}.htm`, {}), {
        author: '',
        loadArticle: async () => article(n, { title, siteName }),
        now: new Date(`2024-03-${day}T00:00:00Z`),
      });
    }
    const pageAt = async (offset: number, filters = {}) =>
      (await listArticles(db, { sort: 'clipped', filters, offset, limit: 1 })).articles.map((row) => row.title);
    expect(await Promise.all([0, 1, 2, 3, 4].map((offset) => pageAt(offset)))).toEqual([
      ['二'],
      ['一'],
      ['四'],
      ['三'],
      [],
    ]);
    expect(await Promise.all([0, 1, 2].map((offset) => pageAt(offset, { site: '甲网' })))).toEqual([
      ['一'],
      ['四'],
      [],
    ]);
    const twoAtOnce = await listArticles(db, { sort: 'clipped', filters: { site: '乙网' }, offset: 0, limit: 5 });
    expect(twoAtOnce).toMatchObject({ total: 2, articles: [{ title: '二' }, { title: '三', annotationCount: 1 }] });
  });

  it('filters by tag while the notes holding it are edited, deleted, restored and cleared', async () => {
    const a = await saveClippedArticle(db, article(1, { title: '一' }), new Date('2024-03-01T00:00:00Z'));
    const b = await saveClippedArticle(db, article(2, { title: '二' }), new Date('2024-03-02T00:00:00Z'));
    const save = (url: string, tags: string[], id?: string) =>
      saveAnnotation(db, note(url, { tags, ...(id ? { id } : {}) }), {
        author: '',
        loadArticle: async () => article(1, {}),
      });
    const first = await save(a.url, ['重点']);
    const second = await save(a.url, ['重点', '复习']);
    await save(b.url, ['复习']);
    const tagged = async (tag: string) =>
      (await listArticles(db, { sort: 'clipped', filters: { tag }, offset: 0, limit: 10 })).articles.map(
        (row) => row.title,
      );
    expect([await tagged('重点'), await tagged('复习')]).toEqual([['一'], ['二', '一']]);
    // 一 keeps 重点 while one of its notes holds it, and loses it with the last.
    await deleteAnnotation(db, first.id);
    expect(await tagged('重点')).toEqual(['一']);
    await save(a.url, ['复习'], second.id);
    expect([await tagged('重点'), await tagged('复习')]).toEqual([[], ['二', '一']]);
    const deleted = await deleteArticles(db, [b.id]);
    expect(await tagged('复习')).toEqual(['一']);
    await restoreArticles(db, deleted);
    expect(await tagged('复习')).toEqual(['二', '一']);
    await db.annotations.clear();
    expect([await tagged('复习'), await db.articleTags.count()]).toEqual([[], 0]);
  });

  it('offers each site, tag and member to filter by once, in order, however many notes share them', async () => {
    const a = await saveClippedArticle(db, article(1, { siteName: '乙网' }));
    await saveClippedArticle(db, article(2, { siteName: '甲网' }));
    await saveClippedArticle(db, article(3, { siteName: '乙网' }));
    await saveClippedArticle(db, article(4, { siteName: null }));
    const tagged = [['学习', '学习小组'], ['学习'], ['重点', '学习'], [], ['学', '学习']];
    for (const [index, tags] of tagged.entries()) {
      await saveAnnotation(db, note(a.url, { tags }), {
        author: index % 2 ? '小王' : index === 4 ? '' : '小李',
        loadArticle: async () => article(1, {}),
      });
    }
    expect(await libraryFacets(db)).toEqual({
      sites: ['乙网', '甲网'],
      tags: ['学', '学习', '学习小组', '重点'],
      authors: ['小李', '小王'],
    });
  });

  it('lists one member’s notes, or the reader’s own (by member id, by name before sync), for articles and notes alike', async () => {
    const a = await saveClippedArticle(db, article(1, {}));
    const b = await saveClippedArticle(db, article(2, {}));
    const save = (url: string, text: string, author: string, memberId?: string) =>
      saveAnnotation(db, note(url, { note: text }), { author, memberId, loadArticle: async () => article(1, {}) });
    await save(a.url, '我的', '王小明', 'member-me');
    await save(a.url, '同步前的', '王小明');
    await save(b.url, '同名的', '王小明', 'member-other');
    await save(b.url, '李华的', '李华', 'member-li');
    const me = { memberId: 'member-me', name: '王小明' };
    const notes = async (author: string) =>
      (await listAllAnnotations(db, { author, me, offset: 0, limit: 10 })).items.map((item) => item.annotation.note);
    expect((await notes(ONLY_ME)).sort()).toEqual(['同步前的', '我的']);
    expect(await notes('李华')).toEqual(['李华的']);
    const articles = await listArticles(db, { sort: 'title', filters: { author: ONLY_ME, me }, offset: 0, limit: 5 });
    expect(articles.articles.map((row) => row.id)).toEqual([a.id]);
  });

  it('lists every annotation across articles, filtered by colour', async () => {
    const a = await saveClippedArticle(db, article(1, {}));
    await saveAnnotation(db, note(a.url, { color: 'pink', note: '粉' }), {
      author: '',
      loadArticle: async () => article(1, {}),
      now: new Date(1000),
    });
    await saveAnnotation(db, note(a.url, { color: 'blue', note: '蓝' }), {
      author: '',
      loadArticle: async () => article(1, {}),
      now: new Date(2000),
    });
    const { total, items } = await listAllAnnotations(db, { color: 'blue', offset: 0, limit: 10 });
    expect(total).toBe(1);
    expect(items[0]).toMatchObject({ annotation: { note: '蓝' }, article: { id: a.id } });
    const all = await listAllAnnotations(db, { offset: 0, limit: 1 });
    expect(all.total).toBe(2);
    expect(all.items.map((item) => item.annotation.note)).toEqual(['蓝']);
    expect((await listAllAnnotations(db, { color: 'pink', tag: '无此标签', offset: 0, limit: 10 })).total).toBe(0);
  });
});

describe('schema upgrade', () => {
  it('opens a version 1 database with every record intact and searchable', async () => {
    const name = `test-${crypto.randomUUID()}`;
    const old = new Dexie(name);
    old.version(1).stores({
      articles: 'id, &urlKey, canonicalUrl, siteName, publishedAt, clippedAt, updatedAt',
      annotations: 'id, articleId, urlKey, color, *tags, author, updatedAt',
    });
    const stored = {
      ...article(1, { text: '升级之前保存的政法文章' }),
      id: crypto.randomUUID(),
      urlKey: 'https://www.test1.gov.cn/a/content_1.htm',
      clippedAt: '2024-01-01T00:00:00.000Z',
      createdAt: '2024-01-01T00:00:00.000Z',
      updatedAt: '2024-01-01T00:00:00.000Z',
    };
    const annotation = {
      ...note(stored.url, { note: '旧版本的笔记' }),
      articleId: stored.id,
      urlKey: stored.urlKey,
      author: '小王',
      createdAt: stored.createdAt,
      updatedAt: stored.updatedAt,
    };
    await old.table('articles').add(stored);
    await old.table('annotations').add(annotation);
    old.close();

    const upgraded = openDatabase(name);
    expect(await upgraded.articles.get(stored.id)).toEqual(stored);
    expect(await upgraded.annotations.get(annotation.id)).toEqual(annotation);
    expect((await searchLibrary(upgraded, '政法', 5)).hits).toHaveLength(1);
    expect((await searchLibrary(upgraded, '旧版本', 5)).hits).toHaveLength(1);
    await upgraded.delete();
  });

  it('opens the stored version 2 database (an earlier release’s) with every record intact, searchable, ready to keep merged versions and sync', async () => {
    const fixture = JSON.parse(
      readFileSync(resolve(import.meta.dirname, '../fixtures/database-v2.json'), 'utf8'),
    ) as RawDatabase;
    const name = `test-${crypto.randomUUID()}`;
    await restoreRawDatabase(name, fixture);
    const recordsOf = (store: string) =>
      fixture.stores.find((item) => item.name === store)!.records as { id: string }[];

    const upgraded = openDatabase(name);
    const byId = <T extends { id: string }>(records: T[]) => [...records].sort((x, y) => x.id.localeCompare(y.id));
    expect(byId(await upgraded.articles.toArray())).toEqual(byId(recordsOf('articles') as StoredArticle[]));
    expect(byId(await upgraded.annotations.toArray())).toEqual(byId(recordsOf('annotations') as AnnotationRecord[]));
    expect(upgraded.verno).toBe(9);
    // The tag filter's index holds the notes from before it existed.
    const tagged = (recordsOf('annotations') as AnnotationRecord[]).filter((record) => record.tags.length > 0);
    expect(tagged.length).toBeGreaterThan(0);
    const [tag] = tagged[0]!.tags;
    const filtered = await listArticles(upgraded, { sort: 'clipped', filters: { tag }, offset: 0, limit: 50 });
    expect(new Set(filtered.articles.map((article) => article.id))).toEqual(
      new Set(tagged.filter((record) => record.tags.includes(tag!)).map((record) => record.articleId)),
    );
    // Titles, article text, an edited note, and a note still waiting to be indexed.
    expect((await searchLibrary(upgraded, '宣传引导', 10)).hits.map((hit) => hit.kind)).toContain('article');
    expect((await searchLibrary(upgraded, '基层治理', 10)).hits.length).toBeGreaterThanOrEqual(3);
    expect((await searchLibrary(upgraded, '第二次讨论时补充', 10)).hits).toHaveLength(1);
    expect((await searchLibrary(upgraded, '尚未合并进索引', 10)).hits).toHaveLength(1);
    expect(await upgraded.annotationVersions.count()).toBe(0);
    // Group sync's tables are there, and old notes, made by no member yet, are found by member.
    expect(await upgraded.replies.count()).toBe(0);
    expect(await upgraded.annotations.where('creatorId').equals(crypto.randomUUID()).count()).toBe(0);
    // And it takes new writes under the new schema.
    const [first] = recordsOf('articles') as StoredArticle[];
    const added = await saveAnnotation(upgraded, note(first!.url, { note: '升级之后的笔记' }), {
      author: '小王',
      loadArticle: async () => first!,
    });
    expect(added.articleId).toBe(first!.id);
    expect((await searchLibrary(upgraded, '升级之后', 5)).hits).toHaveLength(1);
    await upgraded.delete();
  });
});

interface RawDatabase {
  version: number;
  stores: {
    name: string;
    keyPath: string;
    autoIncrement: boolean;
    indexes: { name: string; keyPath: string; unique: boolean; multiEntry: boolean }[];
    records: unknown[];
  }[];
}

/** Writes a dumped database back with plain IndexedDB, exactly as dumped — no code of ours involved. */
async function restoreRawDatabase(name: string, dump: RawDatabase): Promise<void> {
  const request = indexedDB.open(name, dump.version);
  request.onupgradeneeded = () => {
    for (const store of dump.stores) {
      const created = request.result.createObjectStore(store.name, {
        keyPath: store.keyPath,
        autoIncrement: store.autoIncrement,
      });
      for (const index of store.indexes)
        created.createIndex(index.name, index.keyPath, { unique: index.unique, multiEntry: index.multiEntry });
      for (const record of store.records) created.add(record);
    }
  };
  const db = await new Promise<IDBDatabase>((done, fail) => {
    request.onsuccess = () => done(request.result);
    request.onerror = () => fail(request.error);
  });
  db.close();
}
