import { DEMO_ARTICLE_URL, loadDemoArticle } from '../../scripts/serve/demo-article';
import { clickPainted } from '../../scripts/browser/page-actions';
import { PizhuUi } from '../../scripts/browser/pizhu-ui';
import { expect, test } from './extension-fixture';
import { highlightThroughToolbar } from './highlight-through-toolbar';

const demo = loadDemoArticle();
const passages = demo.paragraphs.filter((text) => text.length > 80).map((text) => text.slice(8, 28));

/** The computed font size, in px, of every element that shows text of its own on the page. */
function textSizes(): { text: string; size: number }[] {
  const sizes: { text: string; size: number }[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement;
    if (!element || !node.textContent?.trim() || !element.checkVisibility()) continue;
    sizes.push({
      text: node.textContent.trim().slice(0, 20),
      size: Number.parseFloat(getComputedStyle(element).fontSize),
    });
  }
  return sizes;
}

test('every extension page shows its text at a readable size, and the reader its article at 18 px or more', async ({
  openWithPopup,
  openExtensionPage,
  send,
}) => {
  const { tabId, popup } = await openWithPopup(DEMO_ARTICLE_URL);
  const article = await send('article.clip', { tabId });
  const pages = {
    popup,
    library: await openExtensionPage('library.html'),
    options: await openExtensionPage('options.html'),
    reader: await openExtensionPage(`reader.html?id=${article.id}`),
  };
  await expect(pages.reader.getByTestId('reader-body')).toContainText(passages[0]!);
  await expect(pages.library.getByTestId('article-row')).toHaveCount(1);
  await expect(popup.getByTestId('page-stored')).toBeVisible();
  for (const [name, page] of Object.entries(pages)) {
    const sizes = await page.evaluate(textSizes);
    expect(sizes.length, name).toBeGreaterThan(5);
    // Body text 14–16 px; secondary labels no smaller than 13 px.
    expect(
      sizes.filter(({ size }) => size < 13),
      name,
    ).toEqual([]);
    const body = await page.evaluate(() => Number.parseFloat(getComputedStyle(document.body).fontSize));
    expect(body, name).toBeGreaterThanOrEqual(14);
    expect(body, name).toBeLessThanOrEqual(16);
  }
  const articleText = await pages.reader
    .getByTestId('reader-body')
    .locator('p')
    .first()
    .evaluate((element) => Number.parseFloat(getComputedStyle(element).fontSize));
  expect(articleText).toBeGreaterThanOrEqual(18);
  // The title is the page's heading, not repeated in small type; the tools fit one row at 1280 px;
  // a line of the article holds about 36–40 characters.
  await expect(pages.reader.getByText(demo.title, { exact: true })).toHaveCount(1);
  const controls = await pages.reader.locator('.controls').evaluate((element) => ({
    height: element.getBoundingClientRect().height,
    button: element.querySelector('button')!.getBoundingClientRect().height,
  }));
  expect(controls.height).toBeLessThan(controls.button * 1.8);
  const perLine = await pages.reader
    .getByTestId('reader-body')
    .locator('p')
    .first()
    .evaluate((element) => element.clientWidth / Number.parseFloat(getComputedStyle(element).fontSize));
  expect(perLine).toBeGreaterThanOrEqual(36);
  expect(perLine).toBeLessThanOrEqual(40);
  // 发布时间 in the library in one form, whatever the page wrote.
  await expect(pages.library.getByTestId('article-row').locator('td').nth(3)).toHaveText(
    /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?$/,
  );
});

test('the library’s filter row opens and closes with 筛选', async ({ openWithPopup, openExtensionPage, send }) => {
  const { tabId } = await openWithPopup(DEMO_ARTICLE_URL);
  await send('article.clip', { tabId });
  const library = await openExtensionPage('library.html');
  const toggle = library.getByTestId('toggle-filters');
  const row = library.locator('.filters');
  await expect(row).toBeHidden();
  await toggle.click();
  await expect(row).toBeVisible();
  await expect(library.getByTestId('filter-site').locator('option')).not.toHaveCount(1);
  await toggle.click();
  await expect(row).toBeHidden();
});

test('before the first note the reader is asked once for a name, and earlier notes can take it from the options page', async ({
  context,
  reportedTabId,
  openExtensionPage,
  send,
}) => {
  const page = await context.newPage();
  await page.goto(DEMO_ARTICLE_URL);
  await reportedTabId(page);
  const ui = await PizhuUi.attach(page);
  // Before any note, a quiet sign that Pizhu runs here.
  await expect.poll(() => ui.texts('[data-testid="launcher"]')).toEqual(['本页批注 0']);
  await highlightThroughToolbar(page, ui, 'yellow', passages[0]!);
  await expect.poll(async () => (await send('annotations.forPage', { url: DEMO_ARTICLE_URL })).length).toBe(1);
  await expect.poll(() => ui.texts('[data-testid="launcher"]')).toEqual(['本页批注 1']);
  const [first] = await send('annotations.forPage', { url: DEMO_ARTICLE_URL });

  // Its note opens with the question under it; the caret is in the note.
  await clickPainted(page, 'yellow', passages[0]!);
  await expect
    .poll(() => ui.noteFrame()?.evaluate(() => document.activeElement?.matches('.popover textarea')))
    .toBe(true);
  await expect.poll(() => ui.count('[data-testid="name-prompt"]')).toBe(1);
  await ui.focus('#pizhu-name');
  await page.keyboard.type('小张');
  await page.keyboard.press('Enter');
  await expect.poll(() => ui.count('[data-testid="name-prompt"]')).toBe(0);

  // New notes carry the name; the earlier ones are signed from the options page on request.
  // The open note covers the next passage; the reader drags once it has closed.
  await page.keyboard.press('Escape');
  await expect.poll(() => ui.count('[role="dialog"]')).toBe(0);
  await highlightThroughToolbar(page, ui, 'blue', passages[2]!);
  await expect
    .poll(
      async () =>
        (await send('annotations.forPage', { url: DEMO_ARTICLE_URL })).find((note) => note.color === 'blue')?.author,
    )
    .toBe('小张');
  const options = await openExtensionPage('options.html');
  await options.getByTestId('sign-unsigned').click();
  await expect(options.getByRole('status').filter({ hasText: '1' })).toBeVisible();
  expect((await send('annotations.forPage', { url: DEMO_ARTICLE_URL })).map((note) => note.author)).toEqual([
    '小张',
    '小张',
  ]);
  expect(
    (await send('annotations.forPage', { url: DEMO_ARTICLE_URL })).find((note) => note.id === first!.id)?.updatedAt,
  ).toBe(first!.updatedAt);
});

test('the popup speaks of the page the tab shows now, not the one it showed before', async ({
  context,
  reportedTabId,
  openExtensionPage,
}) => {
  const page = await context.newPage();
  await page.goto(DEMO_ARTICLE_URL);
  const tabId = await reportedTabId(page);
  const before = await openExtensionPage(`popup.html?tabId=${tabId}`);
  await expect(before.getByTestId('article-metadata')).toContainText(demo.title);
  await before.close();
  // The tab goes on to a site where Pizhu does not run (no content script will report it).
  await page.goto('http://www.example.org/news/1.html');
  const after = await openExtensionPage(`popup.html?tabId=${tabId}`);
  await expect(after.getByTestId('this-page')).toContainText('Pizhu 未在此页运行');
  await expect(after.getByTestId('article-metadata')).toHaveCount(0);
  await expect(after.getByTestId('activate')).toBeVisible();
});
