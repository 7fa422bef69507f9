import * as v from 'valibot';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { saveClippedArticle } from '@/store/article-store';
import {
  deleteAnnotation,
  listAnnotationsForUrl,
  listTags,
  restoreAnnotation,
  saveAnnotation,
} from '@/store/annotation-store';
import { openDatabase, type PizhuDatabase } from '@/store/database';
import { AnnotationInputSchema, type AnnotationInput } from '@/utils/model/annotation';
import { sampleExtract } from '../support/sample-extract';

const URL = 'http://www.test.gov.cn/news/2024-03/05/content_1234.htm';

const extract = sampleExtract(URL, '测试文章');

function input(overrides: Partial<AnnotationInput> = {}): AnnotationInput {
  return {
    id: crypto.randomUUID(),
    url: URL,
    quote: { exact: '第二段', prefix: '正文第一段。正文', suffix: '。' },
    position: { start: 8, end: 11 },
    color: 'yellow',
    note: '',
    tags: [],
    ...overrides,
  };
}

let db: PizhuDatabase;
beforeEach(() => {
  db = openDatabase(`test-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
});

describe('saveAnnotation', () => {
  it('creates the article of a page that was read but not clipped', async () => {
    const loadArticle = vi.fn(async () => extract);
    const saved = await saveAnnotation(db, input(), { author: '小王', loadArticle, now: new Date(1000) });
    const article = await db.articles.get(saved.articleId);
    expect(article).toMatchObject({ title: '测试文章', clippedAt: null });
    expect(saved).toMatchObject({ author: '小王', createdAt: new Date(1000).toISOString() });
    expect(loadArticle).toHaveBeenCalledTimes(1);
  });

  it('keeps the first author and creation time when a note is edited, and asks the page only once', async () => {
    const loadArticle = vi.fn(async () => extract);
    const first = await saveAnnotation(db, input(), { author: '小王', loadArticle, now: new Date(1000) });
    const edited = await saveAnnotation(
      db,
      { ...first, note: '重要', tags: ['学习'] },
      { author: '小李', loadArticle, now: new Date(2000) },
    );
    expect(edited).toMatchObject({ author: '小王', createdAt: first.createdAt, note: '重要', tags: ['学习'] });
    expect(edited.updatedAt).toBe(new Date(2000).toISOString());
    expect(loadArticle).toHaveBeenCalledTimes(1);
    expect(await db.annotations.count()).toBe(1);
  });

  it('keeps annotations attached when the article is clipped afterwards', async () => {
    const saved = await saveAnnotation(db, input(), { author: '', loadArticle: async () => extract });
    const clipped = await saveClippedArticle(db, extract);
    expect(clipped.id).toBe(saved.articleId);
    expect(await listAnnotationsForUrl(db, `${URL}#top`)).toHaveLength(1);
  });

  it('writes nothing when the page cannot give its article', async () => {
    await expect(
      saveAnnotation(db, input(), {
        author: '',
        loadArticle: async () => Promise.reject(new Error('no content script')),
      }),
    ).rejects.toThrow('no content script');
    expect(await db.annotations.count()).toBe(0);
    expect(await db.articles.count()).toBe(0);
  });
});

describe('deleteAnnotation and restoreAnnotation', () => {
  it('deletes an annotation and puts it back exactly on undo', async () => {
    const saved = await saveAnnotation(db, input({ note: '笔记' }), {
      author: '小王',
      loadArticle: async () => extract,
    });
    const deleted = await deleteAnnotation(db, saved.id);
    expect(deleted).toEqual(saved);
    expect(await db.annotations.count()).toBe(0);
    await restoreAnnotation(db, deleted!);
    expect(await db.annotations.get(saved.id)).toEqual(saved);
    expect(await deleteAnnotation(db, 'no-such-id')).toBeNull();
  });

  it('refuses to restore a record into an article of another address', async () => {
    const saved = await saveAnnotation(db, input(), { author: '', loadArticle: async () => extract });
    await deleteAnnotation(db, saved.id);
    await expect(
      restoreAnnotation(db, { ...saved, url: 'https://elsewhere.example/a', urlKey: 'https://elsewhere.example/a' }),
    ).rejects.toThrow();
    expect(await db.annotations.count()).toBe(0);
  });
});

describe('listTags', () => {
  it('lists tags in use, most used first', async () => {
    const save = (tags: string[]) =>
      saveAnnotation(db, input({ id: crypto.randomUUID(), tags }), { author: '', loadArticle: async () => extract });
    await save(['法治', '学习']);
    await save(['法治']);
    await save(['政法']);
    expect(await listTags(db)).toEqual(['法治', '学习', '政法']);
  });
});

describe('AnnotationInputSchema', () => {
  it.each([
    ['a javascript: address', { url: 'javascript:alert(1)' }],
    ['an unknown colour', { color: 'red' }],
    ['an empty quote', { quote: { exact: '', prefix: '', suffix: '' } }],
    ['a position that ends before it starts', { position: { start: 9, end: 3 } }],
    ['an extra field', { html: '<img onerror=alert(1)>' }],
    ['an empty tag', { tags: ['  '] }],
  ])('refuses %s', (_label, overrides) => {
    expect(v.safeParse(AnnotationInputSchema, { ...input(), ...overrides }).success).toBe(false);
  });

  it('accepts a well-formed annotation and trims its tags', () => {
    const parsed = v.parse(AnnotationInputSchema, input({ tags: [' 学习 '] }));
    expect(parsed.tags).toEqual(['学习']);
  });
});
