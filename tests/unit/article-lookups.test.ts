import { afterEach, describe, expect, it } from 'vitest';
import { saveAnnotation } from '@/store/annotation-store';
import { saveClippedArticle } from '@/store/article-store';
import { openDatabase, type PizhuDatabase } from '@/store/database';
import { readStoredDatabase } from '@/store/plain-database';
import { readPageRecord, readRecentArticles } from '@/store/article-lookups';
import { sampleExtract } from '../support/sample-extract';

const URL = 'http://www.test.gov.cn/news/2024-03/05/content_1234.htm';

let db: PizhuDatabase | null = null;
afterEach(async () => {
  await db?.delete();
  db = null;
});

async function databaseNames(): Promise<string[]> {
  return (await indexedDB.databases()).map((info) => info.name ?? '');
}

describe('the popup reading the database without Dexie', () => {
  it('finds nothing, and creates nothing, before anything is stored', async () => {
    const name = `test-${crypto.randomUUID()}`;
    expect(await readStoredDatabase((stored) => readRecentArticles(stored, 8), [], name)).toEqual([]);
    expect(await databaseNames()).not.toContain(name);
    // Dexie can still create the database afterwards, at its own version.
    db = openDatabase(name);
    await saveClippedArticle(db, sampleExtract(URL, '标题'));
    expect(await readStoredDatabase((stored) => readRecentArticles(stored, 8), [], name)).toHaveLength(1);
  });

  it('reads what Dexie wrote: recent articles newest first, and an address with its notes', async () => {
    const name = `test-${crypto.randomUUID()}`;
    db = openDatabase(name);
    await saveClippedArticle(db, sampleExtract('http://www.gov.cn/1.htm', '一'), new Date(1000));
    await saveClippedArticle(db, sampleExtract('http://www.gov.cn/2.htm', '二'), new Date(3000));
    await saveClippedArticle(db, sampleExtract('http://www.gov.cn/3.htm', '三'), new Date(2000));
    for (const exact of ['第一', '第二']) {
      await saveAnnotation(
        db,
        {
          id: crypto.randomUUID(),
          url: URL,
          quote: { exact, prefix: '', suffix: '' },
          position: { start: 0, end: 2 },
          color: 'yellow',
          note: '',
          tags: [],
        },
        { author: '', loadArticle: async () => sampleExtract(URL, '有批注的文章') },
      );
    }

    const recent = () => readStoredDatabase((stored) => readRecentArticles(stored, 2), [], name);
    expect((await recent()).map((article) => article.title)).toEqual(['有批注的文章', '二']);
    // The same with a cursor, where the browser has no getAllRecords.
    const getAllRecords = Object.getOwnPropertyDescriptor(IDBIndex.prototype, 'getAllRecords')!;
    Reflect.deleteProperty(IDBIndex.prototype, 'getAllRecords');
    try {
      expect((await recent()).map((article) => article.title)).toEqual(['有批注的文章', '二']);
    } finally {
      Object.defineProperty(IDBIndex.prototype, 'getAllRecords', getAllRecords);
    }

    // Looked up by the normalized address, as the page reported it (fragment, tracking, http).
    const page = await readStoredDatabase(
      (stored) => readPageRecord(stored, `${URL}?utm_source=x#top`),
      { article: null, notes: 0 },
      name,
    );
    expect(page).toMatchObject({ article: { title: '有批注的文章', clippedAt: null }, notes: 2 });
    const other = await readStoredDatabase(
      (stored) => readPageRecord(stored, 'http://www.gov.cn/2.htm'),
      { article: null, notes: 0 },
      name,
    );
    expect(other).toMatchObject({ article: { title: '二' }, notes: 0 });
  });

  it('lets a schema upgrade through while it is open', async () => {
    const name = `test-${crypto.randomUUID()}`;
    db = openDatabase(name);
    await saveClippedArticle(db, sampleExtract(URL, '标题'));
    db.close();
    let upgraded: Promise<void> | null = null;
    const titles = await readStoredDatabase(
      async (stored) => {
        // Another page opens the database at a higher version while the popup holds it.
        upgraded = new Promise((resolve, reject) => {
          const request = indexedDB.open(name, stored.version + 1);
          request.onsuccess = () => (request.result.close(), resolve());
          request.onerror = () => reject(request.error);
          request.onblocked = () => reject(new Error('blocked by the popup'));
        });
        return (await readRecentArticles(stored, 8)).map((article) => article.title);
      },
      [],
      name,
    );
    expect(titles).toEqual(['标题']);
    await expect(upgraded).resolves.toBeUndefined();
  });
});
