// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { correctArticleMetadata, saveClippedArticle } from '@/store/article-store';
import { openDatabase, type PizhuDatabase } from '@/store/database';
import { loadExportBundle } from '@/store/export-snapshot';
import { importNotes } from '@/store/merge-notes';
import { searchLibrary } from '@/store/library-queries';
import { mergePending } from '@/store/search-index';
import { EN_LABELS } from '@/utils/export/export-labels';
import { exportMarkdown } from '@/utils/export/markdown-export';
import { exportW3cJson } from '@/utils/export/w3c-export';
import { readNotesFile } from '@/utils/import/read-notes-file';
import type { ArticleExtract, ArticleRecord } from '@/utils/model/article';
import {
  correctArticle,
  correctedFields,
  keepCorrections,
  valuesFromInput,
  withReaderValues,
} from '@/utils/model/metadata-corrections';
import { sanitizeHtml } from '@/utils/sanitize/sanitize-html';
import { sampleExtract } from '../support/sample-extract';

const URL = 'http://www.test.gov.cn/a/content_1.htm';
const page: ArticleExtract & Pick<ArticleRecord, 'corrections'> = {
  ...sampleExtract(URL, '读错的标题'),
  source: '测试网',
  author: null,
};

const values = (input: Parameters<typeof valuesFromInput>[0]) => {
  const read = valuesFromInput(input);
  if (!read.ok) throw new Error(read.problem);
  return read.values;
};

describe('the reader’s values of an article’s details', () => {
  it('reads a form: dates in the forms portals print, empty meaning none, and says what it cannot take', () => {
    expect(values({ published: '2024年3月5日 10:20', source: ' 测试日报 ', author: '' })).toEqual({
      publishedAt: '2024-03-05T10:20+08:00',
      publishedText: '2024年3月5日 10:20',
      source: '测试日报',
      author: null,
    });
    expect(values({ published: '' })).toEqual({ publishedAt: null, publishedText: null });
    expect(valuesFromInput({ published: '上周三' })).toEqual({ ok: false, problem: 'date-unreadable' });
    expect(valuesFromInput({ title: '  ' })).toEqual({ ok: false, problem: 'title-empty' });
  });

  it('sets the values in the record and keeps what the page gave beside them', () => {
    const corrected = correctArticle(page, values({ title: '正确的标题', author: '王小明' }));
    expect(corrected.title).toBe('正确的标题');
    expect(corrected.author).toBe('王小明');
    expect(corrected.source).toBe('测试网');
    expect(correctedFields(corrected)).toEqual(['title', 'author']);
    expect(corrected.corrections!.asRead).toEqual({ title: '读错的标题', author: null });
  });

  it('undoes a correction when the page’s value is put back, and corrects again over an earlier correction', () => {
    const once = correctArticle(page, values({ source: '测试日报' }));
    const twice = correctArticle(once, values({ source: '测试晚报' }));
    expect(twice.source).toBe('测试晚报');
    expect(twice.corrections!.asRead.source).toBe('测试网');
    const back = correctArticle(twice, values({ source: '测试网' }));
    expect(back.source).toBe('测试网');
    expect(back.corrections).toBeUndefined();
    expect(correctedFields(back)).toEqual([]);
  });

  it('keeps the reader’s values over a fresh read; one the page now agrees with is no longer a correction', () => {
    const corrected = correctArticle(page, values({ title: '正确的标题', published: '2024-03-06' }));
    const fresh = { ...page, publishedAt: '2024-03-06', publishedText: '2024/03/06' };
    const kept = keepCorrections(fresh, corrected.corrections);
    expect(kept.title).toBe('正确的标题');
    expect(kept.publishedAt).toBe('2024-03-06');
    expect(correctedFields(kept)).toEqual(['title']);
    expect(withReaderValues(page, kept).title).toBe('正确的标题');
  });
});

describe('corrections in the library', () => {
  let db: PizhuDatabase;
  afterEach(() => db.delete());
  const noPage = () => Promise.reject(new Error('the page was not asked'));

  it('a correction before clipping creates the article unclipped; clipping and clipping again keep it', async () => {
    db = openDatabase(`test-${crypto.randomUUID()}`);
    const before = await correctArticleMetadata(db, URL, values({ source: '测试日报' }), {
      loadArticle: async () => page,
    });
    expect(before.clippedAt).toBeNull();
    const clipped = await saveClippedArticle(db, page);
    expect(clipped.id).toBe(before.id);
    expect(clipped.source).toBe('测试日报');
    const again = await saveClippedArticle(db, { ...page, title: '页面改过的标题' });
    expect(again.source).toBe('测试日报');
    expect(again.title).toBe('页面改过的标题');
    expect(correctedFields(again)).toEqual(['source']);
  });

  it('a correction after clipping is found by search and shown in exports, and travels through export and import', async () => {
    db = openDatabase(`test-${crypto.randomUUID()}`);
    await saveClippedArticle(db, page);
    await correctArticleMetadata(db, URL, values({ title: '正确的标题', editor: '李编辑' }), { loadArticle: noPage });
    await mergePending(db);
    expect((await searchLibrary(db, '正确的标题', 5)).hits).toHaveLength(1);
    const bundle = await loadExportBundle(db, 'all');
    const markdown = exportMarkdown(bundle, EN_LABELS);
    expect(markdown).toContain('正确的标题');
    expect(markdown).not.toContain('读错的标题');
    expect(markdown).toContain('李编辑');

    const other = openDatabase(`test-${crypto.randomUUID()}`);
    try {
      const file = readNotesFile(JSON.stringify(exportW3cJson(bundle, crypto.randomUUID(), 'notes')));
      await importNotes(other, [file], { sanitizeHtml: (html) => sanitizeHtml(html, window) });
      const [imported] = await other.articles.toArray();
      expect(imported?.title).toBe('正确的标题');
      expect(correctedFields(imported!)).toEqual(['title', 'editor']);
    } finally {
      await other.delete();
    }
  });

  it('refuses a correction whose tab shows another page by now, and stores nothing', async () => {
    db = openDatabase(`test-${crypto.randomUUID()}`);
    await expect(
      correctArticleMetadata(db, URL, values({ source: '测试日报' }), {
        loadArticle: async () => ({ ...page, url: 'http://www.test.gov.cn/b/content_2.htm' }),
      }),
    ).rejects.toMatchObject({ code: 'page-changed' });
    expect(await db.articles.count()).toBe(0);
  });
});
