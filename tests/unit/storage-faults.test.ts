import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBackgroundMessageHandler } from '@/entrypoints/background/handlers';
import { saveClippedArticle } from '@/store/article-store';
import { openDatabase, type PizhuDatabase } from '@/store/database';
import { errorReply } from '@/utils/messages';
import { writeHostileFigures } from '../support/hostile-report';
import { clip, highlight, outlinedArticle, snapshot } from '../support/notes-fixture';
import zh from '@/public/_locales/zh_CN/messages.json';
import en from '@/public/_locales/en/messages.json';
import { PizhuError } from '@/utils/errors';

const notSetUp = () => Promise.reject(new PizhuError('sync-not-set-up', 'no group sync in this test'));

const EXTENSION_ID = 'pizhu-faults';
const ORIGIN = `chrome-extension://${EXTENSION_ID}/`;
const URL = 'http://www.test.gov.cn/a/content_1.htm';
const article = outlinedArticle(URL, '测试文章');
const quota = () => Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });

const handlerFor = (db: PizhuDatabase) => createBackgroundMessageHandler(db, EXTENSION_ID, ORIGIN, notSetUp);
const fromLibrary = { id: EXTENSION_ID, url: `${ORIGIN}library.html` };
const edit = {
  id: '6f1c7c3e-2a4b-4c5d-8e9f-0a1b2c3d4e5f',
  url: URL,
  quote: { exact: '推进工作落实', prefix: '', suffix: '' },
  position: { start: 20, end: 26 },
  color: 'green',
  note: '新批注',
  tags: ['新'],
} as const;

let db: PizhuDatabase;
beforeEach(async () => {
  db = openDatabase(`faults-${crypto.randomUUID()}`);
  await clip(db, article, 1_000);
  await highlight(db, article, '坚持问题导向', { author: '小王', time: 2_000, note: '原有的批注' });
});
afterEach(async () => {
  vi.restoreAllMocks();
  await db.delete();
});

describe('a full disk', () => {
  it('during a highlight save: a storage-full answer, and nothing half-written', async () => {
    const before = await snapshot(db);
    // The annotation is written, then its search document fails: the whole transaction must go.
    vi.spyOn(db.searchPending, 'add').mockRejectedValueOnce(quota());
    const reply = await handlerFor(db)({ type: 'annotation.save', payload: edit }, fromLibrary);
    expect(reply).toMatchObject({ ok: false, error: { code: 'storage-full' } });
    expect(await snapshot(db)).toEqual(before);
  });

  it('during a clip: the earlier copy and its notes are intact', async () => {
    const before = await snapshot(db);
    vi.spyOn(db.searchPending, 'add').mockRejectedValueOnce(quota());
    const failure = await saveClippedArticle(db, { ...article, text: `${article.text}\n新增的一段。` }).catch(
      (error: unknown) => error,
    );
    expect(errorReply(failure)).toMatchObject({ ok: false, error: { code: 'storage-full' } });
    expect(await snapshot(db)).toEqual(before);
    writeHostileFigures('storage-faults', {
      faultsInjected: 3,
      recordsLost: 0,
      notes: [
        'QuotaExceededError in a highlight save and a clip (and an import, in import-notes.test.ts): no partial write',
      ],
    });
  });
});

describe('a browser that refuses storage', () => {
  it('answers storage-unavailable, which the UI explains in both languages', async () => {
    const refusing = openDatabase('refused', {
      indexedDB: {
        open() {
          throw new DOMException(
            'A mutation operation was attempted on a database that did not allow mutations.',
            'InvalidStateError',
          );
        },
        deleteDatabase: () => ({}),
        cmp: indexedDB.cmp.bind(indexedDB),
      } as unknown as IDBFactory,
      IDBKeyRange,
    });
    const reply = await handlerFor(refusing)({ type: 'annotation.save', payload: edit }, fromLibrary);
    expect(reply).toMatchObject({ ok: false, error: { code: 'storage-unavailable' } });
    expect(zh.error_storage_unavailable.message).toMatch(/不记录历史/);
    expect(en.error_storage_unavailable.message).toMatch(/history/);
  });
});
