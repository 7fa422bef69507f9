import { loadDemoArticle, DEMO_ARTICLE_URL } from '../../scripts/serve/demo-article';
import { loadCorpus } from '../../scripts/corpus/load-corpus';
import { isPortalHost } from '../../utils/portal-sites';
import { PizhuUi } from '../../scripts/browser/pizhu-ui';
import { PAINTED_SHARE, shareOfTextInColour } from '../../scripts/browser/screen-colour';
import { expect, test } from './extension-fixture';
import { highlightThroughToolbar } from './highlight-through-toolbar';

const demo = loadDemoArticle();

/**
 * Dev-split articles on portal sites, named so that adding a portal domain does not change what this test covers;
 * each must still be on a portal site, where the content script runs by itself.
 */
const PORTAL_ARTICLE_IDS = [
  'blankxyz-hebnews-zuigaojian',
  'gerapy-chinanews1',
  'gne-people-1',
  'gne-xinhuanet-1',
  'magic-chinacomcn-travel',
  'magic-gmw-news',
  'magic-gmw-politics',
  'magic-henewscn',
  'magic-kepu',
  'magic-newscn-politics',
  'magic-people-finance',
  'magic-people-health',
  'magic-southcn-1',
  'magic-theorychina',
  'magic-youth-gj',
  'magic-youth-gn',
  'np4k-chinadaily-001',
  'np4k-newscn-002',
  'rdb-gmw',
  'traf-banyuetan',
  'traf-xinhuanet-c1125597921',
];
const portalArticles = PORTAL_ARTICLE_IDS.map((id) => loadCorpus().find((page) => page.id === id)!);

test('covers portal pages where Pizhu runs by itself', () => {
  for (const page of portalArticles) expect(isPortalHost(new URL(page.original_url!).hostname), page.id).toBe(true);
});

test('the popup shows the demo article’s metadata as the content script extracted it', async ({ openWithPopup }) => {
  const { popup } = await openWithPopup(DEMO_ARTICLE_URL);
  const metadata = popup.getByTestId('article-metadata');
  await expect(metadata.locator('[data-field="fieldTitle"]')).toHaveText(demo.title);
  await expect(metadata.locator('[data-field="fieldPublished"]')).toHaveText(demo.published);
  await expect(metadata.locator('[data-field="fieldSource"]')).toHaveText(demo.source);
  // The demo page prints empty 作者 and 责编 labels: nothing is made up for them.
  await expect(metadata.locator('[data-field="fieldAuthor"]')).toHaveText('—');
  await expect(metadata.locator('[data-field="fieldEditor"]')).toHaveText('—');
});

test('corpus articles opened under their portal addresses show their real metadata', async ({
  context,
  extensionId,
  reportedTabId,
}) => {
  expect(portalArticles.length).toBeGreaterThanOrEqual(5);
  const page = await context.newPage();
  const popup = await context.newPage();
  let titles = 0;
  let sources = 0;
  for (const corpusPage of portalArticles) {
    // The local stand-in speaks plain HTTP; portals serve their articles over both.
    await page.goto(corpusPage.original_url!.replace(/^https:/, 'http:'), { waitUntil: 'domcontentloaded' });
    await popup.goto(`chrome-extension://${extensionId}/popup.html?tabId=${await reportedTabId(page)}`);
    const metadata = popup.getByTestId('article-metadata');
    await expect(metadata).toBeVisible();
    if ((await metadata.locator('[data-field="fieldTitle"]').textContent()) === corpusPage.gold!.title) titles++;
    if ((await metadata.locator('[data-field="fieldSource"]').textContent()) === (corpusPage.gold!.source ?? '—'))
      sources++;
  }
  // The same targets as the extraction benchmark, on the live pages in a real browser.
  expect(titles / portalArticles.length).toBeGreaterThanOrEqual(0.95);
  expect(sources / portalArticles.length).toBeGreaterThanOrEqual(0.9);
});

test('a list page on a portal is not an article until the user says so', async ({ openWithPopup }) => {
  const list = loadCorpus().find((page) => page.split === 'dev' && page.kind === 'list')!;
  const { popup } = await openWithPopup(`http://www.gov.cn/corpus/${list.id}.html`);
  await expect(popup.getByTestId('not-article')).toHaveText('这不像是一篇文章。');
  await expect(popup.getByTestId('clip')).toHaveCount(0);
  await popup.getByTestId('treat-as-article').click();
  await expect(popup.getByTestId('article-metadata')).toBeVisible();
  await expect(popup.getByTestId('clip')).toHaveText('剪藏本文');
});

test('on real portal articles, a passage highlighted with the mouse is coloured on screen, and again after a reload', async ({
  context,
  reportedTabId,
  send,
}) => {
  test.setTimeout(120_000);
  const page = await context.newPage();
  const shown: string[] = [];
  for (const corpusPage of portalArticles) {
    if (shown.length === 3) break;
    // A passage from the first sentence as the labels give it, within one text node of the page.
    const passage = corpusPage.gold?.first_sentence?.replace(/\s+/g, '').slice(2, 14);
    if (!passage || passage.length < 12) continue;
    const url = corpusPage.original_url!.replace(/^https:/, 'http:');
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    await reportedTabId(page);
    const inOneNode = await page.evaluate((text) => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode())
        if (node.textContent?.includes(text)) return true;
      return false;
    }, passage);
    if (!inOneNode) continue;
    const ui = await PizhuUi.attach(page);
    await highlightThroughToolbar(page, ui, 'green', passage);
    await expect.poll(async () => (await send('annotations.forPage', { url })).length, corpusPage.id).toBe(1);
    await expect.poll(() => shareOfTextInColour(page, passage, 'green'), corpusPage.id).toBeGreaterThan(PAINTED_SHARE);
    await page.reload({ waitUntil: 'domcontentloaded' });
    await reportedTabId(page);
    await expect.poll(() => shareOfTextInColour(page, passage, 'green'), corpusPage.id).toBeGreaterThan(PAINTED_SHARE);
    shown.push(corpusPage.id);
  }
  expect(shown).toHaveLength(3);
});

test('on a page the detector does not take for an article, selecting text still offers the toolbar, and the highlight comes back', async ({
  openWithPopup,
  send,
}) => {
  const list = loadCorpus().find((page) => page.split === 'dev' && page.kind === 'list')!;
  const url = `http://www.gov.cn/corpus/${list.id}.html`;
  const { page, popup } = await openWithPopup(url);
  await expect(popup.getByTestId('not-article')).toBeVisible();
  // Some words of the page, outside links (a drag that starts on a link drags the link).
  const passage = await page.evaluate(() => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest('a, script, style, select, option')) continue;
      const words = /[\u4e00-\u9fff]{8}/.exec(node.textContent ?? '');
      if (words) return words[0];
    }
    throw new Error('no eight Chinese characters outside links on the page');
  });
  const ui = await PizhuUi.attach(page);
  await page.bringToFront();
  await expect.poll(() => ui.texts('[data-testid="launcher"]')).toEqual(['本页批注 0']);
  await highlightThroughToolbar(page, ui, 'pink', passage);
  await expect
    .poll(async () => (await send('annotations.forPage', { url })).map((annotation) => annotation.quote.exact))
    .toEqual([passage]);
  await page.reload();
  await expect.poll(() => shareOfTextInColour(page, passage, 'pink')).toBeGreaterThan(PAINTED_SHARE);
});
