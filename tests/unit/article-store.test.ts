import { afterEach, describe, expect, it } from 'vitest';
import { saveClippedArticle } from '@/store/article-store';
import { openDatabase, type PizhuDatabase } from '@/store/database';
import { sampleExtract as extractOf } from '../support/sample-extract';

let db: PizhuDatabase;
afterEach(async () => {
  await db.delete();
});

describe('saveClippedArticle', () => {
  it('stores a clipped article under its normalized address', async () => {
    db = openDatabase(`test-${crypto.randomUUID()}`);
    const saved = await saveClippedArticle(db, extractOf('http://www.gov.cn/a/content_1.htm?utm_source=x#top', '标题'));
    expect(saved.urlKey).toBe('https://www.gov.cn/a/content_1.htm');
    expect(saved.clippedAt).not.toBeNull();
    expect(await db.articles.count()).toBe(1);
  });

  it('updates the copy when the same article is clipped again and keeps its id', async () => {
    db = openDatabase(`test-${crypto.randomUUID()}`);
    const first = await saveClippedArticle(
      db,
      extractOf('http://www.gov.cn/a/content_1.htm', '旧标题'),
      new Date(1000),
    );
    const second = await saveClippedArticle(
      db,
      extractOf('https://www.gov.cn/a/content_1.htm#x', '新标题'),
      new Date(2000),
    );
    expect(second.id).toBe(first.id);
    expect(second.createdAt).toBe(first.createdAt);
    expect(second.title).toBe('新标题');
    expect(await db.articles.count()).toBe(1);
  });
});
