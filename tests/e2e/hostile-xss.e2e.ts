import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { dragSelect, paintedTexts, selectText } from '../../scripts/browser/page-actions';
import { loadXssPayloads, renderHostilePage } from '../../scripts/hostile/hostile-pages';
import {
  liveHandlers,
  storedHtmlProblems,
  watchExtension,
  type ExtensionWatch,
} from '../../scripts/hostile/watch-extension';
import { exportW3cJson } from '../../utils/export/w3c-export';
import type { StoredArticle } from '../../utils/model/article';
import type { AnnotationRecord } from '../../utils/model/annotation';
import { writeHostileFigures } from '../support/hostile-report';
import { expect, test } from './extension-fixture';

const payloads = loadXssPayloads();
const BATCH = 20;
const executed = (watch: ExtensionWatch, live: string[]) =>
  watch.dialogs.length + watch.console.length + live.length + watch.requests.length;

async function download(page: Page, format: 'markdown' | 'docx') {
  await page.getByTestId('export-menu').locator('summary').click();
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`export-${format}`).click()]);
  return readFile((await file.path())!);
}

test('XSS payloads in a portal page, in notes and tags, and in an imported file run nowhere in Pizhu', async ({
  context,
  background,
  portal,
  reportedTabId,
  openExtensionPage,
  send,
}) => {
  test.setTimeout(300_000);
  const watch = watchExtension(context, background);
  expect(payloads.length).toBe(223);

  // 1. Detect → extract → clip → reader and popup, twenty payloads a page.
  const clipped: string[] = [];
  const live: string[] = [];
  for (let start = 0; start < payloads.length; start += BATCH) {
    const number = 900_100 + start;
    const path = `/zhengce/2024-11/26/content_${number}.htm`;
    portal.servePage(path, renderHostilePage(payloads.slice(start, start + BATCH), number));
    const page = await context.newPage();
    await page.goto(`http://www.gov.cn${path}`);
    const tabId = await reportedTabId(page);
    // A payload can leave no article at all (markup that swallows the rest of the page); the
    // user then keeps the page's text, as the popup offers.
    const article = await send('article.clip', { tabId }).catch(() => send('article.clip', { tabId, mode: 'page' }));
    clipped.push(article.id);
    const reader = await openExtensionPage(`reader.html?id=${article.id}`);
    await expect(reader.getByTestId('reader-body')).toBeVisible();
    const popup = await openExtensionPage(`popup.html?tabId=${tabId}`);
    await expect(popup.getByTestId('article-metadata')).toBeVisible();
    live.push(...(await liveHandlers(reader)), ...(await liveHandlers(popup)));
    await Promise.all([reader.close(), popup.close(), page.close()]);
  }

  // 2. Every payload as a note and as a tag, on the first clipped article.
  const first = await send('annotations.forPage', { url: `http://www.gov.cn/zhengce/2024-11/26/content_900100.htm` });
  expect(first).toEqual([]);
  for (const [index, item] of payloads.entries()) {
    await send('annotation.save', {
      id: randomUUID(),
      url: 'http://www.gov.cn/zhengce/2024-11/26/content_900100.htm',
      quote: { exact: '坚持以人民为中心', prefix: '', suffix: '' },
      position: { start: index, end: index + 8 },
      color: 'yellow',
      note: item.payload.slice(0, 20_000),
      tags: [item.payload.slice(0, 50).trim() || 'x'],
    });
  }
  const reader = await openExtensionPage(`reader.html?id=${clipped[0]}`);
  await expect(reader.getByTestId('printed-notes')).toBeAttached({ timeout: 30_000 });
  live.push(...(await liveHandlers(reader)));
  await reader.close();

  // 3. The same payloads in every text field of an imported notes file.
  const url = 'http://www.gov.cn/zhengce/2024-11/26/content_999999.htm';
  const article: StoredArticle = {
    id: randomUUID(),
    urlKey: url,
    url,
    canonicalUrl: null,
    title: payloads[5]!.payload.slice(0, 2_000),
    publishedAt: null,
    publishedText: payloads[6]!.payload.slice(0, 2_000),
    source: payloads[7]!.payload.slice(0, 2_000),
    author: payloads[8]!.payload.slice(0, 2_000),
    editor: payloads[9]!.payload.slice(0, 2_000),
    siteName: payloads[10]!.payload.slice(0, 2_000),
    column: null,
    lang: 'zh-CN',
    excerpt: '',
    text: '坚持以人民为中心的发展思想。',
    html: payloads.map((item) => item.payload).join('<p>坚持以人民为中心的发展思想。</p>'),
    outline: [{ level: 1, text: payloads[11]!.payload.slice(0, 2_000) }],
    length: 14,
    clippedAt: '2024-11-26T00:00:00.000Z',
    createdAt: '2024-11-26T00:00:00.000Z',
    updatedAt: '2024-11-26T00:00:00.000Z',
  };
  const annotations: AnnotationRecord[] = payloads.map((item, index) => ({
    id: randomUUID(),
    url,
    urlKey: url,
    articleId: article.id,
    quote: { exact: item.payload.slice(0, 20_000), prefix: '', suffix: '' },
    position: { start: index, end: index + 1 },
    color: 'pink',
    note: item.payload,
    tags: [item.payload.slice(0, 50).trim() || 'x'],
    author: item.payload.slice(0, 40),
    createdAt: '2024-11-26T00:00:00.000Z',
    updatedAt: '2024-11-26T00:00:00.000Z',
  }));
  const file = JSON.stringify(
    exportW3cJson(
      { generatedAt: '2024-11-26T00:00:00.000Z', articles: [{ article, annotations }], versions: [] },
      randomUUID(),
      'hostile',
    ),
  );
  const library = await openExtensionPage('library.html');
  await library
    .getByTestId('import-file')
    .setInputFiles({ name: 'hostile.json', mimeType: 'application/json', buffer: Buffer.from(file) });
  await expect(library.getByTestId('import-result')).toBeVisible();
  const imported = await openExtensionPage(`reader.html?id=${article.id}`);
  await expect(imported.getByTestId('printed-notes')).toBeAttached();
  live.push(...(await liveHandlers(imported)));
  await imported.close();

  // 4. The library's lists show all of it, and the exports carry it as text.
  await library.reload();
  await expect(library.getByTestId('article-row')).toHaveCount(clipped.length + 1);
  await library.getByTestId('tab-annotations').click();
  await expect(library.getByTestId('annotation-item').first()).toBeVisible();
  live.push(...(await liveHandlers(library)));
  const markdown = (await download(library, 'markdown')).toString('utf8');
  // Outside the addresses Pizhu writes as <http…> links, no tag survives unescaped.
  expect(markdown.replace(/<https?:\/\/[^>\s]+>/g, '')).not.toMatch(/(^|[^\\])<[a-z!/?]/im);
  const docx = strFromU8(unzipSync(new Uint8Array(await download(library, 'docx')))['word/document.xml']!);
  expect(docx).not.toMatch(/<(script|img|svg|iframe)\b/i);
  expect(docx).not.toMatch(/w:hyperlink|HYPERLINK/);

  // 5. What is stored is inert, and nothing ran anywhere in the extension.
  const stored = await storedHtmlProblems(library);
  expect(stored.articles).toBe(clipped.length + 1);
  expect(stored.problems).toEqual([]);
  expect(live).toEqual([]);
  expect(watch.dialogs).toEqual([]);
  expect(watch.console).toEqual([]);
  // Not even an image: extension pages fetch nothing remote by themselves.
  expect(watch.requests).toEqual([]);

  const tried = payloads.length * 3;
  writeHostileFigures('xss', {
    payloadsTried: tried,
    payloadsExecuted: executed(watch, live),
    notes: [
      `${payloads.length} payloads × (page body/title/metadata → clip → reader, popup, library, Markdown, Word; notes and tags; an imported file): ${watch.dialogs.length} dialogs, ${watch.console.length} console messages, ${live.length} inline handlers in live extension pages, ${watch.cspBlocked} handler attributes blocked by CSP while DOMPurify parsed the HTML, ${watch.requests.length} remote loads (${watch.requests.filter((request) => request.type === 'image').length} images, ${watch.requests.filter((request) => request.type !== 'image').length} other) from extension pages; stored HTML problems: ${stored.problems.length} in ${stored.articles} articles`,
    ],
  });
});

test('the built extension keeps a strict Content Security Policy and accepts no outside messages', async ({
  context,
  extensionId,
}) => {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/manifest.json`);
  const manifest = JSON.parse((await page.locator('body').textContent()) ?? '{}');
  const policy: string = manifest.content_security_policy.extension_pages;
  expect(policy).toMatch(/script-src 'self'/);
  for (const directive of ['img-src', 'media-src', 'font-src'])
    expect(policy).toMatch(new RegExp(`${directive} 'self' data:( blob:)?(;|$)`));
  expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|wasm-unsafe-eval|https?:/);
  expect(manifest.externally_connectable).toEqual({ ids: [] });
});

test('a page whose markup shadows DOM properties is still read, and highlighted inside the shadowing form', async ({
  context,
  background,
  portal,
  reportedTabId,
  send,
}) => {
  // Inside this form, form.parentNode is an input (a parent walk would never end), and
  // document.querySelector is an image.
  const clobbering = `<form><input name="parentNode"><input name="nodeName"><input name="hasAttribute"><span>表单里的一句话可以被划线</span></form>
    <img name="querySelector"><img name="querySelectorAll"><img name="getElementsByTagName"><img name="cloneNode">`;
  const path = '/zhengce/2024-11/26/content_900999.htm';
  // Plain lines first: the page also puts its first four pieces in the headline and metadata.
  const plain = ['一', '二', '三', '四'].map((text) => ({ title: 'plain', payload: `<b>${text}</b>` }));
  portal.servePage(path, renderHostilePage([...plain, { title: 'clobbering', payload: clobbering }], 900_999));
  const page = await context.newPage();
  await page.goto(`http://www.gov.cn${path}`);
  const tabId = await reportedTabId(page);
  expect(await page.evaluate(() => typeof (document as unknown as Record<string, unknown>).querySelector)).toBe(
    'object',
  );
  const url = `http://www.gov.cn${path}`;
  await dragSelect(page, '表单里的一句话');
  await background.evaluate(
    (id) => chrome.tabs.sendMessage(id, { type: 'page.highlightSelection', payload: {} }),
    tabId,
  );
  await expect
    .poll(async () => (await send('annotations.forPage', { url })).map((annotation) => annotation.quote.exact))
    .toEqual(['表单里的一句话']);
  await page.reload();
  await expect
    .poll(async () => [
      ...(await paintedTexts(page, 'yellow')),
      ...(await paintedTexts(page, 'green')),
      ...(await paintedTexts(page, 'blue')),
      ...(await paintedTexts(page, 'pink')),
      ...(await paintedTexts(page, 'purple')),
    ])
    .toEqual(['表单里的一句话']);
});

test('DOMPurify’s clobbering payloads in the headline and metadata lines do not stop highlighting', async ({
  context,
  background,
  portal,
  reportedTabId,
  send,
}) => {
  // An unclosed form (its controls named `attributes`) in the headline, then an image named
  // `getElementById`, an unclosed link with id `location` (the parser wraps the article in it),
  // and a control named `parentNode`, which joins the still-open form.
  const payloads = loadXssPayloads();
  const clobbering = payloads.filter((item) =>
    /DOM clobbering: (?:getElementById|location|parentNode)|using attributes/.test(item.title),
  );
  expect(clobbering).toHaveLength(4);
  const path = '/zhengce/2024-11/26/content_900998.htm';
  const url = `http://www.gov.cn${path}`;
  portal.servePage(path, renderHostilePage(clobbering, 900_998));
  const page = await context.newPage();
  await page.goto(url);
  const tabId = await reportedTabId(page);
  const passage = '各地各部门要压实工作责任';
  expect(await selectText(page, passage)).toBe(passage);
  await background.evaluate(
    (id) => chrome.tabs.sendMessage(id, { type: 'page.highlightSelection', payload: {} }),
    tabId,
  );
  await expect
    .poll(async () => (await send('annotations.forPage', { url })).map((annotation) => annotation.quote.exact))
    .toEqual([passage]);
  await page.reload();
  await expect.poll(() => paintedTexts(page, 'yellow')).toEqual([passage]);
});
