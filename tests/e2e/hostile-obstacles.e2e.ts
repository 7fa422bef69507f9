import type { Page } from '@playwright/test';
import { dragSelect, paintedTexts, selectText } from '../../scripts/browser/page-actions';
import { PizhuUi } from '../../scripts/browser/pizhu-ui';
import { PAINTED_SHARE, shareOfTextInColour } from '../../scripts/browser/screen-colour';
import {
  OBSTACLE_PARAGRAPHS,
  OBSTACLE_PATH,
  PAGE_COPY_NOTICE,
  PAGE_COPY_TEXT,
  renderObstaclePage,
} from '../../scripts/hostile/obstacle-page';
import { expect, test } from './extension-fixture';

const URL_HTTP = `http://www.gov.cn${OBSTACLE_PATH}`;
const URL_HTTPS = `https://www.gov.cn${OBSTACLE_PATH}`;
const [FIRST, SECOND, , MASKED] = OBSTACLE_PARAGRAPHS.map((text) => text.slice(4, 24)) as [
  string,
  string,
  string,
  string,
];

type PageLog = {
  linkClicks: number;
  menuPresses: number;
  copies: number;
  clears: number;
  timers: number;
  pending: number;
};
const pageLog = (page: Page) => page.evaluate(() => (window as unknown as { pageLog: PageLog }).pageLog);
const copyNotice = (page: Page) => page.locator('#copy-notice').textContent();

/** What the reader pastes into the page's comment box (emptied first). */
async function pasted(page: Page): Promise<string> {
  await page.locator('#comment').fill('');
  await page.locator('#comment').click();
  await page.keyboard.press('Control+V');
  return page.locator('#comment').inputValue();
}

const selected = (page: Page) => page.evaluate(() => document.getSelection()?.toString() ?? '');

/**
 * Drags over a passage and picks a colour (or 复制) in Pizhu's toolbar, once the page's timer has
 * tried to clear the selection: it is still there, and so is the toolbar.
 */
async function throughToolbar(page: Page, ui: PizhuUi, passage: string, button: string): Promise<void> {
  // The page's clearing timer, set by the release of the reader's last click (in Pizhu's tools
  // too), has run: a drag at human speed starts after it, and Pizhu cannot keep a selection the
  // page clears while it is still being dragged (see docs/features.md).
  await expect.poll(async () => (await pageLog(page)).pending).toBe(0);
  const { timers } = await pageLog(page);
  await dragSelect(page, passage);
  await expect.poll(async () => (await pageLog(page)).timers).toBeGreaterThan(timers);
  await expect.poll(() => selected(page)).toBe(passage);
  await expect.poll(() => ui.count('[role="toolbar"] [data-color]')).toBe(5);
  await ui.click(`[role="toolbar"] ${button}`);
}

/** The page's menu opens (or closes) on a press, its link and its search field work; as counted by the page. */
async function pageControlsWork(page: Page): Promise<void> {
  await page.evaluate(() => history.replaceState(null, '', location.pathname));
  const before = await pageLog(page);
  const wasOpen = await page.locator('#menu').isVisible();
  await page.locator('#menu-button').click();
  await expect(page.locator('#menu')).toBeVisible({ visible: !wasOpen });
  await page.locator('#to-comments').click();
  await expect.poll(() => page.evaluate(() => location.hash)).toBe('#comments');
  await page.locator('#search').fill('基层治理');
  expect(await page.locator('#search').inputValue()).toBe('基层治理');
  const after = await pageLog(page);
  expect([after.menuPresses - before.menuPresses, after.linkClicks - before.linkClicks]).toEqual([1, 1]);
}

test('on a page that forbids selecting and copying, the reader allows selecting in one click, highlights through the mask and copies on http and https; the page keeps its links, menu, form and copy notice', async ({
  context,
  portal,
  reportedTabId,
  openExtensionPage,
}) => {
  portal.servePage(OBSTACLE_PATH, renderObstaclePage());
  await context.route(URL_HTTPS, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: renderObstaclePage() }),
  );
  const page = await context.newPage();
  await page.goto(URL_HTTP);
  await reportedTabId(page);
  const ui = await PizhuUi.attach(page);

  // Pizhu's mode off: the page behaves as its authors wrote it: its menu, link and form work, a
  // selection is cleared as it is made, and Ctrl+C gives its notice.
  await pageControlsWork(page);
  await selectText(page, FIRST);
  await expect.poll(() => selected(page)).toBe('');
  await page.keyboard.press('Control+C');
  await expect.poll(() => copyNotice(page)).toBe(PAGE_COPY_NOTICE);

  // A drag selects nothing: Pizhu notices and offers 允许选择.
  expect(await dragSelect(page, FIRST)).toBe('');
  await expect.poll(() => ui.count('[data-testid="selection-offer"] button')).toBe(1);
  await ui.click('[data-testid="selection-offer"] button');
  await expect.poll(() => ui.count('[data-testid="selection-allowed"]')).toBe(1);

  // Now the drag selects, over user-select:none (an inline !important too) and the cancelling
  // handlers, and through the mask; the selection outlasts the page's clearing.
  await throughToolbar(page, ui, FIRST, '[data-color="yellow"]');
  await expect.poll(() => paintedTexts(page, 'yellow')).toEqual([FIRST]);
  await throughToolbar(page, ui, MASKED, '[data-action="copy"]');
  // 复制 on http with the page hijacking copies: Pizhu's citation, not the page's text or notice.
  await page.locator('#copy-notice').evaluate((element) => (element.textContent = ''));
  const copied = await pasted(page);
  expect(copied).toContain(MASKED);
  expect(copied).toContain('关于推进基层治理的会议召开');
  expect(await copyNotice(page)).toBe('');
  await throughToolbar(page, ui, MASKED, '[data-color="green"]');
  await expect.poll(() => paintedTexts(page, 'green')).toEqual([MASKED]);

  // Ctrl+A and Ctrl+C are the reader's: all is selected and copied, unheard by the page (which is
  // why the mode is not on by default: the site's own notice no longer shows).
  await page.locator('h1').click();
  await page.keyboard.press('Control+A');
  await expect.poll(() => selected(page)).toContain(SECOND);
  await page.keyboard.press('Control+C');
  const copiedAll = await pasted(page);
  expect([copiedAll.includes(FIRST), copiedAll.includes(MASKED), await copyNotice(page)]).toEqual([true, true, '']);

  // The page's link, menu and form still work with the mode on.
  await pageControlsWork(page);

  // After a reload: the highlights are on screen, and the site's choice is kept (no offer, the drag selects).
  await page.goto(URL_HTTP);
  const tabId = await reportedTabId(page);
  await expect.poll(() => paintedTexts(page, 'green')).toEqual([MASKED]);
  expect(await shareOfTextInColour(page, FIRST, 'yellow')).toBeGreaterThan(PAINTED_SHARE);
  expect(await shareOfTextInColour(page, MASKED, 'green')).toBeGreaterThan(PAINTED_SHARE);
  const reloadedUi = await PizhuUi.attach(page);
  await dragSelect(page, SECOND);
  await expect.poll(() => selected(page)).toBe(SECOND);
  await expect.poll(() => reloadedUi.count('[role="toolbar"] [data-color]')).toBe(5);
  expect(await reloadedUi.count('[data-testid="selection-offer"]')).toBe(0);

  // The popup turns 允许选择 off for the site, and the open page forbids selecting again; the
  // options page lists the site while it is on, and 移除 there is undone by 撤销.
  const popup = await openExtensionPage(`popup.html?tabId=${tabId}`);
  const allow = popup.getByTestId('allow-selection').locator('input');
  await expect(allow).toBeChecked();
  await allow.uncheck();
  // The reader goes back to the page (a hidden tab draws no frames, and the drag waits for one).
  await page.bringToFront();
  await page.locator('h1').click();
  await dragSelect(page, SECOND);
  await expect.poll(() => reloadedUi.count('[data-testid="selection-offer"] button')).toBe(1);
  expect(await selected(page)).toBe('');
  await allow.check();
  const options = await openExtensionPage('options.html');
  const listed = options.getByTestId('free-selection-sites');
  await expect(listed.locator('li')).toHaveText(['www.gov.cn 移除']);
  await listed.getByRole('button', { name: '移除' }).click();
  await expect(listed.getByRole('status')).toContainText('已移除 www.gov.cn');
  await expect(listed.locator('li')).toHaveCount(0);
  await expect(allow).not.toBeChecked();
  await listed.getByRole('button', { name: '撤销' }).click();
  await expect(listed.locator('li')).toHaveText(['www.gov.cn 移除']);
  await expect(allow).toBeChecked();
  await page.bringToFront();
  await dragSelect(page, SECOND);
  await expect.poll(() => selected(page)).toBe(SECOND);
  await Promise.all([popup.close(), options.close()]);

  // 复制 on https (navigator.clipboard), the same page hijacking Ctrl+C.
  await page.goto(URL_HTTPS);
  await reportedTabId(page);
  const secureUi = await PizhuUi.attach(page);
  expect(await page.evaluate(() => isSecureContext)).toBe(true);
  await throughToolbar(page, secureUi, SECOND, '[data-action="copy"]');
  const copiedSecure = await pasted(page);
  expect(copiedSecure).toContain(SECOND);
  expect(copiedSecure).not.toContain(PAGE_COPY_TEXT);
});
