import type { Frame, Page } from '@playwright/test';
import { findTextInPage, paintedInPage, pointsInPage } from '../../scripts/browser/page-actions';
import { PizhuUi } from '../../scripts/browser/pizhu-ui';
import { waitForReportedTab } from '../../scripts/browser/launch-with-extension';
import { shareInColour, PAINTED_SHARE } from '../../scripts/browser/screen-colour';
import { DEMO_ARTICLE_PATH, DEMO_ARTICLE_URL, loadDemoArticle } from '../../scripts/serve/demo-article';
import { FRAMESET_PATH, framesetPage, NAV_PATH, navPage } from '../../scripts/serve/frameset-pages';
import { HIGHLIGHT_COLORS } from '../../utils/highlight/colors';
import { expect, test } from './extension-fixture';

const demo = loadDemoArticle();
const passage = demo.paragraphs.find((text) => text.length > 80)!.slice(6, 26);
const PORTAL = new URL(DEMO_ARTICLE_URL).origin;
/** Another site framing the portal's article: Pizhu shows nothing there. */
const framingPage = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>别的网站</title></head>
<body><iframe src="${DEMO_ARTICLE_URL}" style="width:90vw;height:80vh"></iframe></body></html>`;

type Box = { x: number; y: number; width: number; height: number };
const articleFrame = (page: Page) => page.frames().find((frame) => frame.url().endsWith(DEMO_ARTICLE_PATH))!;

/** Where a frame's viewport sits on the page's screen. */
async function offsetOf(frame: Frame): Promise<{ x: number; y: number }> {
  const box = (await (await frame.frameElement()).boundingBox())!;
  return { x: box.x, y: box.y };
}

/** Drags the real mouse over `text` in a frame, as a reader does; returns what the frame selected. */
async function dragSelectInFrame(page: Page, frame: Frame, text: string): Promise<string> {
  const { start, end } = await frame.evaluate(pointsInPage, { from: text, to: text });
  const at = await offsetOf(frame);
  await page.mouse.move(at.x + start.x, at.y + start.y);
  await page.mouse.down();
  await page.mouse.move(at.x + (start.x + end.x) / 2, at.y + (start.y + end.y) / 2, { steps: 4 });
  await page.mouse.move(at.x + end.x, at.y + end.y, { steps: 4 });
  await page.mouse.up();
  return frame.evaluate(() => document.getSelection()?.toString() ?? '');
}

/** The share of the passage's first line, on the page's screen, in the highlight's colour. */
async function shareOnScreen(page: Page, frame: Frame): Promise<number> {
  const box = (await frame.evaluate(findTextInPage, { wanted: passage, act: 'box' as const })) as Box;
  const at = await offsetOf(frame);
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  const shot = await page.screenshot({ clip: { ...box, x: at.x + box.x, y: at.y + box.y }, caret: 'hide' });
  return shareInColour(shot, HIGHLIGHT_COLORS.blue);
}

test('in a same-site frameset Pizhu runs in the article frame: a drag is highlighted there and painted after a reload, the popup reads the frame’s article and the outer page shows no false 0; another site framing the article gets nothing', async ({
  context,
  portal,
  background,
  openExtensionPage,
}) => {
  portal.servePage(FRAMESET_PATH, framesetPage);
  portal.servePage(NAV_PATH, navPage);
  portal.servePage('/framing.htm', framingPage);
  const page = await context.newPage();
  await page.goto(`${PORTAL}${FRAMESET_PATH}`);
  // The tab's report is the article frame's.
  const tabId = (await waitForReportedTab(background, DEMO_ARTICLE_URL))!;
  expect(tabId).not.toBeNull();
  const frame = articleFrame(page);
  const ui = await PizhuUi.attach(page, DEMO_ARTICLE_PATH);
  const outer = await PizhuUi.attach(page);
  const nav = await PizhuUi.attach(page, NAV_PATH);

  // Before any note, the article frame shows the launcher, and neither the outer page nor the
  // narrow nav frame does: no false 0.
  await expect.poll(() => ui.texts('[data-testid="launcher"]')).toEqual(['本页批注 0']);
  // (Pizhu's tools are in both, showing no launcher.)
  for (const tools of [outer, nav]) expect((await tools.query('*')).length).toBeGreaterThan(0);
  expect([await outer.count('[data-testid="launcher"]'), await nav.count('[data-testid="launcher"]')]).toEqual([0, 0]);
  expect(await dragSelectInFrame(page, frame, passage)).toBe(passage);
  await expect.poll(() => ui.count('[role="toolbar"] [data-color]')).toBe(5);
  await ui.click('[role="toolbar"] [data-color="blue"]');
  await expect.poll(() => ui.texts('[data-testid="launcher"]')).toEqual(['本页批注 1']);
  // The outer page leaves the count to its article frame: no 本页批注 0 beside it.
  expect(await outer.count('[data-testid="launcher"]')).toBe(0);

  // The popup speaks for the frame that holds the article.
  const popup = await openExtensionPage(`popup.html?tabId=${tabId}`);
  await expect(popup.getByTestId('article-metadata')).toContainText(demo.title);
  await expect(popup.getByTestId('page-stored')).toContainText('本页批注：1 条');
  await popup.close();

  await expect.poll(async () => shareOnScreen(page, frame)).toBeGreaterThan(PAINTED_SHARE);
  await page.reload();
  await expect
    .poll(async () => (await articleFrame(page).evaluate(paintedInPage, { background: HIGHLIGHT_COLORS.blue })).texts)
    .toEqual([passage]);
  await expect.poll(async () => shareOnScreen(page, articleFrame(page))).toBeGreaterThan(PAINTED_SHARE);

  // Another site framing the portal's article: no tools in the frame.
  await page.goto('http://www.example.com/framing.htm');
  const framed = articleFrame(page);
  await framed.waitForLoadState('load');
  const hosts = () =>
    framed.evaluate(() => [...document.documentElement.children].filter((e) => e.localName === 'div').length);
  expect(await hosts()).toBe(0);
});
