// @vitest-environment node
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { openDatabase, type PizhuDatabase } from '@/store/database';
import { deleteAnnotation, saveAnnotation } from '@/store/annotation-store';
import { claimOwnNotes, syncLibrary } from '@/store/group-sync-store';
import { deleteReply, saveReply } from '@/store/reply-store';
import { loadExportBundle } from '@/store/export-snapshot';
import { exportW3cJson } from '@/utils/export/w3c-export';
import { PizhuError } from '@/utils/errors';
import { normalizeUrl } from '@/utils/url/normalize-url';
import {
  freshSyncState,
  runSync,
  type SyncLibrary,
  type SyncProgress,
  type SyncReport,
  type SyncState,
} from '@/utils/sync/run-sync';
import { memberFileName, memberOfFileName } from '@/utils/sync/sync-account';
import { memberFileText, readMemberFile } from '@/utils/sync/member-file';
import { WebdavClient, DEFAULT_WEBDAV_LIMITS, type FetchLike, type WebdavLimits } from '@/utils/sync/webdav-client';
import { startWebdavServer, type WebdavServer } from '../../scripts/serve/webdav-server';
import { highlight, outlinedArticle, snapshot } from '../support/notes-fixture';
import { testKeys, type TestKeys } from '../support/test-seal';
import { pairedIdentity, pairingAnswerCode, pairingRequestCode } from '@/utils/sync/pairing';
import { openSignedFile, signMemberFile } from '@/utils/sync/member-signature';
import { acceptPendingKey } from '@/utils/sync/member-seal';

/**
 * Group sync against a real WebDAV server (Apache mod_dav on 127.0.0.1, started here), with
 * members as separate databases, each with its own client and remembered state — as three
 * browsers would be.
 */

const USER = 'xiaozu';
const PASSWORD = 'app-password-1';
const URL_A = 'http://www.test.gov.cn/a/content_1.htm';
const URL_B = 'http://www.test.gov.cn/b/content_2.htm';
const articleA = outlinedArticle(URL_A, '关于推进测试工作的意见');
const articleB = outlinedArticle(URL_B, '另一篇文章');

let server: WebdavServer;
beforeAll(async () => {
  server = await startWebdavServer({ users: { [USER]: PASSWORD } });
}, 30_000);
afterAll(async () => server?.dispose());

const databases: PizhuDatabase[] = [];
afterEach(async () => {
  await Promise.all(databases.splice(0).map((db) => db.delete()));
});

interface Member {
  name: string;
  id: string;
  db: PizhuDatabase;
  state: SyncState;
  /** Its signing key and the keys it pinned. */
  keys: Promise<TestKeys>;
  /** Every request the member's client made, with its answer's status. */
  log: { method: string; status: number }[];
  /** The figures the member's syncs reported as they went. */
  progress: SyncProgress[];
  /** How many times a sync built the member's own file. */
  builds: number;
  sync(options?: {
    password?: string;
    fetch?: FetchLike;
    limits?: WebdavLimits;
    library?: (library: SyncLibrary) => SyncLibrary;
  }): Promise<SyncReport>;
  note(article: typeof articleA, exact: string, time: number, note?: string): ReturnType<typeof highlight>;
}

let folderCount = 0;
/** A fresh group folder on the server, created as the first member's 测试连接 would. */
async function groupFolder(): Promise<string> {
  folderCount += 1;
  const folderUrl = `${server.url}group-${folderCount}/`;
  await new WebdavClient({ folderUrl, user: USER, password: PASSWORD }, fetch).createFolder();
  return folderUrl;
}

function member(
  name: string,
  folderUrl: string,
  id: string = crypto.randomUUID(),
  keys: Promise<TestKeys> = testKeys(id),
): Member {
  const db = openDatabase(`sync-${crypto.randomUUID()}`);
  databases.push(db);
  const self: Member = {
    name,
    id,
    db,
    state: freshSyncState(folderUrl),
    keys,
    log: [],
    progress: [],
    builds: 0,
    sync: async (options = {}) => {
      const inner = options.fetch ?? fetch;
      const logged: FetchLike = async (url, init) => {
        const response = await inner(url, init);
        self.log.push({ method: init.method ?? 'GET', status: response.status });
        return response;
      };
      const client = new WebdavClient(
        { folderUrl, user: USER, password: options.password ?? PASSWORD },
        logged,
        options.limits ?? DEFAULT_WEBDAV_LIMITS,
      );
      const library = syncLibrary(db, { id, name });
      return runSync({
        client,
        memberId: id,
        library: (options.library ?? ((library) => library))({
          ...library,
          ownFileText: () => {
            self.builds += 1;
            return library.ownFileText();
          },
        }),
        seal: (await self.keys).seal(name),
        state: self.state,
        saveState: async (state) => {
          self.state = state;
        },
        onProgress: async (progress) => {
          self.progress.push(progress);
        },
      });
    },
    note: (article, exact, time, note = '') =>
      highlight(db, article, exact, { author: name, time, note, memberId: id }),
  };
  return self;
}

/** Another browser of `first`'s member, paired with it by the two codes. */
function pairedBrowser(first: Member, folderUrl: string): Member {
  const keys = (async () => {
    const own = await testKeys(crypto.randomUUID());
    const answer = await pairingAnswerCode((await first.keys).identity, pairingRequestCode(own.identity));
    return testKeys(first.id, await pairedIdentity(own.identity, answer));
  })();
  return member(first.name, folderUrl, first.id, keys);
}

/** A file as `memberId` signs it: with its member's keys, or a new key of its own. */
async function signedBy(memberId: string, text: string, keys: Promise<TestKeys> = testKeys(memberId)) {
  return (await keys).seal('').sign(text);
}

const notesOf = async (db: PizhuDatabase) =>
  (await db.annotations.toArray())
    .map((annotation) => `${annotation.author}:${annotation.quote.exact}:${annotation.note}`)
    .sort();

async function expectSyncError(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(PizhuError);
  expect((error as PizhuError).code).toBe(code);
}

describe('group sync through a WebDAV folder', () => {
  it('brings each member the others’ notes, edits and deletions; an unchanged folder costs one listing', async () => {
    const folder = await groupFolder();
    const a = member('小王', folder);
    const b = member('小李', folder);
    const c = member('小张', folder);
    const aNote = await a.note(articleA, '坚持问题导向', 1_000, '要点');
    await a.note(articleB, '压实责任', 2_000);
    await b.note(articleA, '明确目标', 3_000, '同意');

    await a.sync();
    await b.sync();
    const joined = await c.sync();
    expect(joined.filesRead).toBe(2);
    // The join's figures: members' files merged of those to read, and the notes received so far.
    expect(c.progress.map(({ membersDone, members }) => `${membersDone}/${members}`)).toEqual(['0/2', '1/2', '2/2']);
    expect(c.progress.at(-1)!.notes).toBe(3);
    expect(await notesOf(c.db)).toEqual(['小李:明确目标:同意', '小王:压实责任:', '小王:坚持问题导向:要点']);
    // The articles came with the notes, so the library lists them and the reader can open them.
    expect((await c.db.articles.toArray()).map((article) => article.title).sort()).toEqual(
      [articleA.title, articleB.title].sort(),
    );
    expect(server.files(folder.slice(server.url.length))).toEqual([a, b, c].map((m) => memberFileName(m.id)).sort());

    // An edit travels.
    await saveAnnotation(
      a.db,
      { ...aNote, note: '要点（修改）', base: { color: aNote.color, note: aNote.note, tags: aNote.tags } },
      { author: a.name, memberId: a.id, loadArticle: async () => articleA, now: new Date(5_000) },
    );
    await a.sync();
    await b.sync();
    await c.sync();
    expect(await notesOf(b.db)).toContain('小王:坚持问题导向:要点（修改）');
    expect(await notesOf(c.db)).toContain('小王:坚持问题导向:要点（修改）');
    // The author's edit of their own note replaces it: not a conflict, no previous version kept.
    expect(await b.db.annotationVersions.count()).toBe(0);

    // Nothing changed anywhere: a sync is one PROPFIND and nothing else.
    b.log.length = 0;
    const idle = await b.sync();
    expect(b.log).toEqual([{ method: 'PROPFIND', status: 207 }]);
    expect(idle).toMatchObject({ filesRead: 0, wrote: false });

    // A deletion reaches the others.
    await deleteAnnotation(a.db, aNote.id);
    await a.sync();
    await b.sync();
    await c.sync();
    for (const other of [b, c]) {
      expect(await notesOf(other.db)).toEqual(['小李:明确目标:同意', '小王:压实责任:']);
    }
  });

  it('downloads and checks the next member’s file while it merges one, one file ahead', async () => {
    const folder = await groupFolder();
    const others = [member('小王', folder), member('小李', folder), member('小张', folder)];
    for (const [index, other] of others.entries()) {
      await other.note(articleA, ['坚持问题导向', '明确目标', '压实责任'][index]!, 1_000 + index, other.name);
      await other.sync();
    }
    const joining = member('小赵', folder);
    const gets: string[] = [];
    let secondAsked = () => {};
    const secondGet = new Promise<void>((done) => (secondAsked = done));
    const counting: FetchLike = (url, init) => {
      if ((init.method ?? 'GET') === 'GET') gets.push(String(url));
      if (gets.length === 2) secondAsked();
      return fetch(url, init);
    };
    const fetchedWhenMerged: number[] = [];
    await joining.sync({
      fetch: counting,
      library: (library) => ({
        ...library,
        merge: async (files) => {
          // The first merge ends only once the second file was asked for: without reading ahead, never.
          if (fetchedWhenMerged.length === 0) await secondGet;
          const counts = await library.merge(files);
          fetchedWhenMerged.push(gets.length);
          return counts;
        },
      }),
    });
    // Two files asked for when the first merge ended (the next, read ahead); never a third before it.
    expect(fetchedWhenMerged[0]).toBe(2);
    // Each of the others' files once (a write the server gave no ETag for is read back after).
    expect(gets.filter((url) => others.some((other) => url.endsWith(memberFileName(other.id))))).toHaveLength(3);
    expect(await notesOf(joining.db)).toEqual(['小张:压实责任:小张', '小李:明确目标:小李', '小王:坚持问题导向:小王']);
  });

  it('merges into a library many times larger than the file, whose notes it asks for one by one', async () => {
    const folder = await groupFolder();
    const a = member('小王', folder);
    const b = member('小李', folder);
    const aNote = await a.note(articleA, '坚持问题导向', 1_000, '要点');
    await a.sync();
    // Twenty notes of b's own against a file of one: more than 8 held per note to look up.
    for (let index = 0; index < 20; index++) await b.note(articleA, '明确目标', 2_000 + index, `乙${index}`);
    await b.sync();
    await saveAnnotation(
      a.db,
      { ...aNote, note: '要点（修改）', base: { color: aNote.color, note: aNote.note, tags: aNote.tags } },
      { author: a.name, memberId: a.id, loadArticle: async () => articleA, now: new Date(5_000) },
    );
    await a.sync();
    await b.sync();
    const notes = await notesOf(b.db);
    expect(notes).toHaveLength(21);
    expect(notes).toContain('小王:坚持问题导向:要点（修改）');
    expect(await b.db.annotationVersions.count()).toBe(0);
  });

  it('builds its own file again only once the library changed, whichever page changed it', async () => {
    const folder = await groupFolder();
    const a = member('小王', folder);
    const b = member('小李', folder);
    const aNote = await a.note(articleA, '坚持问题导向', 1_000, '要点');
    await a.sync();
    a.builds = 0;
    a.log.length = 0;
    expect(await a.sync()).toMatchObject({ filesRead: 0, wrote: false });
    expect(a.log).toEqual([{ method: 'PROPFIND', status: 207 }]);
    expect(a.builds).toBe(0);

    // The library page edits the note through a connection of its own.
    const page = openDatabase(a.db.name);
    await page.annotations.update(aNote.id, { note: '要点（修改）', updatedAt: new Date(6_000).toISOString() });
    page.close();
    expect(await a.sync()).toMatchObject({ wrote: true });
    expect(a.builds).toBe(1);
    await b.sync();
    expect(await notesOf(b.db)).toContain('小王:坚持问题导向:要点（修改）');

    // Merging another member's notes changes nothing of what this member publishes: the file is not built again.
    await b.note(articleA, '明确目标', 7_000);
    await b.sync();
    expect(await a.sync()).toMatchObject({ filesRead: 1, wrote: false });
    expect(a.builds).toBe(1);
    await a.sync();
    expect(a.builds).toBe(1);
  });

  it('lets a member delete only their own notes from the others’ libraries', async () => {
    const folder = await groupFolder();
    const a = member('小王', folder);
    const c = member('小张', folder);
    const aNote = await a.note(articleA, '坚持问题导向', 1_000, '要点');
    await a.sync();
    await c.sync();
    // C deletes A's note in C's own library: that stays C's business, A keeps it.
    await deleteAnnotation(c.db, aNote.id);
    await c.sync();
    await a.sync();
    expect(await notesOf(a.db)).toEqual(['小王:坚持问题导向:要点']);
    // And a tombstone C forges in C's file for A's note deletes nothing either.
    const forged = JSON.parse(
      memberFileText({
        member: { id: c.id, name: c.name },
        bundle: { generatedAt: '', articles: [], versions: [] },
        tombstones: [{ id: aNote.id, creatorId: c.id, deletedAt: new Date(9_000).toISOString() }],
      }),
    ) as object;
    server.writeFile(
      `${folder.slice(server.url.length)}${memberFileName(c.id)}`,
      await signedBy(c.id, JSON.stringify(forged), c.keys),
    );
    await a.sync();
    expect(await notesOf(a.db)).toEqual(['小王:坚持问题导向:要点']);
  });

  it('carries replies to a note as a thread, and the deletion of a reply', async () => {
    const folder = await groupFolder();
    const a = member('小王', folder);
    const b = member('小李', folder);
    const aNote = await a.note(articleA, '坚持问题导向', 1_000, '这里是重点');
    await a.sync();
    await b.sync();
    // B answers A's note; B cannot edit it in place.
    await expectSyncError(
      saveAnnotation(
        b.db,
        { ...aNote, note: '改掉你的批注', base: { color: aNote.color, note: aNote.note, tags: aNote.tags } },
        { author: b.name, memberId: b.id, loadArticle: async () => articleA },
      ),
      'not-yours',
    );
    const reply = await saveReply(
      b.db,
      { id: crypto.randomUUID(), annotationId: aNote.id, text: '同意，另见第二部分' },
      { author: b.name, memberId: b.id, now: new Date(2_000) },
    );
    await b.sync();
    await a.sync();
    const received = await a.db.replies.toArray();
    expect(received).toEqual([
      expect.objectContaining({ annotationId: aNote.id, text: '同意，另见第二部分', author: '小李' }),
    ]);
    // Every JSON export carries the thread as W3C replies.
    const exported = exportW3cJson(await loadExportBundle(a.db, 'all'), crypto.randomUUID(), 'notes');
    expect(exported.first!.items).toContainEqual(
      expect.objectContaining({ motivation: 'replying', target: `urn:uuid:${aNote.id}` }),
    );
    await deleteReply(b.db, reply.id, { memberId: b.id });
    await b.sync();
    await a.sync();
    expect(await a.db.replies.count()).toBe(0);
  });

  it('merges a conflict between two browsers of one member: the newer edit wins, the other is kept', async () => {
    const folder = await groupFolder();
    const laptop = member('小王', folder);
    const office = pairedBrowser(laptop, folder);
    const original = await laptop.note(articleA, '坚持问题导向', 1_000, '初稿');
    await laptop.sync();
    await office.sync();
    const edit = (m: Member, note: string, time: number) =>
      saveAnnotation(
        m.db,
        { ...original, note, base: { color: original.color, note: original.note, tags: original.tags } },
        { author: m.name, memberId: m.id, loadArticle: async () => articleA, now: new Date(time) },
      );
    await edit(laptop, '笔记本上的修改', 2_000);
    await edit(office, '办公室的修改（更晚）', 3_000);
    await laptop.sync();
    await office.sync();
    await laptop.sync();
    for (const m of [laptop, office]) {
      expect(await notesOf(m.db)).toEqual(['小王:坚持问题导向:办公室的修改（更晚）']);
    }
    expect((await office.db.annotationVersions.toArray()).map((version) => version.record.note)).toEqual([
      '笔记本上的修改',
    ]);
  });

  it('loses neither write when two writers race for one file (412), listing and merging again', async () => {
    const folder = await groupFolder();
    const first = member('小王', folder);
    const second = pairedBrowser(first, folder);
    await first.note(articleA, '坚持问题导向', 1_000);
    await first.sync();
    await second.sync();
    await first.note(articleA, '明确目标', 2_000);
    await second.note(articleA, '压实责任', 3_000);
    // The other writer gets in between this member's listing and its write.
    second.log.length = 0;
    let raced = false;
    const racing: FetchLike = async (url, init) => {
      if (init.method === 'PUT' && !raced) {
        raced = true;
        await first.sync();
      }
      return fetch(url, init);
    };
    await second.sync({ fetch: racing });
    expect(second.log.filter((entry) => entry.method === 'PUT').map((entry) => entry.status)).toEqual([412, 204]);
    await first.sync();
    const all = ['小王:压实责任:', '小王:坚持问题导向:', '小王:明确目标:'];
    expect(await notesOf(first.db)).toEqual(all);
    expect(await notesOf(second.db)).toEqual(all);
  });

  it('says a wrong password in words and changes nothing', async () => {
    const folder = await groupFolder();
    const a = member('小王', folder);
    await a.note(articleA, '坚持问题导向', 1_000);
    const before = await snapshot(a.db);
    const state = a.state;
    await expectSyncError(a.sync({ password: 'wrong' }), 'sync-auth');
    expect(await snapshot(a.db)).toEqual(before);
    expect(a.state).toEqual(state);
    expect(server.files(folder.slice(server.url.length))).toEqual([]);
  });

  it('loses nothing when the server stops in the middle of a sync, and finishes the next time', async () => {
    const folder = await groupFolder();
    const a = member('小王', folder);
    const b = member('小李', folder);
    await a.note(articleA, '坚持问题导向', 1_000, '甲');
    await a.sync();
    await b.note(articleA, '明确目标', 2_000, '乙');
    const before = await snapshot(b.db);
    const stopping: FetchLike = async (url, init) => {
      const response = await fetch(url, init);
      if (init.method === 'PROPFIND') await server.stop();
      return response;
    };
    try {
      await expectSyncError(b.sync({ fetch: stopping }), 'sync-unreachable');
    } finally {
      await server.start();
    }
    expect(await snapshot(b.db)).toEqual(before);
    await b.sync();
    await a.sync();
    expect(await notesOf(a.db)).toEqual(['小李:明确目标:乙', '小王:坚持问题导向:甲']);
    expect(await notesOf(b.db)).toEqual(['小李:明确目标:乙', '小王:坚持问题导向:甲']);
  }, 30_000);

  it('refuses hostile files in the folder by name and merges the rest', async () => {
    const folder = await groupFolder();
    const dir = folder.slice(server.url.length);
    const a = member('小王', folder);
    const b = member('小李', folder);
    await a.note(articleA, '坚持问题导向', 1_000, '甲');
    await a.sync();
    const payloads = (
      JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../shared/security/xss-payloads.json'), 'utf8')) as {
        payloads: { payload: string }[];
      }
    ).payloads.map((entry) => entry.payload);
    const aFile = JSON.parse(server.readFile(`${dir}${memberFileName(a.id)}`)) as {
      total: number;
      first: { items: unknown[] };
      pizhu: { articles: unknown[] };
    };
    const impostor = crypto.randomUUID();
    // Each planted file is signed by a key of its own (first seen, so pinned): what is tested is
    // what the file says, past its signature.
    const planted: Record<string, string> = {
      [`${crypto.randomUUID()}.json`]: '{"type": "AnnotationCollection", "pizhu": }',
      [`${crypto.randomUUID()}.json`]: '{"__proto__": {"polluted": true}, "type": "AnnotationCollection"}',
      // A copy of A's file under another member's name: it speaks for A, so it is refused.
      [`${impostor}.json`]: JSON.stringify(aFile),
      [`${crypto.randomUUID()}.json`]: 'x'.repeat(3_000_000),
    };
    // A well-formed file of a stranger: an article and notes made of the XSS payloads, plus notes
    // that claim to be A's. The stranger's own notes arrive as text; the claimed ones are dropped.
    const stranger = member(payloads[0]!.slice(0, 40), folder);
    const hostileArticle = { ...outlinedArticle('http://www.test.gov.cn/x/content_9.htm', payloads[1]!.slice(0, 200)) };
    hostileArticle.text = `${hostileArticle.text}\n${payloads.join('\n')}`;
    hostileArticle.html = payloads.join('');
    for (const [index, payload] of payloads.entries()) {
      await stranger.note(hostileArticle, '坚持问题导向', 10_000 + index, payload);
    }
    const strangerFile = JSON.parse(
      await syncLibrary(stranger.db, { id: stranger.id, name: stranger.name }).ownFileText(),
    ) as typeof aFile;
    strangerFile.first.items.push(
      ...aFile.first.items.map((item) => ({ ...(item as object), id: `urn:uuid:${crypto.randomUUID()}` })),
    );
    strangerFile.total = strangerFile.first.items.length;
    strangerFile.pizhu.articles.push(...aFile.pizhu.articles);
    const strangerName = memberFileName(stranger.id);
    for (const [name, text] of Object.entries(planted)) {
      const signed = text.endsWith('}') ? await signedBy(memberOfFileName(name)!, text) : text;
      server.writeFile(`${dir}${name}`, signed);
    }
    server.writeFile(`${dir}${strangerName}`, await signedBy(stranger.id, JSON.stringify(strangerFile), stranger.keys));
    server.writeFile(`${dir}notes.txt`, 'not a member file');

    const report = await b.sync({ limits: { ...DEFAULT_WEBDAV_LIMITS, fileBytes: 2_000_000 } });
    // Each bad file is named with its problem; the stranger's file is merged with none of A's notes.
    const problems = Object.fromEntries(report.refused.map((entry) => [entry.file, entry.problem]));
    const names = Object.keys(planted);
    expect(problems).toEqual({
      [names[0]!]: 'not-json',
      [names[1]!]: 'forbidden-key',
      [names[2]!]: 'invalid',
      [names[3]!]: 'too-large',
    });
    const received = await b.db.annotations.toArray();
    expect(received.filter((annotation) => annotation.creatorId === a.id).map((annotation) => annotation.note)).toEqual(
      ['甲'],
    );
    expect(
      received
        .filter((annotation) => annotation.creatorId === stranger.id)
        .map((annotation) => annotation.note)
        .sort(),
    ).toEqual([...payloads].sort());
    // The stranger's article is stored with markup made from its escaped text: not one element of the payloads.
    const stored = await b.db.articles.where('urlKey').equals(normalizeUrl(hostileArticle.url)).first();
    expect(stored!.html.replace(/<\/?p>/g, '')).not.toMatch(/<[a-z!/?]/i);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('says a full disk (507) in words, keeps every local note and tries the write again next time', async () => {
    const small = await startWebdavServer({ users: { [USER]: PASSWORD }, diskBytes: 32 * 1024 });
    try {
      const folderUrl = `${small.url}group/`;
      await new WebdavClient({ folderUrl, user: USER, password: PASSWORD }, fetch).createFolder();
      const a = member('小王', folderUrl);
      for (let index = 0; index < 40; index += 1) {
        await a.note(articleA, '坚持问题导向', 1_000 + index, `第${index}条：${'很长的批注'.repeat(100)}`);
      }
      const before = await snapshot(a.db);
      await expectSyncError(a.sync(), 'sync-quota');
      expect(await snapshot(a.db)).toEqual(before);
      expect(a.state.ownKey).toBeNull();
      a.log.length = 0;
      await expectSyncError(a.sync(), 'sync-quota');
      expect(a.log).toEqual([
        { method: 'PROPFIND', status: 207 },
        { method: 'PUT', status: 507 },
      ]);
    } finally {
      await small.dispose();
    }
  }, 30_000);

  it('sends the password to the group’s server only: a redirect elsewhere is not followed', async () => {
    const seen: (string | undefined)[] = [];
    const thief = createServer((request, response) => {
      seen.push(request.headers.authorization);
      response.end();
    });
    // A server that lists a member's file, then sends the read of it to another origin.
    const listed = `${crypto.randomUUID()}.json`;
    const redirecting = createServer((request, response) => {
      if (request.method === 'PROPFIND') {
        response.writeHead(207, { 'Content-Type': 'application/xml' });
        response.end(
          `<d:multistatus xmlns:d="DAV:"><d:response><d:href>/pizhu/${listed}</d:href><d:propstat><d:prop><d:getetag>"1"</d:getetag></d:prop></d:propstat></d:response></d:multistatus>`,
        );
        return;
      }
      response.writeHead(307, { Location: `http://127.0.0.1:${(thief.address() as AddressInfo).port}/steal/` });
      response.end();
    });
    await Promise.all(
      [thief, redirecting].map((server) => new Promise<void>((done) => server.listen(0, '127.0.0.1', done))),
    );
    try {
      const folderUrl = `http://127.0.0.1:${(redirecting.address() as AddressInfo).port}/pizhu/`;
      const a = member('小王', folderUrl);
      await a.note(articleA, '坚持问题导向', 1_000);
      await expectSyncError(a.sync(), 'sync-unreachable');
      expect(seen).toEqual([]);
    } finally {
      await Promise.all([thief, redirecting].map((server) => new Promise((done) => server.close(done))));
    }
  });

  it('claims the notes made before sync under the member’s name, not others’', async () => {
    const folder = await groupFolder();
    const a = member('小王', folder);
    await highlight(a.db, articleA, '坚持问题导向', { author: '小王', time: 1_000 });
    await highlight(a.db, articleA, '明确目标', { author: '', time: 2_000 });
    await highlight(a.db, articleA, '压实责任', { author: '导入的同学', time: 3_000 });
    expect(await claimOwnNotes(a.db, a.id, a.name)).toBe(2);
    expect(await claimOwnNotes(a.db, a.id, a.name)).toBe(0);
    const b = member('小李', folder);
    await a.sync();
    await b.sync();
    expect(await notesOf(b.db)).toEqual([':明确目标:', '小王:坚持问题导向:']);
  });
});

/**
 * A member who has the group's password — Mallory — acting on the real server as an attacker would:
 * she writes her own file, or anyone's, with what she likes in it, and can keep old copies.
 */
describe('a member with the group’s password cannot write anyone else’s notes', () => {
  const refusals = (report: SyncReport) =>
    Object.fromEntries(report.refused.map((entry) => [entry.file, entry.problem]));

  /** Mallory's version of A's file: A's signed text with a note rewritten, then sealed as she chooses. */
  async function rewrittenFile(folder: string, owner: Member, note: string) {
    const path = `${folder.slice(server.url.length)}${memberFileName(owner.id)}`;
    const { body, envelope } = openSignedFile(server.readFile(path));
    const file = JSON.parse(body) as { first: { items: { body?: { value: string }[]; modified: string }[] } };
    file.first.items[0]!.body![0]!.value = note;
    file.first.items[0]!.modified = new Date(99_000).toISOString();
    return { path, body: JSON.stringify(file), envelope };
  }

  it('keeps your note yours when a member publishes a copy of it under its id as theirs, and then deletes it', async () => {
    const folder = await groupFolder();
    const a = member('小王', folder);
    const b = member('小李', folder);
    const mallory = member('小马', folder);
    const aNote = await a.note(articleA, '坚持问题导向', 1_000, '要点');
    await a.sync();
    await b.sync();
    await mallory.sync();
    // Through Pizhu itself: a note with A's note's id, place and name, as Mallory's, edited later.
    await deleteAnnotation(mallory.db, aNote.id);
    await highlight(mallory.db, articleA, '坚持问题导向', {
      id: aNote.id,
      author: '小王',
      memberId: mallory.id,
      time: 50_000,
      note: '被改写的批注',
    });
    await mallory.sync();
    const malloryFile = memberFileName(mallory.id);
    for (const m of [a, b]) {
      const report = await m.sync();
      expect(await notesOf(m.db)).toEqual(['小王:坚持问题导向:要点']);
      expect((await m.db.annotations.get(aNote.id))!.creatorId).toBe(a.id);
      // Named in the sync's summary.
      expect(report.ignored).toEqual([{ file: malloryFile, records: 1 }]);
    }
    // Then her tombstone for "her" note: it deletes nothing of A's.
    await deleteAnnotation(mallory.db, aNote.id);
    await mallory.sync();
    const c = member('小张', folder);
    for (const m of [a, b, c]) {
      const report = await m.sync();
      expect(await notesOf(m.db)).toEqual(['小王:坚持问题导向:要点']);
      if (m !== c) expect(report.ignored).toEqual([{ file: malloryFile, records: 1 }]);
    }
  });

  it('keeps a note written between two merges of one sync yours: the next file that claims its id is refused it', async () => {
    const folder = await groupFolder();
    const a = member('小王', folder);
    const b = member('小李', folder);
    const mallory = member('小马', folder);
    const claimed = crypto.randomUUID();
    await b.note(articleB, '明确目标', 1_000, '乙');
    await highlight(mallory.db, articleA, '坚持问题导向', {
      id: claimed,
      author: '小马',
      memberId: mallory.id,
      time: 2_000,
      note: '她的',
    });
    const fileOf = async (m: Member) => {
      const body = await syncLibrary(m.db, { id: m.id, name: m.name }).ownFileText();
      return readMemberFile(body, m.id, body.length);
    };
    // One sync's library: its merges remember the notes' keys from one file to the next.
    const library = syncLibrary(a.db, { id: a.id, name: a.name });
    await library.merge([await fileOf(b)]);
    // Meanwhile another page saves a note of A's under that id, on an article the first file did not bring.
    await highlight(a.db, articleA, '坚持问题导向', {
      id: claimed,
      author: a.name,
      memberId: a.id,
      time: 3_000,
      note: '我的',
    });
    const counts = await library.merge([await fileOf(mallory)]);
    expect(counts.ignored).toBe(1);
    expect(await notesOf(a.db)).toEqual(['小李:明确目标:乙', '小王:坚持问题导向:我的']);
    expect((await a.db.articles.toArray()).map((article) => article.url).sort()).toEqual([URL_A, URL_B]);
  });

  it('refuses your file when another hand wrote it — her key, a forged signature, a swapped key, no signature — and writes yours back', async () => {
    const folder = await groupFolder();
    const a = member('小王', folder);
    const b = member('小李', folder);
    const mallory = member('小马', folder);
    const aNote = await a.note(articleA, '坚持问题导向', 1_000, '要点');
    await a.note(articleB, '压实责任', 2_000, '第二条');
    await a.sync();
    await b.sync();
    await mallory.sync();
    const malloryKeys = await mallory.keys;
    const tampered = await rewrittenFile(folder, a, '被改写的批注');
    const forgeries: Record<string, { text: string; own: string; other: string }> = {
      // Her own key, signing as A: A's own file not signed by A's key; for B, A's key changed.
      'her key': {
        text: await signMemberFile(tampered.body, {
          identity: { ...malloryKeys.identity, member: a.id },
          name: '小王',
          at: new Date(99_000_000).toISOString(),
        }),
        own: 'not-yours',
        other: 'key-changed',
      },
      // A's signature kept over a body she changed.
      'forged signature': {
        text: `${tampered.body.slice(0, -1)},"pizhuSignature":${JSON.stringify(tampered.envelope)}}`,
        own: 'bad-signature',
        other: 'bad-signature',
      },
      // A's signature, with her key put in its place.
      'swapped key': {
        text: `${tampered.body.slice(0, -1)},"pizhuSignature":${JSON.stringify({ ...tampered.envelope, key: malloryKeys.identity.key, primary: malloryKeys.identity.key })}}`,
        own: 'bad-signature',
        other: 'bad-signature',
      },
      // As an older Pizhu wrote files.
      unsigned: { text: tampered.body, own: 'unsigned', other: 'unsigned' },
    };
    const aFile = memberFileName(a.id);
    for (const [attack, { text, own, other }] of Object.entries(forgeries)) {
      server.writeFile(tampered.path, text);
      const before = await snapshot(b.db);
      expect(refusals(await b.sync()), attack).toEqual({ [aFile]: other });
      expect(await snapshot(b.db), attack).toEqual(before);
      const ownReport = await a.sync();
      expect(refusals(ownReport), attack).toEqual({ [aFile]: own });
      expect(ownReport.wrote, attack).toBe(true);
      expect(await notesOf(a.db), attack).toEqual(['小王:压实责任:第二条', '小王:坚持问题导向:要点']);
      // A's file is A's again: B merges it as before, nothing refused.
      expect(refusals(await b.sync()), attack).toEqual({});
      expect((await b.db.annotations.get(aNote.id))!.note, attack).toBe('要点');
    }
    // B remembers the key Mallory's file was signed with, for 设置 to name, and still pins A's.
    expect((await b.keys).pins[a.id]).toMatchObject({
      key: (await a.keys).identity.key,
      pending: malloryKeys.identity.key,
    });
  });

  it('refuses an older signed file of yours put back in the folder (replay)', async () => {
    const folder = await groupFolder();
    const a = member('小王', folder);
    const b = member('小李', folder);
    const aNote = await a.note(articleA, '坚持问题导向', 1_000, '要点');
    await a.sync();
    await b.sync();
    const path = `${folder.slice(server.url.length)}${memberFileName(a.id)}`;
    const old = server.readFile(path);
    await deleteAnnotation(a.db, aNote.id);
    await a.sync();
    await b.sync();
    expect(await notesOf(b.db)).toEqual([]);
    server.writeFile(path, old);
    expect(refusals(await b.sync())).toEqual({ [memberFileName(a.id)]: 'replay' });
    expect(await notesOf(b.db)).toEqual([]);
    const own = await a.sync();
    expect(refusals(own)).toEqual({ [memberFileName(a.id)]: 'replay' });
    expect(own.wrote).toBe(true);
    expect(await notesOf(a.db)).toEqual([]);
  });

  it('makes no one a member by their member id: an unpaired browser is refused; a changed key counts once accepted', async () => {
    const folder = await groupFolder();
    const a = member('小王', folder);
    const b = member('小李', folder);
    await a.note(articleA, '坚持问题导向', 1_000, '要点');
    await a.sync();
    await b.sync();
    // A browser that only copied A's member id: A's file is not its own, and what it writes
    // there is a changed key to B.
    const copier = member('小王', folder, a.id);
    await copier.note(articleB, '压实责任', 5_000, '冒名');
    expect(refusals(await copier.sync())).toEqual({ [memberFileName(a.id)]: 'not-yours' });
    expect(await notesOf(copier.db)).toEqual(['小王:压实责任:冒名']);
    expect(refusals(await b.sync())).toEqual({ [memberFileName(a.id)]: 'key-changed' });
    expect(await notesOf(b.db)).toEqual(['小王:坚持问题导向:要点']);
    // B is told it is A who reinstalled, compares the fingerprint and accepts: the new key counts.
    const bKeys = await b.keys;
    bKeys.pins = acceptPendingKey(bKeys.pins, a.id);
    expect(refusals(await b.sync())).toEqual({});
    expect(await notesOf(b.db)).toEqual(['小王:压实责任:冒名', '小王:坚持问题导向:要点']);
    // A paired browser is accepted by A and by B without asking.
    const paired = pairedBrowser(copier, folder);
    await paired.note(articleA, '明确目标', 6_000, '配对后');
    expect(refusals(await paired.sync())).toEqual({});
    expect(refusals(await b.sync())).toEqual({});
    expect(await notesOf(b.db)).toContain('小王:明确目标:配对后');
  });
});
