// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type PizhuDatabase } from '@/store/database';
import { loadExportBundle } from '@/store/export-snapshot';
import { exportW3cJson, type W3cAnnotationCollection } from '@/utils/export/w3c-export';
import { importNotes } from '@/store/merge-notes';
import { deleteAnnotation } from '@/store/annotation-store';
import { loadOwnNotes } from '@/store/group-sync-store';
import { IMPORT_LIMITS } from '@/utils/import/notes-file-schema';
import { ImportFileError, type ImportProblem } from '@/utils/import/import-file-error';
import { readNotesFile } from '@/utils/import/read-notes-file';
import { sanitizeHtml } from '@/utils/sanitize/sanitize-html';
import { normalizeUrl } from '@/utils/url/normalize-url';
import { clip, highlight, outlinedArticle, snapshot } from '../support/notes-fixture';

const URL_A = 'http://www.test.gov.cn/a/content_1.htm';
const URL_B = 'http://www.test.gov.cn/b/content_2.htm';
const articleA = outlinedArticle(URL_A, '关于推进测试工作的意见');
const articleB = outlinedArticle(URL_B, '另一篇文章');

const databases: PizhuDatabase[] = [];
function freshDatabase(): PizhuDatabase {
  const db = openDatabase(`test-${crypto.randomUUID()}`);
  databases.push(db);
  return db;
}
afterEach(async () => {
  await Promise.all(databases.splice(0).map((db) => db.delete()));
});

async function exportAll(db: PizhuDatabase): Promise<string> {
  return JSON.stringify(exportW3cJson(await loadExportBundle(db, 'all'), crypto.randomUUID(), 'notes'));
}
const sanitize = (html: string) => sanitizeHtml(html, window);
const importText = (db: PizhuDatabase, ...texts: string[]) =>
  importNotes(
    db,
    texts.map((text) => readNotesFile(text)),
    { sanitizeHtml: sanitize },
  );

describe('export JSON → import', () => {
  it('gives back an identical database: articles, annotations, notes, tags, colours, authors, times and kept versions', async () => {
    const source = freshDatabase();
    await clip(source, articleA, 1_000);
    await highlight(source, articleA, '坚持问题导向', {
      author: '小王',
      time: 2_000,
      note: '两行\n批注',
      tags: ['方法', '重点'],
      color: 'pink',
    });
    await highlight(source, articleB, '压实责任', { author: '小李', time: 3_000, color: 'purple' });
    // A version kept by an earlier merge travels with the file too.
    const conflicted = await highlight(source, articleA, '推进工作落实', { author: '小王', time: 4_000, note: '旧' });
    const other = freshDatabase();
    await other.articles.bulkAdd(await source.articles.toArray());
    await other.annotations.put({ ...conflicted, note: '新', updatedAt: new Date(9_000).toISOString() });
    await importText(source, await exportAll(other));
    const before = await snapshot(source);
    expect(before.versions).toHaveLength(1);

    const restored = freshDatabase();
    const counts = await importText(restored, await exportAll(source));
    expect(counts).toMatchObject({ articlesAdded: 2, annotationsAdded: 3, versionsKept: 1 });
    expect(await snapshot(restored)).toEqual(before);
  });

  it('adds nothing when the same file is imported again', async () => {
    const source = freshDatabase();
    await highlight(source, articleA, '坚持问题导向', { author: '小王', time: 2_000 });
    const file = await exportAll(source);
    const target = freshDatabase();
    await importText(target, file);
    const once = await snapshot(target);
    const again = await importText(target, file, file);
    expect(again).toEqual({
      articlesAdded: 0,
      annotationsAdded: 0,
      annotationsUpdated: 0,
      unchanged: 1,
      conflicts: 0,
      keptApart: 0,
      versionsKept: 0,
    });
    expect(await snapshot(target)).toEqual(once);
  });
});

describe('a note the reader deleted, then imported back', () => {
  it('is theirs again: its deletion no longer goes to the group, while a sync’s merge leaves the deletion standing', async () => {
    const member = { id: crypto.randomUUID(), name: '小王' };
    const mine = freshDatabase();
    const note = await highlight(mine, articleA, '坚持问题导向', { author: '小王', time: 1_000, memberId: member.id });
    const file = await exportAll(mine);
    await deleteAnnotation(mine, note.id);
    expect((await loadOwnNotes(mine, member)).tombstones.map((tombstone) => tombstone.id)).toEqual([note.id]);

    // A merge that is not the reader's own doing (a sync) brings the note but not its life back.
    const synced = freshDatabase();
    await synced.tombstones.bulkAdd(await mine.tombstones.toArray());
    await importNotes(synced, [readNotesFile(file)], { sanitizeHtml: sanitize });
    expect(await synced.tombstones.count()).toBe(1);

    await importNotes(mine, [readNotesFile(file)], { sanitizeHtml: sanitize, revive: true });
    const published = await loadOwnNotes(mine, member);
    expect(published.tombstones).toEqual([]);
    expect(published.bundle.articles.flatMap((entry) => entry.annotations.map((annotation) => annotation.id))).toEqual([
      note.id,
    ]);
  });
});

describe('merging two members’ notes', () => {
  /** Two members who share one annotation (passed from 小王 to 小李) and then both edited it. */
  async function twoMembers() {
    const wang = freshDatabase();
    const li = freshDatabase();
    const shared = await highlight(wang, articleA, '坚持问题导向', { author: '小王', time: 1_000, note: '原始' });
    await highlight(wang, articleA, '推进工作落实', { author: '小王', time: 1_500 });
    await importText(li, await exportAll(wang));
    await highlight(wang, articleA, '坚持问题导向', { author: '小王', time: 2_000, note: '小王改过', id: shared.id });
    await highlight(li, articleA, '坚持问题导向', { author: '小李', time: 3_000, note: '小李改过', id: shared.id });
    await highlight(li, articleA, '压实责任', { author: '小李', time: 3_500, tags: ['责任'] });
    await highlight(li, articleB, '加强基层基础建设', { author: '小李', time: 3_600 });
    return { wang, li, shared, wangFile: await exportAll(wang), liFile: await exportAll(li) };
  }

  it('keeps the newer edit of a conflicting annotation and the other as a previous version', async () => {
    const { wang, shared, liFile } = await twoMembers();
    const counts = await importText(wang, liFile);
    expect(counts).toEqual({
      articlesAdded: 1,
      annotationsAdded: 2,
      annotationsUpdated: 1,
      unchanged: 1,
      conflicts: 1,
      keptApart: 0,
      versionsKept: 1,
    });
    const merged = await wang.annotations.get(shared.id);
    expect(merged).toMatchObject({ note: '小李改过', author: '小王' });
    const versions = await wang.annotationVersions.where('annotationId').equals(shared.id).toArray();
    expect(versions.map((version) => version.record.note)).toEqual(['小王改过']);
    // The new article comes from the file's metadata, and its annotation joins it.
    const created = await wang.articles.where('urlKey').equals(normalizeUrl(URL_B)).first();
    expect(created).toMatchObject({ title: '另一篇文章', source: '测试日报', editor: '李编辑' });
    expect(await wang.annotations.where('articleId').equals(created!.id).count()).toBe(1);
  });

  it('keeps the local edit when it is the newer one', async () => {
    const { li, shared, wangFile } = await twoMembers();
    const counts = await importText(li, wangFile);
    expect(counts).toMatchObject({
      annotationsAdded: 0,
      annotationsUpdated: 0,
      conflicts: 1,
      keptApart: 0,
      versionsKept: 1,
    });
    expect((await li.annotations.get(shared.id))!.note).toBe('小李改过');
    expect((await li.annotationVersions.toArray()).map((version) => version.record.note)).toEqual(['小王改过']);
  });

  it('reaches the same notes whichever file a third member imports first, losing none', async () => {
    const { wangFile, liFile } = await twoMembers();
    const first = freshDatabase();
    const second = freshDatabase();
    await importText(first, wangFile);
    await importText(first, liFile);
    await importText(second, liFile, wangFile);
    const a = await snapshot(first);
    const b = await snapshot(second);
    expect(a.annotations).toEqual(b.annotations);
    expect(a.versions.map((version) => version.record)).toEqual(b.versions.map((version) => version.record));
    const notes = [...a.annotations.map((x) => x.note), ...a.versions.map((x) => x.record.note)];
    expect(notes.sort()).toEqual(['', '', '', '小李改过', '小王改过'].sort());
  });

  it('adds a member’s annotation to the local article of the same address', async () => {
    const local = freshDatabase();
    const localArticle = await clip(local, articleA, 500);
    const other = freshDatabase();
    await highlight(other, articleA, '推进工作落实', { author: '小李', time: 1_000 });
    const counts = await importText(local, await exportAll(other));
    expect(counts.articlesAdded).toBe(0);
    const [annotation] = await local.annotations.toArray();
    expect(annotation).toMatchObject({ articleId: localArticle.id, author: '小李' });
  });
});

describe('hostile and broken files', () => {
  async function validFile(): Promise<W3cAnnotationCollection> {
    const source = freshDatabase();
    await clip(source, articleA, 1_000);
    await highlight(source, articleA, '坚持问题导向', { author: '小王', time: 2_000, note: '批注', tags: ['标签'] });
    return JSON.parse(await exportAll(source));
  }

  type Case = [name: string, problem: ImportProblem, where: RegExp, make: (file: W3cAnnotationCollection) => string];
  // A hostile file breaks the schema's types on purpose.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const edit = (change: (file: any) => void) => (file: W3cAnnotationCollection) => {
    const copy = structuredClone(file);
    change(copy);
    return JSON.stringify(copy);
  };
  const cases: Case[] = [
    ['not JSON', 'not-json', /root/, () => 'this is not JSON'],
    ['a truncated file', 'not-json', /root/, (file) => JSON.stringify(file).slice(0, 300)],
    ['an empty file', 'not-json', /root/, () => ''],
    ['a plain array', 'not-notes-file', /root/, () => '[]'],
    ['a W3C collection without Pizhu’s part', 'not-notes-file', /pizhu/, edit((file) => delete file.pizhu)],
    [
      '__proto__ at the top',
      'forbidden-key',
      /__proto__/,
      (file) => JSON.stringify(file).replace('{', '{"__proto__":{"polluted":true},'),
    ],
    [
      'constructor.prototype deep inside',
      'forbidden-key',
      /first\.items\[0\]\.constructor/,
      edit((file) => (file.first!.items[0].constructor = { prototype: { polluted: true } })),
    ],
    [
      'a javascript: address',
      'invalid',
      /first\.items\.0\.target\.source|first\.items\[0\]/,
      edit((file) => (file.first!.items[0].target.source = 'javascript:alert(1)')),
    ],
    [
      'a data: article address',
      'invalid',
      /pizhu\.articles/,
      edit((file) => (file.pizhu.articles[0].url = 'data:text/html,<script>alert(1)</script>')),
    ],
    ['an unknown field', 'invalid', /first\.items/, edit((file) => (file.first!.items[0].onload = 'alert(1)'))],
    [
      'a wrong @context',
      'invalid',
      /@context/,
      edit((file) => (file['@context'] = 'https://evil.example/context.jsonld')),
    ],
    [
      'an unknown colour',
      'invalid',
      /color/,
      edit((file) => (file.first!.items[0].pizhu.color = 'red;background:url(x)')),
    ],
    [
      'a position that ends before it starts',
      'invalid',
      /first\.items\[0\]/,
      edit((file) => (file.first!.items[0].pizhu.position = { start: 9, end: 3 })),
    ],
    [
      'a note of a megabyte',
      'invalid',
      /body/,
      edit((file) => (file.first!.items[0].body[0].value = '长'.repeat(1_000_000))),
    ],
    [
      'a tag of 500 characters',
      'invalid',
      /body/,
      edit((file) => (file.first!.items[0].body[1].value = '标'.repeat(500))),
    ],
    [
      'an id that is not a UUID',
      'invalid',
      /id/,
      edit((file) => (file.first!.items[0].id = 'urn:uuid:../../etc/passwd')),
    ],
    ['a total that does not match', 'invalid', /total/, edit((file) => (file.total = 7))],
    [
      'an annotation whose article is not in the file',
      'no-article',
      /target\.source/,
      edit((file) => (file.first!.items[0].target.source = 'http://elsewhere.example/x')),
    ],
    [
      'nesting 10,000 levels deep',
      'too-deep',
      /first/,
      (file) => JSON.stringify(file).replace('"items":[', `"items":[${'['.repeat(10_000)}${']'.repeat(10_000)},`),
    ],
  ];

  it.each(cases)('refuses %s and changes nothing', async (_name, problem, where, make) => {
    const target = freshDatabase();
    await highlight(target, articleB, '压实责任', { author: '我', time: 100 });
    const before = await snapshot(target);
    const text = make(await validFile());
    let error: unknown;
    try {
      await importText(target, text);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ImportFileError);
    expect((error as ImportFileError).problem).toBe(problem);
    expect((error as ImportFileError).where).toMatch(where);
    expect(await snapshot(target)).toEqual(before);
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('refuses a file over the size cap before reading it', () => {
    expect(() => readNotesFile('{}', IMPORT_LIMITS.bytes + 1)).toThrow(
      expect.objectContaining({ problem: 'too-large' }),
    );
  });

  it('neutralises HTML: the article HTML is sanitized, notes stay text', async () => {
    const file = await validFile();
    file.pizhu.articles[0]!.html =
      '<p onclick="alert(1)">正文</p><img src=x onerror=alert(1)><script>alert(1)</script><a href="javascript:alert(1)">链接</a>';
    file.first!.items[0]!.body![0]!.value = '<img src=x onerror=alert(1)>';
    const target = freshDatabase();
    await importText(target, JSON.stringify(file));
    const [article] = await target.articles.toArray();
    expect(article!.html).not.toMatch(/onclick|onerror|<script|javascript:/i);
    expect(article!.html).toContain('正文');
    expect((await target.annotations.toArray())[0]!.note).toBe('<img src=x onerror=alert(1)>');
  });

  it('writes nothing from several files when one of them is bad', async () => {
    const good = JSON.stringify(await validFile());
    const target = freshDatabase();
    const before = await snapshot(target);
    expect(() => [good, 'not json'].map((text) => readNotesFile(text))).toThrow(ImportFileError);
    expect(await snapshot(target)).toEqual(before);
  });

  it('writes nothing when the database fails half-way through', async () => {
    const source = freshDatabase();
    for (let index = 0; index < 3; index += 1)
      await highlight(source, articleA, '坚持问题导向', { author: '小王', time: 2_000 + index });
    await highlight(source, articleB, '压实责任', { author: '小王', time: 3_000 });
    const file = await exportAll(source);
    const target = freshDatabase();
    const before = await snapshot(target);
    const quota = Object.assign(new Error('quota'), { name: 'QuotaExceededError' });
    vi.spyOn(target.annotations, 'bulkPut').mockRejectedValueOnce(quota);
    await expect(importText(target, file)).rejects.toThrow('quota');
    expect(await snapshot(target)).toEqual(before);
  });

  it('reports progress up to everything written', async () => {
    const source = freshDatabase();
    await highlight(source, articleA, '坚持问题导向', { author: '小王', time: 2_000 });
    const target = freshDatabase();
    const progress: number[] = [];
    await importNotes(target, [readNotesFile(await exportAll(source))], {
      sanitizeHtml: sanitize,
      onProgress: ({ done, total }) => progress.push(done / total),
    });
    expect(progress.at(-1)).toBe(1);
    expect(progress[0]).toBe(0);
  });
});

describe('a member’s file that tries to rewrite the user’s notes', () => {
  /** The user's own note, and a member (Mallory) with a note of her own on another page. */
  async function victimAndMallory() {
    const mine = freshDatabase();
    const own = await highlight(mine, articleA, '坚持问题导向', { author: '我', time: 1_000, note: '我自己的批注' });
    const mallory = freshDatabase();
    await highlight(mallory, articleB, '加强基层基础建设', { author: '小马', time: 2_000, note: '替你说的话' });
    // Mallory edits her file by hand, outside the schema's types.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { mine, own, malloryFile: JSON.parse(await exportAll(mallory)) as any };
  }

  it('cannot move a note or put words in it by reusing its id: the copy becomes a note of its own', async () => {
    const { mine, own, malloryFile } = await victimAndMallory();
    malloryFile.first.items[0].id = `urn:uuid:${own.id}`;
    malloryFile.first.items[0].modified = new Date(5_000).toISOString();
    const file = JSON.stringify(malloryFile);
    const counts = await importText(mine, file);
    expect(counts).toMatchObject({ annotationsAdded: 1, annotationsUpdated: 0, keptApart: 1 });
    expect(await mine.annotations.get(own.id)).toEqual(own);
    const apart = (await mine.annotations.toArray()).find((annotation) => annotation.id !== own.id)!;
    expect(apart).toMatchObject({ url: URL_B, note: '替你说的话', author: '小马' });
    // Imported again, the file finds the note it made and adds nothing.
    const before = await snapshot(mine);
    expect(await importText(mine, file)).toMatchObject({ annotationsAdded: 0, keptApart: 1, unchanged: 1 });
    expect(await snapshot(mine)).toEqual(before);
  });

  it('cannot win every later merge with an edit time in the future', async () => {
    const { mine, own } = await victimAndMallory();
    const file = JSON.parse(await exportAll(mine));
    file.first!.items[0].modified = '9999-12-31T00:00:00.000Z';
    file.first!.items[0].body = [
      { type: 'TextualBody', value: '来自未来的改写', format: 'text/plain', purpose: 'commenting' },
    ];
    const now = new Date(10_000);
    await importNotes(mine, [readNotesFile(JSON.stringify(file))], { sanitizeHtml: sanitize, now });
    expect(await mine.annotations.get(own.id)).toMatchObject({ note: '来自未来的改写', updatedAt: now.toISOString() });
    // The user's own edit after the import is newer, and wins the next merge of a normal file.
    await highlight(mine, articleA, '坚持问题导向', { author: '我', time: 20_000, note: '我后来改的', id: own.id });
    const later = JSON.parse(await exportAll(mine));
    later.first.items[0].modified = new Date(15_000).toISOString();
    later.first.items[0].body[0].value = '较早的版本';
    await importNotes(mine, [readNotesFile(JSON.stringify(later))], { sanitizeHtml: sanitize, now: new Date(30_000) });
    expect((await mine.annotations.get(own.id))?.note).toBe('我后来改的');
  });

  it('cannot add a previous version to a note it does not hold', async () => {
    const { mine, own, malloryFile } = await victimAndMallory();
    const forged = {
      ...own,
      url: URL_B,
      urlKey: normalizeUrl(URL_B),
      articleId: malloryFile.pizhu.articles[0].id,
      note: '伪造的早先版本',
    };
    malloryFile.pizhu.versions = [
      { key: `${own.id}|2000|forged`, annotationId: own.id, record: forged, keptAt: new Date(2_000).toISOString() },
    ];
    await importText(mine, JSON.stringify(malloryFile));
    expect(await mine.annotationVersions.where('annotationId').equals(own.id).count()).toBe(0);
  });
});
