import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackgroundMessageHandler } from '@/entrypoints/background/handlers';
import { openDatabase, type PizhuDatabase } from '@/store/database';
import type { AnnotationRecord } from '@/utils/model/annotation';
import type { SenderInfo } from '@/utils/messages';
import { writeHostileFigures } from '../support/hostile-report';
import { clip, highlight, outlinedArticle, snapshot } from '../support/notes-fixture';
import { PizhuError } from '@/utils/errors';

const notSetUp = () => Promise.reject(new PizhuError('sync-not-set-up', 'no group sync in this test'));

const EXTENSION_ID = 'pizhu-trust';
const ORIGIN = `chrome-extension://${EXTENSION_ID}/`;
const OWN = 'http://www.own.gov.cn/a/content_1.htm';
const OTHER = 'http://www.other.gov.cn/b/content_2.htm';
/** Pizhu's own content script, in a page (or a page process) that lies about everything it can. */
const LIAR: SenderInfo = { id: EXTENSION_ID, url: OWN, tab: { id: 7 } };
const EXTENSION_PAGE: SenderInfo = { id: EXTENSION_ID, url: `${ORIGIN}note-frame.html` };

let db: PizhuDatabase;
let victim: AnnotationRecord;
beforeAll(async () => {
  db = openDatabase(`trust-${crypto.randomUUID()}`);
  await clip(db, outlinedArticle(OWN, '本页文章'), 1_000);
  const other = outlinedArticle(OTHER, '另一网站的文章');
  await clip(db, other, 1_000);
  victim = await highlight(db, other, '坚持问题导向', {
    author: '小王',
    time: 2_000,
    note: '别的网站上的私人批注',
    tags: ['私密标签'],
  });
});
afterAll(async () => {
  await db.delete();
});

describe('a content script that lies', () => {
  it('gets nothing of another page and changes nothing there', async () => {
    const handle = createBackgroundMessageHandler(db, EXTENSION_ID, ORIGIN, notSetUp);
    const before = await snapshot(db);
    const {
      articleId: _article,
      urlKey: _key,
      author: _author,
      createdAt: _created,
      updatedAt: _updated,
      ...input
    } = victim;
    const attacks = {
      'read another page': await handle({ type: 'annotations.forPage', payload: { url: OTHER } }, LIAR),
      'read every tag': await handle({ type: 'annotations.tags', payload: {} }, LIAR),
      'move a note to its page': await handle(
        { type: 'annotation.save', payload: { ...input, url: OWN, note: '被改写' } },
        LIAR,
      ),
      'delete a note of another page': await handle({ type: 'annotation.delete', payload: { id: victim.id } }, LIAR),
      'overwrite a note by restoring': await handle(
        {
          type: 'annotation.restore',
          payload: {
            ...victim,
            url: OWN,
            urlKey: 'https://www.own.gov.cn/a/content_1.htm',
            articleId: before.articles.find((article) => article.url === OWN)!.id,
            note: '被改写',
          },
        },
        LIAR,
      ),
      // Replies and group sync are for extension pages only: a page's script never holds a thread.
      'read the replies to a note': await handle(
        { type: 'replies.forAnnotations', payload: { ids: [victim.id] } },
        LIAR,
      ),
      'answer a note': await handle(
        { type: 'reply.save', payload: { id: crypto.randomUUID(), annotationId: victim.id, text: '伪造的回复' } },
        LIAR,
      ),
      'start a group sync': await handle({ type: 'sync.run', payload: {} }, LIAR),
      'have another page read in the extension origin': await handle(
        {
          type: 'page.read',
          payload: { html: '<p>伪造</p>', url: OTHER, mustExtract: true, userSaysArticle: true, asked: true },
        },
        LIAR,
      ),
    };
    for (const [attack, answer] of Object.entries(attacks)) {
      expect(answer, attack).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    }
    expect(await snapshot(db)).toEqual(before);

    // The same requests about its own page, and the tags from an extension page, are answered.
    expect(await handle({ type: 'annotations.forPage', payload: { url: OWN } }, LIAR)).toMatchObject({
      ok: true,
      data: [],
    });
    expect(await handle({ type: 'annotations.tags', payload: {} }, EXTENSION_PAGE)).toMatchObject({
      ok: true,
      data: ['私密标签'],
    });
    writeHostileFigures('content-trust', {
      notes: [
        `a lying content script: ${Object.keys(attacks).length} attacks on another page's note, its replies and group sync, all refused (forbidden-sender), database unchanged`,
      ],
    });
  });
});

describe('a same-origin frame that Chromium names about:blank', () => {
  const FRAME: SenderInfo = {
    id: EXTENSION_ID,
    url: 'about:blank',
    tab: { id: 7 },
    frameId: 3,
    origin: 'http://www.own.gov.cn',
  };

  it('reads its own origin’s notes, and gets or deletes nothing of another site', async () => {
    const handle = createBackgroundMessageHandler(db, EXTENSION_ID, ORIGIN, notSetUp);
    const before = await snapshot(db);
    expect(await handle({ type: 'annotations.forPage', payload: { url: OWN } }, FRAME)).toMatchObject({ ok: true });
    expect(await handle({ type: 'annotations.forPage', payload: { url: OTHER } }, FRAME)).toMatchObject({
      ok: false,
      error: { code: 'forbidden-sender' },
    });
    expect(await handle({ type: 'annotation.delete', payload: { id: victim.id } }, FRAME)).toMatchObject({
      ok: false,
      error: { code: 'forbidden-sender' },
    });
    expect(await snapshot(db)).toEqual(before);
  });
});

describe('a page that moved its own address', () => {
  const MOVED = 'http://www.own.gov.cn/a/content_2.htm';
  // Chromium names the sender by the address its document was loaded at, the tab by the one shown.
  const MOVED_TOP: SenderInfo = { id: EXTENSION_ID, url: OWN, tab: { id: 7, url: MOVED }, frameId: 0 };
  // A frame inside another site's page: the tab's address is that page's, not the frame's.
  const FRAME_IN_OTHER: SenderInfo = { id: EXTENSION_ID, url: OWN, tab: { id: 7, url: OTHER }, frameId: 2 };

  it('keeps notes at the address shown, and a frame never gains the address of the page around it', async () => {
    const handle = createBackgroundMessageHandler(db, EXTENSION_ID, ORIGIN, notSetUp);
    expect(await handle({ type: 'annotations.forPage', payload: { url: MOVED } }, MOVED_TOP)).toMatchObject({
      ok: true,
    });
    const before = await snapshot(db);
    for (const sender of [MOVED_TOP, FRAME_IN_OTHER]) {
      expect(await handle({ type: 'annotations.forPage', payload: { url: OTHER } }, sender)).toMatchObject({
        ok: false,
        error: { code: 'forbidden-sender' },
      });
      expect(await handle({ type: 'annotation.delete', payload: { id: victim.id } }, sender)).toMatchObject({
        ok: false,
        error: { code: 'forbidden-sender' },
      });
    }
    expect(await snapshot(db)).toEqual(before);

    // A note made at the address shown is the page's to delete.
    const article = outlinedArticle(MOVED, '同一网站的下一篇');
    await clip(db, article, 3_000);
    const made = await highlight(db, article, '坚持问题导向', { author: '小李', time: 4_000, note: '', tags: [] });
    expect(await handle({ type: 'annotation.delete', payload: { id: made.id } }, MOVED_TOP)).toMatchObject({
      ok: true,
    });
    expect(await db.annotations.get(made.id)).toBeUndefined();
  });
});
