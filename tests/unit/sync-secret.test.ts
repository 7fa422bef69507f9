import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBackgroundMessageHandler } from '@/entrypoints/background/handlers';
import { createGroupSync } from '@/entrypoints/background/group-sync';
import { openDatabase } from '@/store/database';
import { readSecret, SECRET_DATABASE_NAME } from '@/store/secret-store';
import { readSyncAccount, readSyncState, saveSyncAccount, syncConfiguredSetting } from '@/runtime/group-sync-settings';
import { backgroundMessages, type SenderInfo } from '@/utils/messages';
import { clip, highlight, outlinedArticle } from '../support/notes-fixture';

/**
 * The group's password as an attacker in a content script's world would look for it. Whatever
 * runs there can read every `storage` area a content script may (and call every message the
 * background answers); the account must be in none of them. Where it is kept — the extension
 * origin's IndexedDB — is another origin's database to a content script, which runs in its page's
 * origin (the real-browser half of this is tests/e2e/secret-and-backup.e2e.ts).
 */

const SERVER = 'https://dav.secret-host.example/dav/';
const USER = 'xiaozu-user';
const PASSWORD = 'p4ssw0rd-of-the-group';
const ACCOUNT = { server: SERVER, user: USER, password: PASSWORD, folder: '学习小组' };
const FOLDER_URL = `${SERVER}%E5%AD%A6%E4%B9%A0%E5%B0%8F%E7%BB%84/`;
const SECRETS = [PASSWORD, USER, 'secret-host', FOLDER_URL];

const EXTENSION_ID = 'pizhu-secret';
const ORIGIN = `chrome-extension://${EXTENSION_ID}/`;
const PAGE = 'http://www.own.gov.cn/a/content_1.htm';
/** Pizhu's own content script, in a page whose process an attacker holds. */
const CONTENT_SCRIPT: SenderInfo = { id: EXTENSION_ID, url: PAGE, tab: { id: 7 } };

/** Everything a content script may read of extension storage, as text. */
async function whatAContentScriptReads(): Promise<string> {
  const areas = ['local', 'sync', 'session', 'managed'] as const;
  const read = await Promise.all(
    areas.map((area) => fakeBrowser.storage[area].get(null).catch((error: unknown) => String(error))),
  );
  return JSON.stringify(read);
}

const leaked = (text: string) => SECRETS.filter((secret) => text.includes(secret));

beforeEach(async () => {
  fakeBrowser.reset();
  await new Promise((done) => {
    const request = indexedDB.deleteDatabase(SECRET_DATABASE_NAME);
    request.onsuccess = request.onerror = done;
  });
});

const db = openDatabase(`secret-${crypto.randomUUID()}`);
afterAll(async () => db.delete());

describe('the sync password, sought from a content script', () => {
  it('moves out of storage.local on upgrade: the group keeps syncing, the password is readable there no more', async () => {
    // What an earlier version left: the account and the folder's state in storage.local.
    const state = { folderUrl: FOLDER_URL, ownKey: '"1"', ownDigest: 'd', seen: {} };
    await fakeBrowser.storage.local.set({ syncAccount: ACCOUNT, syncState: state, memberId: crypto.randomUUID() });
    expect(leaked(await whatAContentScriptReads())).toEqual(SECRETS);

    expect(await readSyncAccount()).toEqual(ACCOUNT);
    expect(await readSyncState()).toEqual(state);
    expect(await syncConfiguredSetting.getValue()).toBe(true);
    expect(leaked(await whatAContentScriptReads())).toEqual([]);
    expect(await readSecret('syncAccount')).toEqual(ACCOUNT);
  });

  it('is in no storage area and in no answer to any message a content script can send', async () => {
    await saveSyncAccount(ACCOUNT);
    await clip(db, outlinedArticle(PAGE, '本页文章'), 1_000);
    await highlight(db, outlinedArticle(PAGE, '本页文章'), '坚持问题导向', { author: '小王', time: 2_000, note: '甲' });
    const sync = createGroupSync(db, () => Promise.resolve());
    // A sync runs (and fails: this test browser grants no host permission), leaving its outcome in storage.
    await sync.syncNow().catch(() => undefined);
    const handle = createBackgroundMessageHandler(db, EXTENSION_ID, ORIGIN, sync.syncNow);

    const answers: unknown[] = [];
    for (const type of Object.keys(backgroundMessages)) {
      for (const payload of [{}, { url: PAGE }, { tabId: 7 }, { ids: [] }, { id: crypto.randomUUID() }])
        answers.push(await handle({ type, payload }, CONTENT_SCRIPT));
    }
    // It may still reach its own page's notes (the test would be empty otherwise)…
    expect(JSON.stringify(answers)).toContain('坚持问题导向');
    // …but the account, in no answer and no storage area.
    expect(leaked(JSON.stringify(answers))).toEqual([]);
    expect(leaked(await whatAContentScriptReads())).toEqual([]);
    expect(await syncConfiguredSetting.getValue()).toBe(true);

    // 停止同步 forgets it in the secret store too.
    await saveSyncAccount(null);
    expect(await readSyncAccount()).toBeNull();
    expect(await syncConfiguredSetting.getValue()).toBe(false);
  });
});
