import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, type BrowserContext, type Page } from '@playwright/test';
import { extensionWithOrigins, launchWithExtension } from '../../scripts/browser/launch-with-extension';
import { countStored } from '../../scripts/browser/extension-database';
import { generateNotes } from '../../scripts/bench/generated-notes';
import { startCountingProxy, type CountingProxy } from '../../scripts/serve/counting-proxy';
import { startPortalServer, type PortalServer } from '../../scripts/serve/portal-server';
import { startWebdavServer, type WebdavServer } from '../../scripts/serve/webdav-server';
import { memberFileText } from '../../utils/sync/member-file';
import { newSigningIdentity, signMemberFile } from '../../utils/sync/member-signature';
import { memberFileName } from '../../utils/sync/sync-account';
import { WebdavClient } from '../../utils/sync/webdav-client';
import { outlinedArticle } from '../support/notes-fixture';

/**
 * A member joins a group whose folder already holds four members' notes, over a server that is
 * slow to give some files: the join shows its figures, goes on with no Pizhu page open, and after
 * the browser is closed mid-join, goes on when it starts again, reading only what it had not merged.
 */

const USER = 'xiaozu';
const PASSWORD = 'app-password-1';
const FOLDER = '学习小组';
const NOTES_EACH = 5;

let portal: PortalServer;
let dav: WebdavServer;
let proxy: CountingProxy;
/** Member files' GETs held back, by the order they arrive in (1-based), until released. */
const held = new Map<number, () => void>();
const holding = new Map<number, Promise<void>>();
/** The member files asked for, in the order the requests arrived. */
const arrivals: string[] = [];
const names: string[] = [];

function holdGet(order: number) {
  holding.set(order, new Promise<void>((release) => held.set(order, release)));
}

test.beforeAll(async () => {
  portal = await startPortalServer();
  dav = await startWebdavServer({ users: { [USER]: PASSWORD } });
  const direct = new WebdavClient({ folderUrl: `${dav.url}${FOLDER}/`, user: USER, password: PASSWORD }, fetch);
  await direct.createFolder();
  const article = outlinedArticle('https://www.chinapeace.gov.cn/chinapeace/c100007/2024-05/join.shtml', '入组测试');
  for (let index = 0; index < 4; index++) {
    const id = crypto.randomUUID();
    const name = `成员${index + 1}`;
    const library = generateNotes([article], 1, NOTES_EACH, 7 + index);
    const body = memberFileText({
      member: { id, name },
      bundle: {
        generatedAt: '',
        versions: [],
        articles: library.articles.map((stored) => ({
          article: stored,
          annotations: library.annotations.map((note) => ({ ...note, author: name, creatorId: id })),
        })),
      },
      tombstones: [],
    });
    const signed = await signMemberFile(body, {
      identity: await newSigningIdentity(id),
      name,
      at: new Date().toISOString(),
    });
    names.push(memberFileName(id));
    await direct.put(memberFileName(id), signed, { absent: true });
  }
  proxy = await startCountingProxy(dav.url, (method, path) => {
    if (method !== 'GET' || !names.some((name) => path.endsWith(`/${name}`))) return undefined;
    arrivals.push(path);
    return holding.get(arrivals.length);
  });
});
test.afterAll(async () => {
  for (const release of held.values()) release();
  await proxy?.close();
  await portal?.close();
  await dav?.dispose();
});

async function openPage(context: BrowserContext, extensionId: string, path: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/${path}`);
  return page;
}

test('a join shows 成员 n/N, goes on with its page closed, and after a browser restart reads only what it had not merged', async () => {
  test.setTimeout(120_000);
  // One copy of the extension for both starts: an unpacked extension's id follows its folder.
  const extensionDir = extensionWithOrigins(['http://127.0.0.1/*']);
  const userDataDir = mkdtempSync(join(tmpdir(), 'pizhu-profile-'));
  const start = () => launchWithExtension({ portalPort: portal.port, extensionDir, userDataDir });
  holdGet(2);
  holdGet(4);

  let { context, extensionId } = await start();
  const options = await openPage(context, extensionId, 'options.html');
  const name = options.getByTestId('display-name');
  await name.fill('新成员');
  await name.blur();
  const form = options.getByTestId('group-sync');
  await form.getByLabel('服务器地址').fill(`${proxy.url}/`);
  await form.getByLabel('用户名').fill(USER);
  await form.getByLabel('密码（应用密码）').fill(PASSWORD);
  await form.getByLabel('小组文件夹').fill(FOLDER);
  await options.getByRole('button', { name: '保存并同步' }).click();

  // The second file is slow to come: the first is merged, and the page says how far the join is.
  await expect(options.getByTestId('sync-progress')).toHaveText(`成员 1/4 · 已收到批注 ${NOTES_EACH} 条`);
  await expect(options.getByTestId('sync-now')).toBeDisabled();
  // The reader leaves the page; the join goes on without it, and the popup shows its figures.
  await options.close();
  held.get(2)!();
  const popup = await openPage(context, extensionId, 'popup.html');
  await expect(popup.getByTestId('sync-progress')).toHaveText(`成员 3/4 · 已收到批注 ${3 * NOTES_EACH} 条`);
  expect((await countStored(popup, ['annotations'])).annotations).toBe(3 * NOTES_EACH);

  // The browser is closed while the fourth file is still on its way.
  await context.close();
  held.get(4)!();

  ({ context, extensionId } = await start());
  const again = await openPage(context, extensionId, 'popup.html');
  await expect(again.getByTestId('sync-outcome')).toContainText('成功', { timeout: 30_000 });
  expect((await countStored(again, ['annotations'])).annotations).toBe(4 * NOTES_EACH);
  // After the restart only the file that never arrived was asked for again, not the three merged.
  expect(arrivals.slice(4)).toEqual([arrivals[3]]);
  await context.close();
});
