// @vitest-environment node
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openDatabase, type PizhuDatabase } from '@/store/database';
import { syncLibrary } from '@/store/group-sync-store';
import { PizhuError } from '@/utils/errors';
import { freshSyncState, runSync, type SyncReport } from '@/utils/sync/run-sync';
import { memberFileName } from '@/utils/sync/sync-account';
import { DEFAULT_WEBDAV_LIMITS, WebdavClient, type WebdavLimits } from '@/utils/sync/webdav-client';
import { outlinedArticle, highlight } from '../support/notes-fixture';
import { testKeys } from '../support/test-seal';

/**
 * A hand-written hostile WebDAV server on 127.0.0.1: it answers the listing or a member's file
 * the way a broken or malicious server would — headers then nothing, a byte at a time, without
 * end, garbage, a connection closed halfway. Every sync against it must end with a worded error
 * that names the server's fault. Deadlines are injected short where the test waits on them and
 * left long where it must not (a slow machine then changes nothing but the test's duration).
 */

type Behaviour = (request: IncomingMessage, response: ServerResponse) => void;

const OTHER = '6f1c7c3e-2a4b-4c5d-8e9f-0a1b2c3d4e5f';
const listing = (folderPath: string) =>
  `<?xml version="1.0"?><d:multistatus xmlns:d="DAV:"><d:response><d:href>${folderPath}</d:href>` +
  `<d:propstat><d:prop><d:resourcetype><d:collection/></d:resourcetype></d:prop></d:propstat></d:response>` +
  `<d:response><d:href>${folderPath}${memberFileName(OTHER)}</d:href><d:propstat><d:prop><d:resourcetype/>` +
  `<d:getetag>"e1"</d:getetag></d:prop></d:propstat></d:response></d:multistatus>`;

let server: Server;
let origin = '';
let behaviour: { list: Behaviour; get: Behaviour } | null = null;
const timers = new Set<NodeJS.Timeout>();

beforeAll(async () => {
  server = createServer((request, response) => {
    response.on('close', () => undefined);
    if (request.method === 'PROPFIND') behaviour!.list(request, response);
    else if (request.method === 'GET') behaviour!.get(request, response);
    else response.writeHead(201).end();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
});

const databases: PizhuDatabase[] = [];
afterEach(async () => {
  for (const timer of timers) clearInterval(timer);
  timers.clear();
  server.closeAllConnections();
  await Promise.all(databases.splice(0).map((db) => db.delete()));
});

const every = (ms: number, run: () => void) => {
  const timer = setInterval(run, ms);
  timers.add(timer);
};

const folderPath = '/dav/pizhu/';
const okListing: Behaviour = (_request, response) => {
  response.writeHead(207, { 'Content-Type': 'application/xml' }).end(listing(folderPath));
};

/** What a hostile server can do to an answer, after a 207 or 200 status line. */
const answers: Record<string, (status: number) => Behaviour> = {
  withholds: (status) => (_request, response) => {
    response.writeHead(status, { 'Content-Length': '5000' });
    response.flushHeaders();
  },
  trickles: (status) => (_request, response) => {
    response.writeHead(status);
    every(10, () => response.write('<'));
  },
  floods: (status) => (_request, response) => {
    response.writeHead(status);
    const chunk = '<d:response>'.repeat(8_192);
    const pour = () => {
      while (!response.destroyed && response.write(chunk));
      if (!response.destroyed) response.once('drain', pour);
    };
    pour();
  },
  'sends garbage': (status) => (_request, response) => {
    response.writeHead(status).end(Buffer.from([0xff, 0xfe, 0x00, 0xc3, 0x28, 0x80, 0x9f]));
  },
  'sends a web page': (status) => (_request, response) => {
    response.writeHead(status, { 'Content-Type': 'text/html' }).end('<html><body><p>维护中<p>稍后再试</body></html>');
  },
  'closes halfway': (status) => (_request, response) => {
    response.writeHead(status, { 'Content-Length': '5000' });
    response.write(listing(folderPath).slice(0, 100), () => response.socket?.destroy());
  },
  'never answers': () => () => undefined,
};

async function syncAgainst(limits: Partial<WebdavLimits>, db?: PizhuDatabase): Promise<SyncReport> {
  const id = crypto.randomUUID();
  const library = db ?? openDatabase(`hostile-${id}`);
  if (!db) databases.push(library);
  const folderUrl = `${origin}${folderPath}`;
  return runSync({
    client: new WebdavClient({ folderUrl, user: 'u', password: 'p' }, fetch, { ...DEFAULT_WEBDAV_LIMITS, ...limits }),
    memberId: id,
    library: syncLibrary(library, { id, name: '小王' }),
    seal: (await testKeys(id)).seal('小王'),
    state: freshSyncState(folderUrl),
    saveState: async () => undefined,
  });
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => (error instanceof PizhuError ? error.code : String(error)),
  );

/** Short where the test waits on a deadline: it ends the sync whatever the machine's speed. */
const SHORT: Partial<WebdavLimits> = { requestMs: 200 };
/** Long where the server's own misdeed must be what ends the sync, not a deadline. */
const LONG: Partial<WebdavLimits> = { requestMs: 60_000, totalMs: 60_000, fileBytes: 64 * 1024 };

describe('a hostile WebDAV server', () => {
  const expected: Record<string, { limits: Partial<WebdavLimits>; list: string; file: string | 'refused' }> = {
    withholds: { limits: SHORT, list: 'sync-timeout', file: 'sync-timeout' },
    trickles: { limits: SHORT, list: 'sync-timeout', file: 'sync-timeout' },
    floods: { limits: LONG, list: 'sync-too-large', file: 'refused' },
    'sends garbage': { limits: LONG, list: 'sync-bad-answer', file: 'refused' },
    'sends a web page': { limits: LONG, list: 'sync-bad-answer', file: 'refused' },
    'closes halfway': { limits: LONG, list: 'sync-cut-off', file: 'sync-cut-off' },
    'never answers': { limits: SHORT, list: 'sync-timeout', file: 'sync-timeout' },
  };

  for (const [misdeed, answer] of Object.entries(answers)) {
    const { limits, list, file } = expected[misdeed]!;
    it(`that ${misdeed} ends the sync with the server named at fault: in the listing, and in a member’s file`, async () => {
      behaviour = { list: answer(207), get: okListing };
      expect(await failure(syncAgainst(limits))).toBe(list);

      behaviour = { list: okListing, get: answer(200) };
      if (file === 'refused') {
        // A member's file that floods or is garbage is that member's fault: it is refused by name
        // and the sync goes on.
        const report = await syncAgainst(limits);
        expect(report.refused.map((entry) => entry.file)).toEqual([memberFileName(OTHER)]);
      } else expect(await failure(syncAgainst(limits))).toBe(file);
    });
  }

  it('cuts a whole sync at its overall deadline, even when each request keeps trickling', async () => {
    behaviour = { list: answers.trickles!(207), get: okListing };
    expect(await failure(syncAgainst({ requestMs: 60_000, totalMs: 300 }))).toBe('sync-timeout');
  });

  it('leaves the library answering while a sync waits on a stalled server, and changes nothing in it', async () => {
    const db = openDatabase(`hostile-${crypto.randomUUID()}`);
    databases.push(db);
    await highlight(db, outlinedArticle('http://www.test.gov.cn/a/content_1.htm', '文章'), '坚持问题导向', {
      author: '小王',
      time: 1_000,
      note: '甲',
    });
    let reached: () => void = () => undefined;
    const stalled = new Promise<void>((done) => (reached = done));
    behaviour = {
      list: okListing,
      get: (request, response) => {
        answers.withholds!(200)(request, response);
        reached();
      },
    };
    let settled = false;
    const sync = failure(syncAgainst({ requestMs: 60_000, totalMs: 60_000 }, db)).finally(() => (settled = true));
    await stalled;
    // The sync is stuck on the member's file; the database, and every other request, still answer.
    for (let round = 0; round < 5; round++) expect(await db.annotations.count()).toBe(1);
    expect(settled).toBe(false);
    server.closeAllConnections();
    expect(await sync).toBe('sync-cut-off');
    expect((await db.annotations.toArray()).map((annotation) => annotation.note)).toEqual(['甲']);
  });
});
