import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { annotation, notesFile } from '../support/group-article';
import { expect, test } from './extension-fixture';

/**
 * 全文 Markdown sent without a file dialog, in Chromium: into a folder chosen once — the origin private file
 * system's folder stands in for it, given to Pizhu as the stored handle — and to an Obsidian vault, whose
 * obsidian:// address is watched through the DevTools protocol, no Obsidian needed.
 */
const notes = [
  annotation('坚持问题导向', '小王', '2024-03-07T01:00:00.000Z', { note: '小王的批注' }),
  annotation('各单位主要负责人', '小王', '2024-03-07T02:00:00.000Z', { color: 'green' }),
];

/** The files in the stand-in folder, by name. */
const folderFiles = (page: Page) =>
  page.evaluate(async () => {
    const folder = await (await navigator.storage.getDirectory()).getDirectoryHandle('笔记库');
    const files: Record<string, string> = {};
    for await (const [name, handle] of folder as unknown as AsyncIterable<[string, FileSystemFileHandle]>)
      files[name] = await (await handle.getFile()).text();
    return files;
  });

async function send(page: Page, route: 'folder' | 'obsidian') {
  await page.getByTestId('export-menu').locator('summary').click();
  await page.getByTestId(`send-${route}`).click();
}

test('全文 Markdown goes into the chosen folder without overwriting, to Obsidian at its address, and is downloaded when it cannot', async ({
  context,
  openExtensionPage,
}) => {
  const library = await openExtensionPage('library.html');
  await library.getByTestId('import-file').setInputFiles([notesFile('wang.json', notes)]);
  await expect(library.getByTestId('import-result')).toContainText('新增批注 2 条');

  // The reader names the vault and its folder in the options page; the chosen folder is kept as its handle.
  const options = await openExtensionPage('options.html');
  await options.getByTestId('obsidian-vault').fill('学习 笔记');
  await options.getByTestId('obsidian-folder').fill('剪藏/政策');
  await options.getByTestId('obsidian-folder').press('Enter');
  await options.evaluate(async () => {
    const folder = await (await navigator.storage.getDirectory()).getDirectoryHandle('笔记库', { create: true });
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('pizhu-secrets', 1);
      request.onupgradeneeded = () => request.result.createObjectStore('secrets');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const transaction = db.transaction('secrets', 'readwrite');
    transaction.objectStore('secrets').put(folder, 'markdownFolder');
    await new Promise((done) => (transaction.oncomplete = done));
    db.close();
  });
  await options.reload();
  await expect(options.getByTestId('markdown-folder')).toContainText('已选定文件夹：笔记库');
  await options.close();

  // Into the folder, twice: the second is a new file beside the first.
  await library.bringToFront();
  await send(library, 'folder');
  const status = library.getByTestId('export-status');
  await expect(status).toHaveText(/^已存入文件夹“笔记库”：《关于推进测试工作的意见》-全文-\d{8}\.md$/);
  const name = (await status.textContent())!.split('：')[1]!;
  await send(library, 'folder');
  await expect(status).toHaveText(`已存入文件夹“笔记库”：${name.replace(/\.md$/, '-2.md')}`);
  const files = await folderFiles(library);
  expect(Object.keys(files).sort()).toEqual([name, name.replace(/\.md$/, '-2.md')].sort());
  for (const text of Object.values(files)) {
    expect(text).toContain('title: "关于推进测试工作的意见"');
    expect(text).toContain('==坚持问题导向==');
    expect(text).toContain('小王的批注');
  }

  // The folder is gone: the same Markdown is downloaded, and the words say so.
  await library.evaluate(async () =>
    (await navigator.storage.getDirectory()).removeEntry('笔记库', { recursive: true }),
  );
  const downloading = library.waitForEvent('download');
  await send(library, 'folder');
  await expect(status).toHaveText(
    /^没能直接发送（写入文件夹失败，文件夹可能已被移走或删除），已改为下载 .+-全文-\d{8}\.md，内容没有丢失。$/,
  );
  const downloaded = await readFile((await (await downloading).path())!, 'utf8');
  // The same note, but for the moment of export (minute) and the date cited.
  const timeless = (text: string) => text.replace(/^(exported|cite): .*$|^引用：.*$/gm, '');
  expect(timeless(downloaded)).toBe(timeless(files[name]!));

  // To Obsidian: the address the page opens, the note's text on the clipboard for a long article.
  const devtools = await context.newCDPSession(library);
  const opened: string[] = [];
  devtools.on('Page.frameRequestedNavigation', (event) => opened.push(event.url));
  await devtools.send('Page.enable');
  await send(library, 'obsidian');
  await expect(status).toContainText('已放在剪贴板上交给 Obsidian，放入仓库“学习 笔记”');
  await expect
    .poll(() => opened)
    .toEqual([
      expect.stringMatching(
        /^obsidian:\/\/new\?vault=%E5%AD%A6%E4%B9%A0%20%E7%AC%94%E8%AE%B0&file=%E5%89%AA%E8%97%8F%2F%E6%94%BF%E7%AD%96%2F.+&clipboard=1$/,
      ),
    ]);
  const file = new URL(opened[0]!).searchParams.get('file');
  expect(file).toBe(`剪藏/政策/${name.replace(/\.md$/, '')}`);
});
