import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Download, Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { countStored } from '../../scripts/browser/extension-database';
import { paintedTexts } from '../../scripts/browser/page-actions';
import { PAINTED_SHARE, shareOfTextInColour } from '../../scripts/browser/screen-colour';
import { exportW3cJson } from '../../utils/export/w3c-export';
import { annotation, ARTICLE, notesFile } from '../support/group-article';
import { expect, test } from './extension-fixture';

const SHARED = randomUUID();
const wang = [
  annotation('坚持问题导向', '小王', '2024-03-07T01:00:00.000Z', { id: SHARED, note: '小王的批注' }),
  annotation('各单位主要负责人', '小王', '2024-03-07T02:00:00.000Z', { color: 'green', tags: ['责任'] }),
];
const li = [
  // 小王's note as 小李 received it, then edited it: made by 小王, at 小王's time.
  annotation('坚持问题导向', '小王', '2024-03-08T01:00:00.000Z', {
    id: SHARED,
    note: '小李改过的批注',
    created: '2024-03-07T01:00:00.000Z',
  }),
  annotation('加强基层基础建设', '小李', '2024-03-08T02:00:00.000Z', { color: 'blue', note: '第二部分的重点' }),
];

/** Counts in the extension's own database. */
async function countRecords(page: Page) {
  const counts = await countStored(page, ['articles', 'annotations', 'annotationVersions']);
  return { articles: counts.articles, annotations: counts.annotations, versions: counts.annotationVersions };
}

async function exportFrom(
  page: Page,
  format: 'json' | 'markdown' | 'docx' | 'csv',
): Promise<{ download: Download; bytes: Buffer }> {
  await page.getByTestId('export-menu').locator('summary').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`export-${format}`).click()]);
  return { download, bytes: await readFile((await download.path())!) };
}

test('a study group’s files merge in the library, a hostile one changes nothing, and the exports hold the merged notes', async ({
  openExtensionPage,
}) => {
  const library = await openExtensionPage('library.html');
  await library.getByTestId('import-file').setInputFiles([notesFile('wang.json', wang), notesFile('li.json', li)]);
  await expect(library.getByTestId('import-result')).toContainText('新增文章 1 篇，新增批注 3 条');
  await expect(library.getByTestId('import-result')).toContainText('1 条批注两边都改过');
  expect(await countRecords(library)).toEqual({ articles: 1, annotations: 3, versions: 1 });

  // The same files again add nothing.
  await library.getByTestId('import-file').setInputFiles([notesFile('wang.json', wang), notesFile('li.json', li)]);
  // Only what happened is named: nothing new, nothing in conflict.
  await expect(library.getByTestId('import-result')).toHaveText('导入完成：未变 3 条。');
  expect(await countRecords(library)).toEqual({ articles: 1, annotations: 3, versions: 1 });

  // A hostile file is refused whole, with its name and where it went wrong.
  const evil = {
    name: 'evil.json',
    mimeType: 'application/json',
    buffer: Buffer.from(notesFile('x', li).buffer.toString().replace('{', '{"__proto__":{"polluted":1},')),
  };
  await library.getByTestId('import-file').setInputFiles([notesFile('wang.json', wang), evil]);
  await expect(library.getByTestId('error')).toContainText('evil.json');
  await expect(library.getByTestId('error')).toContainText('__proto__');
  expect(await countRecords(library)).toEqual({ articles: 1, annotations: 3, versions: 1 });
  // A broken file is refused in the UI's words: no parser English, no "(root)".
  await library.getByTestId('import-file').setInputFiles({
    name: 'half.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"@context": "http://www.w3.org/ns/anno.jsonld", "ty'),
  });
  await expect(library.getByTestId('error')).toHaveText(
    '未能导入“half.json”：不是有效的 JSON（文件可能不完整）。没有做任何更改。',
  );

  // The notes tab shows each member's notes, the winning edit with the one it replaced.
  await library.getByTestId('tab-annotations').click();
  await expect(library.getByTestId('annotation-item')).toHaveCount(3);
  const shared = library.getByTestId('annotation-item').filter({ hasText: '小李改过的批注' });
  await shared.getByTestId('annotation-versions').locator('summary').click();
  await expect(shared.getByTestId('annotation-versions')).toContainText('小王的批注');
  await library.getByTestId('toggle-filters').click();
  await library.getByTestId('member-filter').selectOption('小李');
  await expect(library.getByTestId('annotation-item')).toHaveCount(1);
  await expect(library.getByTestId('annotation-item')).toContainText('第二部分的重点');
  await library.getByTestId('member-filter').selectOption('');

  const json = JSON.parse((await exportFrom(library, 'json')).bytes.toString('utf8'));
  expect(json.type).toBe('AnnotationCollection');
  expect(json.total).toBe(3);
  expect(json.pizhu.versions).toHaveLength(1);

  const { download, bytes } = await exportFrom(library, 'markdown');
  expect(download.suggestedFilename()).toMatch(/^《关于推进测试工作的意见》-批注-\d{8}\.md$/);
  const markdown = bytes.toString('utf8');
  const order = [
    '# 关于推进测试工作的意见',
    '## 一、总体要求',
    '> 坚持问题导向',
    '批注：小李改过的批注',
    '## 二、主要任务',
    '> 加强基层基础建设',
    '## 三、保障措施',
    '> 各单位主要负责人',
  ].map((part) => markdown.indexOf(part));
  expect(order.every((at, index) => at >= 0 && (index === 0 || at > order[index - 1]!))).toBe(true);

  const docx = unzipSync(new Uint8Array((await exportFrom(library, 'docx')).bytes));
  const documentText = strFromU8(docx['word/document.xml']!).replace(/<[^>]+>/g, '');
  for (const part of [
    '关于推进测试工作的意见',
    '坚持问题导向',
    '小李改过的批注',
    '加强基层基础建设',
    '各单位主要负责人',
  ])
    expect(documentText).toContain(part);
});

test('a member hands in the 批注稿 and the 批注版 page: header asked first, named as handed in, the page opens on its own', async ({
  context,
  openExtensionPage,
}) => {
  const library = await openExtensionPage('library.html');
  await library.getByTestId('import-file').setInputFiles([notesFile('wang.json', wang), notesFile('li.json', li)]);
  await expect(library.getByTestId('import-result')).toContainText('新增批注 3 条');

  // The menu says what each file is for; a hand-in asks for its header, the caret in the first field.
  await library.getByTestId('export-menu').locator('summary').click();
  await expect(library.getByTestId('export-annotated-docx')).toContainText('批注稿（Word）');
  await expect(library.getByTestId('export-annotated-docx')).toContainText('批注是 Word 的批注');
  await library.getByTestId('export-annotated-docx').click();
  await expect(library.getByTestId('hand-in-group')).toBeFocused();
  await library.getByTestId('hand-in-group').fill('第一学习小组');
  await library.getByTestId('hand-in-member').fill('王小明');
  const [docxDownload] = await Promise.all([library.waitForEvent('download'), library.keyboard.press('Enter')]);
  expect(docxDownload.suggestedFilename()).toMatch(/^《关于推进测试工作的意见》-批注稿-\d{8}\.docx$/);
  const docx = unzipSync(new Uint8Array(await readFile((await docxDownload.path())!)));
  const comments = strFromU8(docx['word/comments.xml']!);
  expect(comments).toContain('w:author="小王"');
  expect(comments).toContain('w:author="小李"');
  expect(strFromU8(docx['word/document.xml']!)).toContain('w:commentRangeStart');

  // The group is remembered for the next hand-in, and is the options page's 学习小组 too.
  const options = await openExtensionPage('options.html');
  await expect(options.getByTestId('study-group')).toHaveValue('第一学习小组');
  await options.close();
  await library.getByTestId('export-menu').locator('summary').click();
  await library.getByTestId('export-annotated-html').click();
  await expect(library.getByTestId('hand-in-group')).toHaveValue('第一学习小组');
  const [htmlDownload] = await Promise.all([library.waitForEvent('download'), library.keyboard.press('Enter')]);
  expect(htmlDownload.suggestedFilename()).toMatch(/^《关于推进测试工作的意见》-批注版-\d{8}\.html$/);

  // Opened as a file, with nothing else: the passages are coloured on screen, the notes beside them
  // on a wide screen and under their paragraph on a phone.
  const saved = join(tmpdir(), `pizhu-${randomUUID()}`, htmlDownload.suggestedFilename());
  await htmlDownload.saveAs(saved);
  const file = await context.newPage();
  await file.goto(pathToFileURL(saved).href);
  await expect(file.locator('header.study')).toContainText('学习小组：第一学习小组');
  expect(await shareOfTextInColour(file, '加强基层基础建设', 'blue')).toBeGreaterThan(PAINTED_SHARE);
  const placed = async () => {
    const text = (await file.locator('mark', { hasText: '加强基层基础建设' }).boundingBox())!;
    const note = (await file.locator('.note', { hasText: '第二部分的重点' }).boundingBox())!;
    return { beside: note.x > text.x + text.width, below: note.y > text.y + text.height };
  };
  await file.setViewportSize({ width: 1280, height: 900 });
  expect((await placed()).beside).toBe(true);
  await file.setViewportSize({ width: 390, height: 800 });
  expect(await placed()).toEqual({ beside: false, below: true });
  expect(await file.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize))).toBeGreaterThanOrEqual(16);
});

test('the reader shows one member’s highlights when asked and prints the notes after the article', async ({
  openExtensionPage,
}) => {
  const library = await openExtensionPage('library.html');
  await library.getByTestId('import-file').setInputFiles([notesFile('wang.json', wang), notesFile('li.json', li)]);
  await expect(library.getByTestId('import-result')).toBeVisible();

  const reader = await openExtensionPage(`reader.html?id=${ARTICLE.id}`);
  await expect
    .poll(
      async () =>
        (await paintedTexts(reader, 'yellow')).length +
        (await paintedTexts(reader, 'green')).length +
        (await paintedTexts(reader, 'blue')).length,
    )
    .toBe(3);
  await reader.getByTestId('member-filter').selectOption('小李');
  await expect.poll(() => paintedTexts(reader, 'blue')).toEqual(['加强基层基础建设']);
  expect(await paintedTexts(reader, 'yellow')).toEqual([]);
  await expect(reader.getByTestId('printed-notes')).toBeHidden();

  await reader.getByTestId('member-filter').selectOption('');
  await expect.poll(() => paintedTexts(reader, 'yellow')).toEqual(['坚持问题导向']);
  await reader.emulateMedia({ media: 'print' });
  const printed = reader.getByTestId('printed-notes');
  await expect(printed).toBeVisible();
  await expect(reader.getByTestId('outline')).toBeHidden();
  const text = (await printed.textContent()) ?? '';
  const order = [
    '一、总体要求',
    '坚持问题导向',
    '小李改过的批注',
    '二、主要任务',
    '加强基层基础建设',
    '三、保障措施',
    '各单位主要负责人',
  ].map((part) => text.indexOf(part));
  expect(order.every((at, index) => at >= 0 && (index === 0 || at > order[index - 1]!))).toBe(true);
});

test('a long library shows a screenful first and reads on as the list is scrolled', async ({ openExtensionPage }) => {
  const articles = Array.from({ length: 60 }, (_, n) => {
    const url = `http://www.gov.cn/zhengce/2024-03/05/content_${910000 + n}.htm`;
    const article = { ...ARTICLE, id: randomUUID(), url, urlKey: url, title: `测试文章${n}` };
    return {
      article,
      annotations: [
        { ...annotation('坚持问题导向', '小王', '2024-03-07T01:00:00.000Z'), url, urlKey: url, articleId: article.id },
      ],
    };
  });
  const collection = exportW3cJson(
    { generatedAt: '2024-03-09T00:00:00.000Z', articles, versions: [] },
    randomUUID(),
    'many.json',
  );
  const library = await openExtensionPage('library.html');
  // Short enough that one page of rows reaches past the bottom of the window.
  await library.setViewportSize({ width: 1280, height: 600 });
  await library.getByTestId('import-file').setInputFiles({
    name: 'many.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(collection)),
  });
  await expect(library.getByTestId('import-result')).toContainText('新增文章 60 篇');
  await expect(library.getByTestId('article-total')).toContainText('60');
  await expect(library.getByTestId('article-row')).toHaveCount(25);

  await library.getByTestId('more').scrollIntoViewIfNeeded();
  await expect(library.getByTestId('article-row')).toHaveCount(50);
  await library.getByTestId('more').scrollIntoViewIfNeeded();
  await expect(library.getByTestId('article-row')).toHaveCount(60);
  await expect(library.getByTestId('more')).toHaveCount(0);
  const all = await library.getByTestId('article-row').evaluateAll((rows) => rows.map((row) => row.textContent ?? ''));
  expect(new Set(all).size).toBe(60);
});
