// @vitest-environment node
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type PizhuDatabase } from '@/store/database';
import { syncLibrary } from '@/store/group-sync-store';
import { PizhuError } from '@/utils/errors';
import { freshSyncState, runSync, waitAfter, type SyncReport, type SyncState } from '@/utils/sync/run-sync';
import { folderUrlOf } from '@/utils/sync/sync-account';
import { testConnection } from '@/utils/sync/test-connection';
import { WebdavClient, type FetchLike } from '@/utils/sync/webdav-client';
import { SERVER_KINDS, startAnyServer } from '../../scripts/serve/any-webdav-server';
import type { MimicFlavour, MimicServer } from '../../scripts/serve/webdav-mimic';
import type { ServerKind, StartedServer } from '../../scripts/serve/webdav-servers';
import { highlight, outlinedArticle } from '../support/notes-fixture';
import { testKeys, type TestKeys } from '../support/test-seal';

/**
 * Group sync against every kind of WebDAV server a group may use, started here on 127.0.0.1:
 * Apache mod_dav, lighttpd mod_webdav (Digest only, SHA-256), nginx with dav-ext (no ETags in
 * its listing; ignores If-Match), rclone `serve webdav` (ignores If-Match), and the hand-written
 * stand-ins for 坚果云, Seafile and Nextcloud (`webdav-mimic.ts`). One server per kind serves
 * all of its tests.
 */

const USER = 'xiaozu@example.cn';
const PASSWORD = 'app-password-1';
const article = outlinedArticle('http://www.test.gov.cn/a/content_1.htm', '关于推进测试工作的意见');

/** What 测试连接 finds each server does with a write held to a version it does not have. */
const KEEPS_CONDITIONS: Record<ServerKind | MimicFlavour, boolean> = {
  apache: true,
  lighttpd: true,
  nginx: false,
  rclone: false,
  jianguoyun: true,
  seafile: true,
  nextcloud: true,
};

const databases: PizhuDatabase[] = [];
afterEach(async () => {
  await Promise.all(databases.splice(0).map((db) => db.delete()));
});

interface Member {
  id: string;
  db: PizhuDatabase;
  state: SyncState;
  log: { method: string; status: number }[];
  sync(options?: { fetch?: FetchLike; password?: string; now?: () => number }): Promise<SyncReport>;
  note(exact: string, time: number, note?: string): Promise<unknown>;
}

/** One signing key per member id: two browsers of one member here share it, as paired browsers share the member. */
const keysById = new Map<string, Promise<TestKeys>>();
const keysOf = (id: string) => keysById.get(id) ?? keysById.set(id, testKeys(id)).get(id)!;

function member(name: string, folderUrl: string, id: string = crypto.randomUUID()): Member {
  const db = openDatabase(`servers-${crypto.randomUUID()}`);
  databases.push(db);
  const self: Member = {
    id,
    db,
    state: freshSyncState(folderUrl),
    log: [],
    sync: async (options = {}) => {
      const inner = options.fetch ?? fetch;
      const logged: FetchLike = async (url, init) => {
        const response = await inner(url, init);
        self.log.push({ method: init.method ?? 'GET', status: response.status });
        return response;
      };
      return runSync({
        client: new WebdavClient({ folderUrl, user: USER, password: options.password ?? PASSWORD }, logged),
        memberId: id,
        library: syncLibrary(db, { id, name }),
        seal: (await keysOf(id)).seal(name),
        state: self.state,
        saveState: async (state) => {
          self.state = state;
        },
        now: options.now,
      });
    },
    note: (exact, time, note = '') => highlight(db, article, exact, { author: name, time, note, memberId: id }),
  };
  return self;
}

const notesOf = async (db: PizhuDatabase) =>
  (await db.annotations.toArray()).map((annotation) => `${annotation.quote.exact}:${annotation.note}`).sort();

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => (error instanceof PizhuError ? error.code : String(error)),
  );

/** Waits until the second of every write so far is over: a listing without ETags trusts only settled times. */
const settle = () => new Promise((done) => setTimeout(done, 1_100 - (Date.now() % 1_000)));

/** A fetch that runs `meanwhile` once, right after the first answer to `method`. */
function racing(method: string, meanwhile: () => Promise<unknown>): { fetch: FetchLike; ran: () => boolean } {
  let ran = false;
  return {
    ran: () => ran,
    fetch: async (url, init) => {
      const response = await fetch(url, init);
      if (!ran && init.method === method) {
        ran = true;
        await meanwhile();
      }
      return response;
    },
  };
}

describe.each(SERVER_KINDS)('group sync on %s', (kind) => {
  let server: StartedServer | MimicServer;
  let folders = 0;
  beforeAll(async () => {
    server = await startAnyServer(kind, USER, PASSWORD);
  }, 30_000);
  afterAll(async () => server?.dispose());

  /** A group folder two levels deep, made as 创建这个文件夹 makes it. */
  async function groupFolder(): Promise<string> {
    folders += 1;
    const folderUrl = folderUrlOf({ server: server.base, folder: `学习小组 ${folders}/pizhu` });
    await new WebdavClient({ folderUrl, user: USER, password: PASSWORD }, fetch).createFolder(server.base);
    return folderUrl;
  }

  it('测试连接 says a missing folder, makes both missing levels, finds how writes are held, and says a wrong password', async () => {
    const folderUrl = folderUrlOf({ server: server.base, folder: '新小组/pizhu' });
    const client = () => new WebdavClient({ folderUrl, user: USER, password: PASSWORD }, fetch);
    expect(await codeOf(testConnection(client()))).toBe('sync-folder-missing');
    await client().createFolder(server.base);
    expect(await testConnection(client())).toEqual({ members: 0, keepsConditions: KEEPS_CONDITIONS[kind] });
    expect(server.files('新小组/pizhu')).toEqual([]);
    const wrong = new WebdavClient({ folderUrl, user: USER, password: 'wrong' }, fetch);
    expect(await codeOf(testConnection(wrong))).toBe('sync-auth');
  });

  it('brings three members each other’s notes and edits; a settled, unchanged folder costs one listing', async () => {
    const folder = await groupFolder();
    const [a, b, c] = [member('小王', folder), member('小李', folder), member('小张', folder)];
    await a.note('坚持问题导向', 1_000, '要点');
    await b.note('明确目标', 2_000, '同意');
    await a.sync();
    await b.sync();
    await c.sync();
    await a.sync();
    for (const m of [a, b, c]) expect(await notesOf(m.db)).toEqual(['坚持问题导向:要点', '明确目标:同意']);
    await settle();
    for (const m of [a, b, c]) await m.sync();
    for (const m of [a, b, c]) {
      m.log.length = 0;
      const report = await m.sync();
      expect(report.filesRead).toBe(0);
      expect(m.log).toEqual([{ method: 'PROPFIND', status: 207 }]);
    }
  });

  it.each([
    // The office's write lands, then the laptop's whole sync, then whatever the office does next.
    ['another browser of the member writes between this one’s write and what follows it', 'PUT'],
    // The laptop writes between the office's listing and the office's write.
    ['two browsers of the member write at once, whether the server keeps If-Match or not', 'PROPFIND'],
  ])('loses no edit when %s', async (_race, method) => {
    const folder = await groupFolder();
    const id = crypto.randomUUID();
    const [laptop, office] = [member('小王', folder, id), member('小王', folder, id)];
    await laptop.note('坚持问题导向', 1_000);
    await laptop.sync();
    await office.sync();
    await laptop.note('明确目标', 2_000);
    await office.note('压实责任', 3_000);
    const race = racing(method, () => laptop.sync());
    await office.sync({ fetch: race.fetch });
    expect(race.ran()).toBe(true);
    for (const m of [laptop, office, laptop]) await m.sync();
    const all = ['坚持问题导向:', '压实责任:', '明确目标:'].sort();
    expect(await notesOf(laptop.db)).toEqual(all);
    expect(await notesOf(office.db)).toEqual(all);
  });

  if (kind === 'jianguoyun') {
    it('reads 503 BlockedTemporarily as the server asking to wait, waits out Retry-After and a back-off, and refuses files at the root', async () => {
      const mimic = server as MimicServer;
      const folder = await groupFolder();
      const a = member('小王', folder);
      await a.note('坚持问题导向', 1_000);
      let clock = Date.parse('2026-12-07T12:00:00Z');
      const now = () => clock;
      mimic.block(1, 600);
      expect(await codeOf(a.sync({ now }))).toBe('sync-wait');
      expect(a.state.waitUntil).toBe(clock + 600_000);
      // Within the wait, not one request reaches the server.
      a.log.length = 0;
      clock += 599_000;
      expect(await codeOf(a.sync({ now }))).toBe('sync-wait');
      expect(a.log).toEqual([]);
      // Asked again, with 401 as some clients saw it (not a wrong password: the body says why),
      // and a Retry-After shorter than the back-off: the back-off doubles.
      clock += 1_000;
      mimic.block(1, 0, 401);
      expect(await codeOf(a.sync({ now }))).toBe('sync-wait');
      expect(a.state.waitUntil).toBe(clock + waitAfter(2));
      clock += waitAfter(2);
      expect((await a.sync({ now })).wrote).toBe(true);
      expect(a.state.waits).toBe(0);
      // 坚果云 keeps no files at its root: a group folder there is refused in words.
      const atRoot = member('小王', server.base);
      await atRoot.note('坚持问题导向', 1_000);
      expect(await codeOf(atRoot.sync())).toBe('sync-forbidden');
    });
  }

  if (kind === 'nginx') {
    it('reads a write of its own once more where only a settled time tells a change, then lists alone', async () => {
      const folder = await groupFolder();
      const a = member('小王', folder);
      await a.note('坚持问题导向', 1_000);
      await a.sync();
      await settle();
      await a.sync();
      await a.note('明确目标', 2_000);
      a.log.length = 0;
      await a.sync();
      // No ETag for the write: it is read back, within the second it was made, so its time is not
      // trusted yet; the next sync reads it once more, and the one after lists alone.
      expect(a.log.map((entry) => entry.method)).toEqual(['PROPFIND', 'PUT', 'GET']);
      await settle();
      a.log.length = 0;
      await a.sync();
      expect(a.log.map((entry) => entry.method)).toEqual(['PROPFIND', 'GET']);
      a.log.length = 0;
      await a.sync();
      expect(a.log).toEqual([{ method: 'PROPFIND', status: 207 }]);
    });
  }

  if (kind === 'nextcloud' || kind === 'seafile') {
    it(`keeps a write’s ETag only when it is the new file’s (${kind === 'nextcloud' ? 'OC-ETag' : 'a stale one on PUT'})`, async () => {
      const folder = await groupFolder();
      const a = member('小王', folder);
      await a.note('坚持问题导向', 1_000);
      await a.sync();
      await a.note('明确目标', 2_000);
      a.log.length = 0;
      await a.sync();
      // Nextcloud's OC-ETag is the new file's: nothing more to ask. Seafile's is the old file's:
      // the write is read back.
      expect(a.log.map((entry) => entry.method)).toEqual(
        kind === 'nextcloud' ? ['PROPFIND', 'PUT'] : ['PROPFIND', 'PUT', 'GET'],
      );
      a.log.length = 0;
      await a.sync();
      expect(a.log).toEqual([{ method: 'PROPFIND', status: 207 }]);
    });
  }
});
