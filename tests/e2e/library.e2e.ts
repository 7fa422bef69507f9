import type { Page } from '@playwright/test';
import { clickPainted, dragSelect, paintedTexts } from '../../scripts/browser/page-actions';
import { PizhuUi } from '../../scripts/browser/pizhu-ui';
import {
  PAINTED_SHARE,
  READABLE_SHARE,
  shareOfTextDark,
  shareOfTextInColour,
} from '../../scripts/browser/screen-colour';
import { clickToolbarButton } from '../../scripts/browser/toolbar-button';
import { loadCorpus } from '../../scripts/corpus/load-corpus';
import { DEMO_ARTICLE_URL, loadDemoArticle } from '../../scripts/serve/demo-article';
import type { HighlightColor } from '../../utils/highlight/colors';
import { isPortalHost } from '../../utils/portal-sites';
import { expect, test } from './extension-fixture';
import { highlightThroughToolbar } from './highlight-through-toolbar';

const demo = loadDemoArticle();
const passages = demo.paragraphs.filter((text) => text.length > 80).map((text) => text.slice(8, 30));

async function highlightIn(page: Page, passage: string, color: HighlightColor) {
  const ui = await PizhuUi.attach(page);
  await highlightThroughToolbar(page, ui, color, passage);
  await expect.poll(() => paintedTexts(page, color)).toContain(passage);
  return ui;
}

async function clipFromPopup(popup: Page) {
  await popup.getByTestId('clip').click();
  await expect(popup.getByTestId('clip')).toHaveText('已剪藏');
}

test('a clipped article is in the popup and the library, and the reader and the live page show the same highlights', async ({
  context,
  openWithPopup,
  openExtensionPage,
  send,
}) => {
  const { page, popup } = await openWithPopup(DEMO_ARTICLE_URL);
  await clipFromPopup(popup);
  await expect(popup.getByTestId('article-list').getByRole('link')).toHaveText([demo.title]);
  await expect(popup.getByTestId('page-stored')).toContainText('已于');

  const library = await openExtensionPage('library.html');
  await expect(library.getByTestId('article-row')).toHaveCount(1);
  await expect(library.getByTestId('article-row').getByRole('link')).toHaveText(demo.title);
  await expect(library.getByTestId('annotation-count')).toHaveText('0');

  // Highlighted in the reader → shown on the live page after reload.
  const [reader] = await Promise.all([
    context.waitForEvent('page'),
    library.getByTestId('article-row').getByRole('link').click(),
  ]);
  await expect(reader.getByTestId('reader-body')).toContainText(passages[0]!);
  await highlightIn(reader, passages[0]!, 'blue');
  await expect.poll(async () => (await send('annotations.forPage', { url: DEMO_ARTICLE_URL })).length).toBe(1);
  await page.reload();
  await expect.poll(() => paintedTexts(page, 'blue')).toEqual([passages[0]]);
  await expect.poll(() => shareOfTextInColour(page, passages[0]!, 'blue')).toBeGreaterThan(PAINTED_SHARE);

  // Highlighted on the live page → shown in the reader after reload.
  await highlightIn(page, passages[1]!, 'green');
  await expect.poll(async () => (await send('annotations.forPage', { url: DEMO_ARTICLE_URL })).length).toBe(2);
  await reader.reload();
  await expect.poll(() => paintedTexts(reader, 'green')).toEqual([passages[1]]);
  await expect.poll(() => paintedTexts(reader, 'blue')).toEqual([passages[0]]);
  // On the reader's screen, in light and in dark: the passages show their colours.
  for (const theme of ['light', 'dark']) {
    await reader
      .locator('select')
      .filter({ has: reader.locator('option[value="dark"]') })
      .selectOption(theme);
    await expect.poll(() => shareOfTextInColour(reader, passages[1]!, 'green')).toBeGreaterThan(PAINTED_SHARE);
    await expect.poll(() => shareOfTextInColour(reader, passages[0]!, 'blue')).toBeGreaterThan(PAINTED_SHARE);
    // …and their words stay readable: dark glyphs on the light colour, in the dark theme too.
    expect(await shareOfTextDark(reader, passages[1]!), theme).toBeGreaterThan(READABLE_SHARE);
  }

  await library.reload();
  await expect(library.getByTestId('annotation-count')).toHaveText('2');
});

test('search finds Chinese words in article text and in notes, filters narrow by tag, and a delete can be undone', async ({
  openWithPopup,
  openExtensionPage,
  send,
}) => {
  const { page, popup } = await openWithPopup(DEMO_ARTICLE_URL);
  await clipFromPopup(popup);

  // A note with a word that is nowhere in the article, and a tag.
  const ui = await highlightIn(page, passages[2]!, 'pink');
  await clickPainted(page, 'pink', passages[2]!);
  await expect.poll(() => ui.count('[role="dialog"] textarea')).toBe(1);
  await ui.focus('[role="dialog"] textarea');
  await page.keyboard.type('小组讨论要点');
  await ui.focus('[role="dialog"] input[type="text"]');
  await page.keyboard.type('重点');
  await page.keyboard.press('Enter');
  await expect
    .poll(async () => (await send('annotations.forPage', { url: DEMO_ARTICLE_URL }))[0])
    .toMatchObject({ note: '小组讨论要点', tags: ['重点'] });

  const library = await openExtensionPage('library.html');
  await library.getByTestId('search').fill('政法');
  const results = library.getByTestId('search-results');
  await expect(results.locator('[data-kind="article"]').getByRole('link')).toHaveText([demo.title]);
  await expect(results.locator('[data-kind="article"] mark').first()).toHaveText('政法');

  // Several words: the records holding all of them, wherever each is.
  await library.getByTestId('search').fill(`${demo.title.slice(0, 2)} 讨论要点`);
  await expect(results.locator('li')).toHaveCount(1);
  await library.getByTestId('search').fill('讨论要点 没有这个词');
  await expect(library.getByTestId('search-empty')).toBeVisible();

  await library.getByTestId('search').fill('讨论要点');
  await expect(results.locator('li')).toHaveCount(1);
  await expect(results.locator('[data-kind="annotation"] mark')).toHaveText('讨论要点');

  await library.getByTestId('search').fill('不存在的词语组合');
  await expect(library.getByTestId('search-empty')).toBeVisible();
  await library.getByTestId('search').fill('');

  // A second article (clipped too), then the tag filter keeps only the annotated one.
  const other = loadCorpus().find(
    (entry) => entry.split === 'dev' && entry.kind === 'article' && entry.original_url?.includes('gov.cn'),
  )!;
  const second = await openWithPopup(other.original_url!.replace(/^https:/, 'http:'));
  await clipFromPopup(second.popup);
  await library.reload();
  await expect(library.getByTestId('article-row')).toHaveCount(2);
  await library.getByTestId('toggle-filters').click();
  await library.getByTestId('filter-tag').selectOption('重点');
  await expect(library.getByTestId('article-row')).toHaveCount(1);
  await expect(library.getByTestId('article-row').getByRole('link')).toHaveText(demo.title);
  await library.getByTestId('tab-annotations').click();
  await expect(library.getByTestId('annotation-item')).toHaveCount(1);
  await expect(library.getByTestId('annotation-item')).toContainText('小组讨论要点');
  await library.getByTestId('filter-tag').selectOption('');
  await library.getByTestId('tab-articles').click();

  // Delete both, then undo: articles and the note come back.
  await library.getByRole('checkbox', { name: '选择本页全部' }).check();
  await library.getByTestId('delete-selected').click();
  await expect(library.getByTestId('article-total')).toHaveText('共 0 篇');
  expect(await send('annotations.forPage', { url: DEMO_ARTICLE_URL })).toHaveLength(0);
  await library.getByTestId('undo-delete').getByRole('button').click();
  await expect(library.getByTestId('article-total')).toHaveText('共 2 篇');
  expect(await send('annotations.forPage', { url: DEMO_ARTICLE_URL })).toMatchObject([{ note: '小组讨论要点' }]);
});

test('a page with no article text can be kept as the selected text instead', async ({
  context,
  portal,
  reportedTabId,
  openExtensionPage,
}) => {
  const path = '/zhuanti/photo/index.html';
  portal.servePage(
    path,
    '<!DOCTYPE html><html><head><meta charset="utf-8"><title>图片专题</title></head><body><div><a href="/">首页</a> <a href="/b">新闻</a></div><img src="/a.jpg" alt=""><p>图片说明：春天的田野。</p></body></html>',
  );
  const page = await context.newPage();
  await page.goto(`http://www.gov.cn${path}`);
  const tabId = await reportedTabId(page);
  const popup = await openExtensionPage(`popup.html?tabId=${tabId}`);
  await popup.getByTestId('treat-as-article').click();
  await popup.getByTestId('clip').click();
  await expect(popup.getByTestId('error')).toHaveText('无法从此页提取文章正文。');
  await expect(popup.getByTestId('article-list')).toHaveCount(0);

  await dragSelect(page, '春天的田野');
  await popup.getByRole('button', { name: '保存选中的文字' }).click();
  await expect(popup.getByTestId('clip')).toHaveText('已剪藏');
  await expect(popup.getByTestId('article-list').getByRole('link')).toHaveText(['图片专题']);
  const [reader] = await Promise.all([
    context.waitForEvent('page'),
    popup.getByTestId('article-list').getByRole('link').click(),
  ]);
  await expect(reader.getByTestId('reader-body')).toHaveText('春天的田野');
});

test('an article on a site outside the portal list is clipped once the reader clicks the toolbar button', async ({
  context,
  background,
  extensionId,
  openExtensionPage,
}) => {
  // A labelled article whose site is not a portal (checked, so a new portal domain cannot silently change it).
  const article = loadCorpus().find((entry) => entry.id === 'gne-cjddsb-1')!;
  expect(isPortalHost(new URL(article.original_url!).hostname)).toBe(false);
  const url = article.original_url!.replace(/^https:/, 'http:');
  const page = await context.newPage();
  await page.goto(url);
  await page.bringToFront();
  // Its address is hidden from Pizhu without a grant; it is the tab in front.
  const tabId = await background.evaluate(
    async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id ?? null,
  );
  expect(tabId).not.toBeNull();
  expect(await background.evaluate(async () => Object.keys(await chrome.storage.session.get(null)))).toEqual([]);

  // Before the click the browser does not let Pizhu in.
  const popup = await openExtensionPage(`popup.html?tabId=${tabId}`);
  await popup.getByTestId('activate').click();
  await expect(popup.getByTestId('error')).toHaveText('浏览器不允许 Pizhu 访问此页面。');

  // The reader looks at the article when clicking; the grant is for the tab in front.
  await page.bringToFront();
  await clickToolbarButton(context, page, extensionId);
  await popup.bringToFront();
  await popup.reload();
  await popup.getByTestId('activate').click();
  await expect(popup.getByTestId('article-metadata').locator('[data-field="fieldTitle"]')).toHaveText(
    article.gold!.title!,
  );
  await popup.getByTestId('clip').click();
  await expect(popup.getByTestId('clip')).toHaveText('已剪藏');
  await expect(popup.getByTestId('article-list').getByRole('link').first()).toHaveText(article.gold!.title!);

  const library = await openExtensionPage('library.html');
  await expect(library.getByTestId('article-row')).toHaveCount(1);
  await expect(library.getByTestId('article-row')).toContainText(article.gold!.title!);
});
