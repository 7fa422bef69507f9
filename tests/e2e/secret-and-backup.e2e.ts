import type { Page } from '@playwright/test';
import { inContentScript } from '../../scripts/browser/content-script-world';
import { DEMO_ARTICLE_URL } from '../../scripts/serve/demo-article';
import { backgroundMessages } from '../../utils/messages';
import { expect, test } from './extension-fixture';

/**
 * The group's password, sought by code in Pizhu's content script world on a real page in Chromium
 * (what a compromised page process could run): every storage area, every IndexedDB database its
 * origin can open, the page's own storage, and every message the background answers, with the
 * payloads each takes. An account an earlier version left in storage.local is found there — that
 * is the hole — and no longer once an extension page has read it into the secret store.
 */

const SERVER = 'https://dav.secret-host.example/dav/';
const PASSWORD = 'p4ssw0rd-of-the-group';
const ACCOUNT = { server: SERVER, user: 'xiaozu-user', password: PASSWORD, folder: '学习小组' };
const SECRETS = [PASSWORD, 'xiaozu-user', 'secret-host'];

/** What the attacker's script gathers, as one text. */
const SEARCH = (types: string[]) => `(async () => {
  const found = {};
  for (const area of ['local', 'sync', 'session', 'managed']) {
    try { found[area] = await chrome.storage[area].get(null); } catch (error) { found[area] = String(error); }
  }
  const readDatabase = (name) => new Promise((resolve) => {
    const request = indexedDB.open(name);
    request.onerror = () => resolve(String(request.error));
    request.onsuccess = async () => {
      const db = request.result;
      const stores = {};
      for (const store of db.objectStoreNames) {
        stores[store] = await new Promise((done) => {
          const all = db.transaction(store).objectStore(store).getAll();
          all.onsuccess = () => done(all.result);
          all.onerror = () => done(String(all.error));
        });
      }
      db.close();
      resolve(stores);
    };
  });
  const names = (await indexedDB.databases()).map((database) => database.name);
  found.databases = {};
  for (const name of new Set([...names, 'pizhu', 'pizhu-secrets'])) found.databases[name] = await readDatabase(name);
  found.page = { localStorage: { ...localStorage }, sessionStorage: { ...sessionStorage }, cookie: document.cookie };
  found.messages = [];
  const payloads = [{}, { url: location.href }, { tabId: 0 }, { ids: [] }, { id: '6f1c7c3e-2a4b-4c5d-8e9f-0a1b2c3d4e5f' }];
  for (const type of ${JSON.stringify(types)})
    for (const payload of payloads)
      found.messages.push(await chrome.runtime.sendMessage({ type, payload }).catch(String));
  return JSON.stringify(found);
})()`;

async function search(page: Page, extensionId: string): Promise<string[]> {
  const found = (await inContentScript(page, extensionId, SEARCH(Object.keys(backgroundMessages)))) as string;
  expect(found).toContain('"messages":[');
  return SECRETS.filter((secret) => found.includes(secret));
}

test('no code in the content script’s world finds the sync password once an extension page has moved it', async ({
  context,
  extensionId,
  openExtensionPage,
  reportedTabId,
}) => {
  const options = await openExtensionPage('options.html');
  // What an earlier version kept: the account in storage.local.
  await options.evaluate((account) => chrome.storage.local.set({ syncAccount: account }), ACCOUNT);
  const page = await context.newPage();
  await page.goto(DEMO_ARTICLE_URL);
  await reportedTabId(page);
  expect(await search(page, extensionId)).toEqual(SECRETS);

  // The options page reads the account, moving it: it shows it in its form as before…
  await options.reload();
  await expect(options.locator('input[name="server"]')).toHaveValue(SERVER);
  await expect(options.locator('input[name="password"]')).toHaveValue(PASSWORD);
  // …and the content script's world finds it nowhere.
  expect(await search(page, extensionId)).toEqual([]);
});

test('the options page says the library is kept and what it holds, and offers a first backup until one is made', async ({
  context,
  openExtensionPage,
  reportedTabId,
  send,
}) => {
  // A note kept for three weeks, never backed up.
  const page = await context.newPage();
  await page.goto(DEMO_ARTICLE_URL);
  await send('article.clip', { tabId: await reportedTabId(page) });
  const saved = await send('annotation.save', {
    id: crypto.randomUUID(),
    url: DEMO_ARTICLE_URL,
    quote: { exact: '坚持', prefix: '', suffix: '' },
    position: { start: 0, end: 2 },
    color: 'yellow',
    note: '三周前的批注',
    tags: [],
  });
  const weeksAgo = new Date(Date.now() - 21 * 86_400_000).toISOString();
  await send('annotation.restore', { ...saved, createdAt: weeksAgo, updatedAt: weeksAgo });

  const options = await openExtensionPage('options.html');
  // Chromium keeps an extension's storage that holds unlimitedStorage out of eviction.
  await expect(options.getByTestId('library-keeping')).toHaveText(
    /不会因磁盘空间紧张而自动清除文库。文库在本机约占 \d+\.\d MB。/,
  );
  const offer = options.getByTestId('backup-offer');
  await expect(offer).toContainText('文库里已有 1 条批注，但还从没备份过');
  const download = options.waitForEvent('download');
  await offer.getByTestId('export-json').click();
  expect((await download).suggestedFilename()).toMatch(/^pizhu-backup.*\.json$/);
  await expect(offer).toHaveCount(0);
  // Made once, it is not offered again on the next visit.
  await options.reload();
  await expect(options.getByTestId('library-keeping')).toBeVisible();
  await expect(options.getByTestId('backup-offer')).toHaveCount(0);
});
