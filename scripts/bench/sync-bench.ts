/**
 * `npm run bench:sync`: group sync at the size of a large study group — 30 members with 1,000
 * notes each (100 real corpus articles, 10 notes on each) in a WebDAV folder on a real server
 * (Apache mod_dav on 127.0.0.1). The extension runs in Chromium as one of the members, with its
 * own 1,000 notes, and syncs through its background as the 同步 button does:
 * - the first sync (29 files read and merged, its own file written);
 * - an incremental sync after another member changed one note;
 * - a sync when nothing changed (the goal: one listing and nothing else).
 * For each: time, requests and bytes as the server counted them. Baseline in the same run: a sync
 * without ETags, which reads every file each time (the folder's GETs, timed from Node). Writes
 * bench-results/sync.json. Run `npm run build` first.
 *
 * Then, in the same browser, the same three syncs against every kind of server a group may use
 * (Apache, lighttpd with Digest, nginx with dav-ext, rclone, and the stand-ins for 坚果云, Seafile
 * and Nextcloud), each with a group of `--server-members` (default 10), counted by a proxy in
 * front of each server the same way for all (`--server-members 0` skips them). `--members N` makes the Apache group smaller;
 * `--profile` writes the service worker's CPU profile of the join to bench-results/sync-join.cpuprofile,
 * `--profile-change` that of the sync after one changed note to bench-results/sync-change.cpuprofile.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page, Worker } from 'playwright-core';
import { bundleForPage } from '../browser/bundle-for-page';
import { launchWithExtension } from '../browser/launch-with-extension';
import { extractChineseArticles } from '../corpus/chinese-articles';
import { startPortalServer } from '../serve/portal-server';
import { startWebdavServer } from '../serve/webdav-server';
import { SERVER_KINDS, startAnyServer } from '../serve/any-webdav-server';
import { startCountingProxy } from '../serve/counting-proxy';
import { memberFileText } from '../../utils/sync/member-file';
import { newSigningIdentity, signMemberFile } from '../../utils/sync/member-signature';
import { memberFileName } from '../../utils/sync/sync-account';
import { WebdavClient } from '../../utils/sync/webdav-client';
import { generateNotes } from './generated-notes';
import { runMain } from '../run-main';
import { watchWorkerHeap } from './worker-heap';
import { MERGE_STAGE_PREFIX } from '../../utils/stage-timing';
import { ensureBuild } from '../build/ensure-build';

const ROOT = resolve(import.meta.dirname, '../..');
const flag = (name: string) => {
  const at = process.argv.indexOf(name);
  return at === -1 ? undefined : Number(process.argv[at + 1]);
};
const MEMBERS = flag('--members') ?? 30;
const SERVER_MEMBERS = flag('--server-members') ?? 10;
const ARTICLES = 100;
const PER_ARTICLE = 10;
const USER = 'bench';
const PASSWORD = 'bench-password';
const FOLDER = 'pizhu';

function memberLibrary(extracts: ReturnType<typeof extractChineseArticles>[number]['extract'][], index: number) {
  const id = crypto.randomUUID();
  const name = `成员${index + 1}`;
  const library = generateNotes(extracts, ARTICLES, PER_ARTICLE, 100 + index);
  const annotations = library.annotations.map((annotation) => ({ ...annotation, author: name, creatorId: id }));
  // Each member signs their file with a key of their own, as their Pizhu does.
  return { id, name, articles: library.articles, annotations, identity: newSigningIdentity(id) };
}

async function fileOf(member: ReturnType<typeof memberLibrary>): Promise<string> {
  const body = memberFileText({
    member: { id: member.id, name: member.name },
    bundle: {
      generatedAt: '',
      versions: [],
      articles: member.articles.map((article) => ({
        article,
        annotations: member.annotations.filter((annotation) => annotation.urlKey === article.urlKey),
      })),
    },
    tombstones: [],
  });
  return signMemberFile(body, { identity: await member.identity, name: member.name, at: new Date().toISOString() });
}

const kib = (bytes: number) => Math.round(bytes / 1024);

/** How many records a store of the extension's database holds, read in one of its pages. */
function countIn(page: Page, store: string): Promise<number> {
  // No named functions inside: the page has not tsx's helper for their names.
  return page.evaluate(
    (name) =>
      new Promise<number>((done) => {
        const request = indexedDB.open('pizhu');
        request.onsuccess = () => {
          const count = request.result.transaction(name).objectStore(name).count();
          count.onsuccess = () => {
            request.result.close();
            done(count.result);
          };
        };
      }),
    store,
  );
}

/** Waits until the second of every write so far is over, as syncs minutes apart find it. */
const settle = () => new Promise((done) => setTimeout(done, 1_100 - (Date.now() % 1_000)));

/** Saves the sync account where the options page's 保存 puts it: the extension origin's secret store. */
function saveAccount(page: Page, account: { server: string; user: string; password: string; folder: string }) {
  return page.evaluate(
    (value) =>
      new Promise<void>((done, fail) => {
        const open = indexedDB.open('pizhu-secrets', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('secrets');
        open.onsuccess = () => {
          const transaction = open.result.transaction('secrets', 'readwrite');
          transaction.objectStore('secrets').put(value, 'syncAccount');
          transaction.oncomplete = () => (open.result.close(), done());
          transaction.onerror = () => fail(transaction.error);
        };
      }),
    account,
  );
}

/** Join, one change and an idle sync of the extension against each kind of server, a fresh group on each. */
async function eachServer(page: Page, extracts: Parameters<typeof memberLibrary>[0]) {
  const figures: Record<string, unknown> = {};
  console.log(`\nper server: ${SERVER_MEMBERS} members × ${ARTICLES * PER_ARTICLE} notes, counted by a proxy`);
  for (const kind of SERVER_KINDS) {
    const server = await startAnyServer(kind, USER, PASSWORD);
    const proxy = await startCountingProxy(server.url);
    try {
      // Named 成员2 on: a member named as this browser (成员1) would have its notes claimed as its own.
      const others = Array.from({ length: SERVER_MEMBERS - 1 }, (_, index) => memberLibrary(extracts, index + 1));
      const folderUrl = `${server.base}${FOLDER}-${kind}/`;
      const direct = new WebdavClient({ folderUrl, user: USER, password: PASSWORD }, fetch);
      await direct.createFolder(server.base);
      for (const member of others) await direct.put(memberFileName(member.id), await fileOf(member), { absent: true });
      const account = {
        server: server.base.replace(server.url, `${proxy.url}/`),
        user: USER,
        password: PASSWORD,
        folder: `${FOLDER}-${kind}`,
      };
      await saveAccount(page, account);
      const sync = async (label: string) => {
        const before = proxy.requests().length;
        const { ms, reply } = await page.evaluate(async () => {
          const start = performance.now();
          const reply = (await chrome.runtime.sendMessage({ type: 'sync.run', payload: {} })) as {
            ok: boolean;
            error?: unknown;
          };
          return { ms: performance.now() - start, reply };
        });
        if (!reply.ok) throw new Error(`${kind} ${label}: ${JSON.stringify(reply.error)}`);
        const requests = proxy.requests().slice(before);
        const byMethod: Record<string, number> = {};
        for (const request of requests) byMethod[request.method] = (byMethod[request.method] ?? 0) + 1;
        return {
          ms: Math.round(ms),
          requests: requests.length,
          byMethod,
          bytesReceivedByBrowser: requests.reduce((sum, request) => sum + request.bytesOut, 0),
          bytesSentByBrowser: requests.reduce((sum, request) => sum + request.bytesIn, 0),
        };
      };
      const join = await sync('join');
      await settle();
      const changed = others[0]!;
      changed.annotations[0] = { ...changed.annotations[0]!, note: '改过的批注', updatedAt: new Date().toISOString() };
      const listed = (await direct.list()).find((entry) => entry.name === memberFileName(changed.id))!;
      await direct.put(
        memberFileName(changed.id),
        await fileOf(changed),
        listed.etag ? { etag: listed.etag } : { unconditional: true },
      );
      await settle();
      const oneChange = await sync('one change');
      await settle();
      const idle = await sync('idle');
      figures[kind] = { join, oneChange, idle };
      const cell = (f: typeof join) =>
        `${String(f.requests).padStart(3)} req ${String(kib(f.bytesReceivedByBrowser)).padStart(6)} KiB in ${String(kib(f.bytesSentByBrowser)).padStart(5)} KiB out ${String(f.ms).padStart(6)} ms`;
      console.log(`${kind.padEnd(11)} join ${cell(join)} | one change ${cell(oneChange)} | idle ${cell(idle)}`);
      console.log(
        `${''.padEnd(11)} ${JSON.stringify({ join: join.byMethod, oneChange: oneChange.byMethod, idle: idle.byMethod })}`,
      );
    } finally {
      await proxy.close();
      await server.dispose();
    }
  }
  return figures;
}

/** The background's merge stages since the last call, summed over the files merged (ms). */
async function mergeStages(background: Worker): Promise<Record<string, number>> {
  return background.evaluate((prefix) => {
    const stages: Record<string, number> = {};
    for (const entry of performance.getEntriesByType('measure')) {
      if (!entry.name.startsWith(prefix)) continue;
      const stage = entry.name.slice(prefix.length);
      stages[stage] = Math.round((stages[stage] ?? 0) + entry.duration);
    }
    performance.clearMeasures();
    return stages;
  }, MERGE_STAGE_PREFIX);
}

async function main() {
  ensureBuild('chrome');
  const extracts = extractChineseArticles().map((entry) => entry.extract);
  const members = Array.from({ length: MEMBERS }, (_, index) => memberLibrary(extracts, index));
  const [self, ...others] = members;
  const dav = await startWebdavServer({ users: { [USER]: PASSWORD } });
  const portal = await startPortalServer();
  const folderUrl = `${dav.url}${FOLDER}/`;
  const client = new WebdavClient({ folderUrl, user: USER, password: PASSWORD }, fetch);
  await client.createFolder();
  const files = new Map(await Promise.all(others.map(async (member) => [member.id, await fileOf(member)] as const)));
  for (const [id, text] of files) await client.put(memberFileName(id), text, { absent: true });
  const folderBytes = [...files.values()].reduce((sum, text) => sum + Buffer.byteLength(text), 0);

  const largestFileBytes = Math.max(...[...files.values()].map((text) => Buffer.byteLength(text)));

  const { context, background, extensionId } = await launchWithExtension({
    portalPort: portal.port,
    grantedOrigins: ['http://127.0.0.1/*'],
  });
  const results: Record<string, unknown> = {};
  try {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    await page.evaluate(await bundleForPage(resolve(import.meta.dirname, 'export-bench-entry.ts')));
    await page.evaluate(
      ([articles, annotations]) =>
        (
          globalThis as unknown as { exportBench: { store(a: unknown[], b: unknown[]): Promise<void> } }
        ).exportBench.store(articles, annotations),
      [self!.articles, self!.annotations] as const,
    );
    await page.evaluate((settings) => chrome.storage.local.set(settings), {
      memberId: self!.id,
      displayName: self!.name,
      syncConfigured: true,
    });
    await saveAccount(page, { server: dav.url, user: USER, password: PASSWORD, folder: FOLDER });

    /** One sync through the background, as the 同步 button sends it; with the server's count of it. */
    const sync = async (label: string) => {
      const before = dav.requests().length;
      const { ms, reply } = await page.evaluate(async () => {
        const start = performance.now();
        const reply = (await chrome.runtime.sendMessage({ type: 'sync.run', payload: {} })) as {
          ok: boolean;
          data?: { merged?: Record<string, number> };
          error?: unknown;
        };
        return { ms: performance.now() - start, reply };
      });
      if (!reply.ok) throw new Error(`${label}: ${JSON.stringify(reply.error)}`);
      // Only the browser's: Apache logs a request once answered, so the bench's own may land late.
      const requests = dav
        .requests()
        .slice(before)
        .filter((request) => request.userAgent.includes('Chrome'));
      const byMethod: Record<string, number> = {};
      for (const request of requests) byMethod[request.method] = (byMethod[request.method] ?? 0) + 1;
      const stages = await mergeStages(background);
      const figures = {
        ms: Math.round(ms),
        /** Where the background spent it: the rest is listing, reading and checking the files. */
        mergeStagesMs: stages,
        requests: requests.length,
        byMethod,
        bytesReceivedByBrowser: requests.reduce((sum, request) => sum + request.bytesOut, 0),
        bytesSentByBrowser: requests.reduce((sum, request) => sum + request.bytesIn, 0),
        merged: reply.data?.merged,
      };
      console.log(
        `${label.padEnd(34)} ${String(figures.ms).padStart(7)} ms  ${String(figures.requests).padStart(3)} requests ${JSON.stringify(byMethod)}  ` +
          `${kib(figures.bytesReceivedByBrowser)} KiB in, ${kib(figures.bytesSentByBrowser)} KiB out` +
          (Object.keys(stages).length
            ? `\n${''.padEnd(34)} merge: ${Object.entries(stages)
                .map(([stage, stageMs]) => `${stage} ${stageMs} ms`)
                .join(' · ')}`
            : ''),
      );
      return figures;
    };

    console.log(
      `${MEMBERS} members × ${ARTICLES * PER_ARTICLE} notes; the folder holds ${others.length} other members' files, ${kib(folderBytes)} KiB`,
    );
    const heap = await watchWorkerHeap(page, extensionId, { profile: process.argv.includes('--profile') });
    results.first = await sync('first sync (join)');
    const { baseline, peak, after, samples, profile } = await heap.stop();
    if (profile) {
      mkdirSync(resolve(ROOT, 'bench-results'), { recursive: true });
      writeFileSync(resolve(ROOT, 'bench-results/sync-join.cpuprofile'), JSON.stringify(profile));
      console.log('wrote bench-results/sync-join.cpuprofile');
    }
    const counted = await countIn(page, 'annotations');
    if (counted !== MEMBERS * ARTICLES * PER_ARTICLE)
      throw new Error(`expected ${MEMBERS * 1000} notes, found ${counted}`);
    // The sync folds what it merged into the search index before it ends; anything still pending
    // would be searchable only by a scan, so the time until none is left counts too.
    const indexStart = performance.now();
    while ((await countIn(page, 'searchPending')) > 0) await new Promise((wait) => setTimeout(wait, 250));
    results.searchIndexAfterFirstMs = Math.round(performance.now() - indexStart);
    const first = results.first as { ms: number };
    results.joinSearchableMs = first.ms + (results.searchIndexAfterFirstMs as number);
    console.log(
      `search index: ${results.searchIndexAfterFirstMs} ms more after the join; searchable ${results.joinSearchableMs} ms after 同步`,
    );
    const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
    results.workerHeap = {
      baselineBytes: baseline,
      peakBytes: peak,
      afterBytes: after,
      samples,
      largestFileBytes,
      peakGrowthVsLargestFile: (peak - baseline) / largestFileBytes,
      peakVsLargestFile: peak / largestFileBytes,
    };
    console.log(
      `service worker heap during the join: ${mb(baseline)} MB before, peak ${mb(peak)} MB (${samples} samples), ${mb(after)} MB after; ` +
        `largest member file ${mb(largestFileBytes)} MB: peak growth ×${((peak - baseline) / largestFileBytes).toFixed(2)}, peak ×${(peak / largestFileBytes).toFixed(2)} of it`,
    );

    // Baseline in the same browser: the records the join wrote, in one unchecked bulk write.
    const received = others.flatMap((member) => member.annotations);
    const rawMs = await page.evaluate(
      ([articles, annotations]) =>
        (
          globalThis as unknown as {
            exportBench: { timeUncheckedWrite(a: unknown[], b: unknown[]): Promise<number> };
          }
        ).exportBench.timeUncheckedWrite(articles, annotations),
      [others[0]!.articles, received] as const,
    );
    results.rawBulkWriteMs = Math.round(rawMs);
    console.log(
      `raw bulk write of the same ${received.length} notes and ${others[0]!.articles.length} articles: ${results.rawBulkWriteMs} ms; ` +
        `join searchable ×${((results.joinSearchableMs as number) / rawMs).toFixed(2)} of it`,
    );

    // Another member edits one note and writes their file, as their own sync would.
    const changed = others[0]!;
    changed.annotations[0] = {
      ...changed.annotations[0]!,
      note: '改过的批注',
      updatedAt: new Date().toISOString(),
    };
    // A client of its own: the one that filled the folder is past the time a whole sync may take
    // once a large join is over.
    const editor = new WebdavClient({ folderUrl, user: USER, password: PASSWORD }, fetch);
    const listed = await editor.list();
    const etag = listed.find((entry) => entry.name === memberFileName(changed.id))!.etag;
    await editor.put(memberFileName(changed.id), await fileOf(changed), etag ? { etag } : { unconditional: true });
    const changeWatch = process.argv.includes('--profile-change')
      ? await watchWorkerHeap(page, extensionId, { profile: true })
      : null;
    results.incremental = await sync('after one member changed one note');
    const changeProfile = (await changeWatch?.stop())?.profile;
    if (changeProfile) {
      writeFileSync(resolve(ROOT, 'bench-results/sync-change.cpuprofile'), JSON.stringify(changeProfile));
      console.log('wrote bench-results/sync-change.cpuprofile');
    }
    results.unchanged = await sync('nothing changed');

    // Baseline: without ETags, every sync reads every file.
    const naive = new WebdavClient({ folderUrl, user: USER, password: PASSWORD }, fetch);
    const start = performance.now();
    const all = await naive.list();
    for (const entry of all) await naive.get(entry.name);
    results.baselineReadEverything = {
      ms: Math.round(performance.now() - start),
      requests: naive.traffic.requests,
      bytesReceived: naive.traffic.bytesReceived,
    };
    console.log(
      `baseline: read every file (Node)    ${String(Math.round(performance.now() - start)).padStart(7)} ms  ${String(naive.traffic.requests).padStart(3)} requests  ${kib(naive.traffic.bytesReceived)} KiB in`,
    );
    const unchanged = results.unchanged as { requests: number; bytesReceivedByBrowser: number };
    const incremental = results.incremental as { requests: number; bytesReceivedByBrowser: number };
    if (SERVER_MEMBERS > 0) results.servers = await eachServer(page, extracts);
    results.ratios = {
      joinSearchableVsRawBulkWrite: (results.joinSearchableMs as number) / (results.rawBulkWriteMs as number),
      unchangedRequestsVsBaseline: unchanged.requests / naive.traffic.requests,
      incrementalBytesVsBaseline: incremental.bytesReceivedByBrowser / naive.traffic.bytesReceived,
    };
    console.log(
      `nothing changed: ${unchanged.requests} request(s) against ${naive.traffic.requests}; one changed file: ${(
        (incremental.bytesReceivedByBrowser / naive.traffic.bytesReceived) *
        100
      ).toFixed(1)} % of the baseline's bytes`,
    );
  } finally {
    await context.close();
    await portal.close();
    await dav.dispose();
  }
  mkdirSync(resolve(ROOT, 'bench-results'), { recursive: true });
  writeFileSync(
    resolve(ROOT, MEMBERS === 30 ? 'bench-results/sync.json' : `bench-results/sync-${MEMBERS}.json`),
    `${JSON.stringify({ date: new Date().toISOString(), members: MEMBERS, notesPerMember: ARTICLES * PER_ARTICLE, folderBytes, ...results }, null, 2)}\n`,
  );
  console.log(`wrote bench-results/${MEMBERS === 30 ? 'sync' : `sync-${MEMBERS}`}.json`);
}

runMain(main);
