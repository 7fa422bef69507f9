import { test, expect, type BrowserContext, type Page } from '@playwright/test';
import { launchWithExtension } from '../../scripts/browser/launch-with-extension';
import { startPortalServer, type PortalServer } from '../../scripts/serve/portal-server';
import { startWebdavServer, type WebdavServer } from '../../scripts/serve/webdav-server';
import { DEMO_ARTICLE_URL, loadDemoArticle } from '../../scripts/serve/demo-article';
import { demoPassages, highlightWithNote } from '../../scripts/browser/demo-notes';
import { PizhuUi } from '../../scripts/browser/pizhu-ui';
import { countStored } from '../../scripts/browser/extension-database';
import { clickPainted } from '../../scripts/browser/page-actions';
import { PAINTED_SHARE, shareOfTextInColour } from '../../scripts/browser/screen-colour';
import { fingerprintOf, newSigningIdentity, openSignedFile, signMemberFile } from '../../utils/sync/member-signature';

/**
 * Three members of a study group, each in a browser profile of their own, share notes through a
 * real WebDAV server (Apache mod_dav on 127.0.0.1): set-up in the options page with its worded
 * errors, a note reaching the others on the live page and in the library, a reply, a deletion,
 * the server gone mid-use and a hostile file in the folder — each said in the UI, nothing lost —
 * and 成员指纹: a member's key compared, a changed key named and accepted.
 */

const USER = 'xiaozu';
const PASSWORD = 'app-password-1';
const FOLDER = '学习小组';
const demo = loadDemoArticle();

interface Member {
  name: string;
  context: BrowserContext;
  extensionId: string;
  page(path: string): Promise<Page>;
}

let portal: PortalServer;
let dav: WebdavServer;
const members: Member[] = [];

test.beforeAll(async () => {
  portal = await startPortalServer();
  dav = await startWebdavServer({ users: { [USER]: PASSWORD } });
});
test.afterAll(async () => {
  await Promise.all(members.map((member) => member.context.close()));
  await portal?.close();
  await dav?.dispose();
});

async function launchMember(name: string): Promise<Member> {
  const { context, extensionId } = await launchWithExtension({
    portalPort: portal.port,
    grantedOrigins: ['http://127.0.0.1/*'],
  });
  const member: Member = {
    name,
    context,
    extensionId,
    page: async (path) => {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${path}`);
      return page;
    },
  };
  members.push(member);
  return member;
}

/** Fills 小组同步 in the options page as a member would; returns the options page. */
async function fillSyncForm(member: Member, password = PASSWORD): Promise<Page> {
  const options = await member.page('options.html');
  const name = options.getByTestId('display-name');
  await name.fill(member.name);
  await name.blur();
  const form = options.getByTestId('group-sync');
  await form.getByLabel('服务器地址').fill(dav.url);
  await form.getByLabel('用户名').fill(USER);
  await form.getByLabel('密码（应用密码）').fill(password);
  await form.getByLabel('小组文件夹').fill(FOLDER);
  return options;
}

async function join(member: Member): Promise<Page> {
  const options = await fillSyncForm(member);
  await options.getByRole('button', { name: '保存并同步' }).click();
  await expect(options.getByTestId('sync-outcome')).toContainText('成功');
  return options;
}

/** Presses 同步 in the library (as a member would) and waits for its outcome line. */
async function syncFromLibrary(library: Page): Promise<string> {
  const outcome = library.getByTestId('sync-outcome');
  const before = (await outcome.count()) > 0 ? await outcome.getAttribute('data-at') : null;
  await library.getByTestId('sync-now').click();
  await expect.poll(() => outcome.getAttribute('data-at')).not.toBe(before);
  return (await outcome.textContent()) ?? '';
}

async function openNotes(member: Member): Promise<Page> {
  const library = await member.page('library.html');
  await library.getByTestId('tab-annotations').click();
  return library;
}

test('three members share notes through a WebDAV folder: set-up, a note, a reply, a deletion, failures in words', async () => {
  test.setTimeout(240_000);
  const [a, b, c] = [await launchMember('小王'), await launchMember('小李'), await launchMember('小张')];

  // Set-up, with what can go wrong said in words: a wrong password, then a folder not there yet.
  const options = await fillSyncForm(a, 'wrong-password');
  await options.getByRole('button', { name: '测试连接' }).click();
  await expect(options.getByTestId('group-sync').getByRole('alert')).toContainText('用户名或密码不对');
  await options.getByLabel('密码（应用密码）').fill(PASSWORD);
  await options.getByRole('button', { name: '测试连接' }).click();
  await expect(options.getByTestId('group-sync').getByRole('alert')).toContainText('没有这个小组文件夹');
  await options.getByRole('button', { name: '创建这个文件夹' }).click();
  await expect(options.getByTestId('sync-notice')).toContainText('连接正常');
  const noticeSize = await options
    .getByTestId('sync-notice')
    .evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
  expect(noticeSize).toBeGreaterThanOrEqual(14);
  await options.getByRole('button', { name: '保存并同步' }).click();
  await expect(options.getByTestId('sync-outcome')).toContainText('成功');
  expect(dav.files(FOLDER)).toHaveLength(1);

  // A marks a passage on the live page; it reaches B's library and B's copy of the page.
  const passage = demoPassages(demo)[0]!;
  const page = await a.context.newPage();
  await page.goto(DEMO_ARTICLE_URL);
  const ui = await PizhuUi.attach(page);
  await highlightWithNote(page, ui, passage, '小王的批注：这是重点');
  await page.keyboard.press('Escape');
  const aLibrary = await openNotes(a);
  await expect(aLibrary.getByTestId('annotation-item')).toContainText('小王的批注');
  expect(await syncFromLibrary(aLibrary)).toContain('成功');
  // The popup says when the last sync was and how it went.
  const popup = await a.page('popup.html');
  await expect(popup.getByTestId('sync-outcome')).toContainText(/上次同步 .+：成功/);

  await join(b);
  const bLibrary = await openNotes(b);
  await expect(bLibrary.getByTestId('annotation-item')).toContainText('小王的批注：这是重点');
  await expect(bLibrary.getByTestId('annotation-item')).toContainText('小王');
  const bPage = await b.context.newPage();
  await bPage.goto(DEMO_ARTICLE_URL);
  await expect.poll(() => shareOfTextInColour(bPage, passage.slice(2, 10), 'yellow')).toBeGreaterThan(PAINTED_SHARE);

  // B cannot change A's note; B answers it, from the note on the page.
  const bUi = await PizhuUi.attach(bPage);
  await clickPainted(bPage, 'yellow', passage.slice(2, 8));
  await expect.poll(() => bUi.noteFrame()?.getByTestId('other-member').textContent()).toContain('小王的批注（');
  const frame = bUi.noteFrame()!;
  expect(await frame.locator('.popover [data-action="delete"]').count()).toBe(0);
  await expect
    .poll(() => frame.evaluate(() => document.activeElement?.getAttribute('aria-label')))
    .toBe('回复这条批注…');
  await bPage.keyboard.type('小李：同意，另见第二部分');
  await bUi.clickInNoteFrame(frame.getByRole('button', { name: '回复', exact: true }), '回复');
  await expect(frame.getByTestId('reply')).toContainText('小李');
  // The page's list of notes shows the thread under the note.
  await bPage.keyboard.press('Escape');
  await bUi.click('[data-testid="launcher"]');
  await expect
    .poll(() => bUi.texts('[data-testid="placed"] li').then((items) => items.join('')))
    .toContain('同意，另见第二部分');
  await bLibrary.reload();
  await bLibrary.getByTestId('tab-annotations').click();
  expect(await syncFromLibrary(bLibrary)).toContain('成功');

  // C joins and finds both; A finds B's reply under the note.
  await join(c);
  const cLibrary = await openNotes(c);
  await expect(cLibrary.getByTestId('annotation-item')).toContainText('小王的批注');
  await expect(cLibrary.getByTestId('reply')).toContainText('同意，另见第二部分');
  // The reader's printed notes carry the thread too.
  const readerPath = await cLibrary.getByTestId('annotation-item').locator('a').getAttribute('href');
  const reader = await c.page(readerPath!.replace(/^\//, ''));
  await reader.emulateMedia({ media: 'print' });
  await expect(reader.getByTestId('printed-notes')).toContainText('小李同意，另见第二部分'.slice(2));
  await expect(reader.getByTestId('printed-notes').getByTestId('reply')).toContainText('小李');
  await syncFromLibrary(aLibrary);
  await aLibrary.reload();
  await aLibrary.getByTestId('tab-annotations').click();
  await expect(aLibrary.getByTestId('reply')).toContainText('小李');

  // The server goes away: B's sync says so, and B's library keeps everything.
  const bDataPage = await b.page('options.html');
  const stores = ['annotations', 'articles', 'replies'] as const;
  const before = await countStored(bDataPage, stores);
  await dav.stop();
  try {
    expect(await syncFromLibrary(bLibrary)).toContain('连不上同步服务器');
    expect(await countStored(bDataPage, stores)).toEqual(before);
  } finally {
    await dav.start();
  }

  // A hostile file planted in the folder is refused by name; the others' notes still arrive.
  const planted = `${crypto.randomUUID()}.json`;
  dav.writeFile(`${FOLDER}/${planted}`, '{"__proto__": {"polluted": true}, "type": "AnnotationCollection"}');
  await syncFromLibrary(cLibrary);
  await expect(cLibrary.getByTestId('sync-refused')).toContainText(planted);

  // A deletes the note; the deletion reaches B and C (and B's reply stays nowhere to hang).
  await page.reload();
  await clickPainted(page, 'yellow', passage.slice(2, 8));
  await expect.poll(() => ui.noteFrame()?.locator('.popover [data-action="delete"]').count()).toBe(1);
  await ui.click('.popover [data-action="delete"]');
  await expect.poll(async () => (await countStored(await a.page('options.html'), ['annotations'])).annotations).toBe(0);
  await syncFromLibrary(aLibrary);
  for (const library of [bLibrary, cLibrary]) {
    await syncFromLibrary(library);
    await library.reload();
    await library.getByTestId('tab-annotations').click();
    await expect(library.getByTestId('annotation-item')).toHaveCount(0);
  }
  await bPage.reload();
  await expect.poll(() => shareOfTextInColour(bPage, passage.slice(2, 10), 'yellow')).toBeLessThan(PAINTED_SHARE);

  // 停止同步 can be undone: the same account comes back.
  await options.getByRole('button', { name: '停止同步' }).click();
  await expect(options.getByTestId('sync-notice')).toContainText('已停止同步');
  await expect(options.getByTestId('sync-status')).toHaveCount(0);
  await options.getByTestId('sync-notice').getByRole('button', { name: '撤销' }).click();
  await expect(options.getByTestId('sync-status')).toBeVisible();
  await expect(options.getByLabel('服务器地址')).toHaveValue(dav.url);

  // 成员指纹: B's options page shows A's key as A's own options page does, to compare once.
  const aFingerprint = (await options.getByTestId('own-fingerprint').textContent())!.replace('本机的指纹：', '');
  expect(aFingerprint).toMatch(/^[0-9A-F]{4}( [0-9A-F]{4}){4}$/);
  const aKey = bDataPage.getByTestId('member-key').filter({ hasText: '小王' });
  await expect(aKey).toContainText(aFingerprint);
  await expect(bDataPage.getByTestId('own-fingerprint')).not.toContainText(aFingerprint);
  // Someone with the group's password writes A's file signed with another key: B refuses it and
  // names it, in the summary and beside A's fingerprint, until B accepts the new key.
  const aId = /编号：([0-9a-f-]{36})/.exec((await options.getByTestId('group-sync').textContent())!)![1]!;
  const aPath = `${FOLDER}/${aId}.json`;
  const impostor = await newSigningIdentity(aId);
  const later = new Date(Date.now() + 60_000).toISOString();
  const { body } = openSignedFile(dav.readFile(aPath));
  dav.writeFile(aPath, await signMemberFile(body, { identity: impostor, name: '小王', at: later }));
  await syncFromLibrary(bLibrary);
  await expect(bLibrary.getByTestId('sync-refused')).toContainText(`${aId}.json`);
  await expect(bLibrary.getByTestId('sync-refused')).toContainText('密钥');
  const newFingerprint = await fingerprintOf(impostor.key);
  await expect(aKey.getByTestId('key-changed')).toContainText(newFingerprint);
  await aKey.getByRole('button', { name: '接受新密钥' }).click();
  await expect(aKey.getByTestId('key-changed')).toHaveCount(0);
  await expect(aKey).toContainText(newFingerprint);
  expect(await syncFromLibrary(bLibrary)).toContain('成功');
  await expect(bLibrary.getByTestId('sync-refused')).toHaveCount(0);
});
