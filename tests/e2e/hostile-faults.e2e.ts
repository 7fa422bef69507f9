import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { countStored } from '../../scripts/browser/extension-database';
import { dragSelect, paintedTexts } from '../../scripts/browser/page-actions';
import { DEMO_ARTICLE_URL, loadDemoArticle } from '../../scripts/serve/demo-article';
import type { StoredArticle } from '../../utils/model/article';
import type { AnnotationRecord } from '../../utils/model/annotation';
import { exportW3cJson } from '../../utils/export/w3c-export';
import { writeHostileFigures } from '../support/hostile-report';
import { expect, test } from './extension-fixture';

const demo = loadDemoArticle();

/** A notes file of `count` annotations over ten invented articles. */
function bigNotesFile(count: number): Buffer {
  const articles = Array.from({ length: 10 }, (_, n): StoredArticle => {
    const url = `http://www.gov.cn/zhengce/2024-11/26/content_95${n}.htm`;
    return {
      id: randomUUID(),
      urlKey: url,
      url,
      canonicalUrl: null,
      title: `文章${n}`,
      publishedAt: null,
      publishedText: null,
      source: null,
      author: null,
      editor: null,
      siteName: null,
      column: null,
      lang: 'zh-CN',
      excerpt: '',
      text: '坚持问题导向，推进工作落实。',
      html: '<p>坚持问题导向，推进工作落实。</p>',
      outline: [],
      length: 14,
      clippedAt: null,
      createdAt: '2024-11-26T00:00:00.000Z',
      updatedAt: '2024-11-26T00:00:00.000Z',
    };
  });
  const annotations = Array.from({ length: count }, (_, n): AnnotationRecord => {
    const article = articles[n % articles.length]!;
    return {
      id: randomUUID(),
      url: article.url,
      urlKey: article.url,
      articleId: article.id,
      quote: { exact: '问题导向', prefix: '坚持', suffix: '，' },
      position: { start: 2, end: 6 },
      color: 'yellow',
      note: `第${n}条`,
      tags: [],
      author: '小王',
      createdAt: '2024-11-26T00:00:00.000Z',
      updatedAt: '2024-11-26T00:00:00.000Z',
    };
  });
  const bundle = {
    generatedAt: '2024-11-26T00:00:00.000Z',
    articles: articles.map((article) => ({
      article,
      annotations: annotations.filter((a) => a.articleId === article.id),
    })),
    versions: [],
  };
  return Buffer.from(JSON.stringify(exportW3cJson(bundle, randomUUID(), 'big')));
}

const countAnnotations = async (page: Page) => (await countStored(page, ['annotations'])).annotations;

test('an import is whole even when the browser stops the service worker in the middle of it', async ({
  context,
  extensionId,
  openExtensionPage,
}) => {
  const library = await openExtensionPage('library.html');
  const cdp = await context.newCDPSession(library);
  const statuses: string[] = [];
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const version of versions)
      if (version.scriptURL.startsWith(`chrome-extension://${extensionId}/`)) statuses.push(version.runningStatus);
  });
  await cdp.send('ServiceWorker.enable');
  const file = { name: 'big.json', mimeType: 'application/json', buffer: bigNotesFile(3_000) };
  await library.getByTestId('import-file').setInputFiles(file);
  await cdp.send('ServiceWorker.stopAllWorkers');
  await expect(library.getByTestId('import-result')).toContainText('新增批注 3000 条', { timeout: 60_000 });
  expect(statuses).toContain('stopped');
  expect(await countAnnotations(library)).toBe(3_000);
  // Stopped again while the same file is merged a second time: still nothing added or lost.
  await library.getByTestId('import-file').setInputFiles(file);
  await cdp.send('ServiceWorker.stopAllWorkers');
  await expect(library.getByTestId('import-result')).toContainText('未变 3000 条', { timeout: 60_000 });
  const stored = await countAnnotations(library);
  expect(stored).toBe(3_000);
  writeHostileFigures('worker-stopped-import', {
    faultsInjected: 2,
    recordsLost: 3_000 - stored,
    notes: ['service worker stopped during a 3,000-note import and during its re-import: all 3,000 stored once'],
  });
});

test('two tabs of the same article highlighting at once both keep their highlights and notes', async ({
  context,
  background,
  reportedTabId,
  send,
}) => {
  const passages = demo.paragraphs.filter((text) => text.length > 80).map((text) => text.slice(8, 24));
  // One article in two tabs; tracking parameters (which Pizhu's address key drops) tell the tabs apart.
  const tabs = [];
  for (const source of ['a', 'b']) {
    const page = await context.newPage();
    await page.goto(`${DEMO_ARTICLE_URL}?utm_source=${source}`);
    tabs.push({ page, tabId: await reportedTabId(page) });
  }
  expect(tabs[0]!.tabId).not.toBe(tabs[1]!.tabId);
  // Each tab selects its own passage and highlights it; the two saves race.
  await dragSelect(tabs[0]!.page, passages[0]!);
  await dragSelect(tabs[1]!.page, passages[1]!);
  await Promise.all(
    tabs.map(({ tabId }) =>
      background.evaluate((id) => chrome.tabs.sendMessage(id, { type: 'page.highlightSelection', payload: {} }), tabId),
    ),
  );
  await expect.poll(async () => (await send('annotations.forPage', { url: DEMO_ARTICLE_URL })).length).toBe(2);
  // Both notes written at once, each to its own highlight.
  const saved = await send('annotations.forPage', { url: DEMO_ARTICLE_URL });
  await Promise.all(
    saved.map((annotation, index) =>
      send('annotation.save', {
        id: annotation.id,
        url: annotation.url,
        quote: annotation.quote,
        position: annotation.position,
        color: annotation.color,
        note: `第${index + 1}个标签页的批注`,
        tags: [],
      }),
    ),
  );
  await expect
    .poll(async () =>
      (await send('annotations.forPage', { url: DEMO_ARTICLE_URL })).map((annotation) => annotation.note).sort(),
    )
    .toEqual(['第1个标签页的批注', '第2个标签页的批注']);
  writeHostileFigures('two-tabs', {
    faultsInjected: 1,
    recordsLost: 2 - (await send('annotations.forPage', { url: DEMO_ARTICLE_URL })).length,
    notes: ['two tabs of one article highlighting and noting at once: both kept'],
  });
  for (const { page } of tabs) {
    await page.reload();
    await expect
      .poll(
        async () =>
          (await paintedTexts(page, 'yellow')).length +
          (await paintedTexts(page, 'green')).length +
          (await paintedTexts(page, 'blue')).length +
          (await paintedTexts(page, 'pink')).length +
          (await paintedTexts(page, 'purple')).length,
      )
      .toBe(2);
  }
});
