import type { Page } from '@playwright/test';
import { paintedTexts } from '../../scripts/browser/page-actions';
import { PizhuUi } from '../../scripts/browser/pizhu-ui';
import { ARTICLE, annotation, notesFile } from '../support/group-article';
import { belowFirstScreen, portalPageHtml } from '../support/portal-page';
import { highlightThroughToolbar } from './highlight-through-toolbar';
import { expect, test } from './extension-fixture';

/** Two members marked the same words of the group's article; this reader adds a note of their own. */
const SHARED = '坚持问题导向';
const MINE = '各单位主要负责人';
const OTHER_PAGE = 'http://www.gov.cn/zhengce/2024-03/06/content_900002.htm';

/** Asked again every 100 ms: what the page does in answer comes in a moment, not on a schedule. */
const POLL = { intervals: [100] };

/** Where the highlight holding `text` is on the page's screen (read from the page's highlight registry). */
const highlightOnScreen = (page: Page, text: string) =>
  page.evaluate((wanted) => {
    const highlights = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights;
    const range = [...highlights.values()].flatMap((set) => [...set]).find((each) => each.toString().includes(wanted));
    const box = range?.getBoundingClientRect();
    return box ? box.top >= 0 && box.bottom <= innerHeight : null;
  }, text);

test('the side panel shows the active tab’s notes, follows a tab switch, and goes to, deletes and restores on the page', async ({
  portal,
  context,
  openExtensionPage,
  reportedTabId,
}) => {
  portal.servePage(
    new URL(ARTICLE.url).pathname,
    portalPageHtml({ heading: ARTICLE.title, bodyHtml: belowFirstScreen(ARTICLE.text.split('\n')) }),
  );
  portal.servePage(new URL(OTHER_PAGE).pathname, portalPageHtml({ heading: '另一篇没有批注的文章' }));
  const library = await openExtensionPage('library.html');
  await library
    .getByTestId('import-file')
    .setInputFiles([
      notesFile('wang.json', [annotation(SHARED, '小王', '2024-03-07T01:00:00.000Z', { note: '重点' })]),
      notesFile('li.json', [annotation('问题导向', '小李', '2024-03-07T02:00:00.000Z')]),
    ]);
  await expect(library.getByTestId('import-result')).toBeVisible();
  await library.close();

  const article = await context.newPage();
  await article.goto(ARTICLE.url);
  await reportedTabId(article);
  await expect.poll(() => paintedTexts(article, 'yellow'), POLL).toHaveLength(2);
  await highlightThroughToolbar(article, await PizhuUi.attach(article), 'green', MINE);
  await expect.poll(() => paintedTexts(article, 'green'), POLL).toEqual([MINE]);

  // The panel's page in a tab of its own follows the tab last made active, as the side panel follows its window's.
  const panel = await openExtensionPage('sidepanel.html');
  const listed = panel.getByTestId('placed').locator('> li');
  await article.bringToFront();
  await expect(panel.locator('h1')).toHaveText(ARTICLE.title);
  await expect(listed).toHaveCount(3);
  await expect(listed.first()).toContainText(`${SHARED}重点`);
  await expect(listed.first()).toContainText('2 人划线：小王、小李');
  await expect(panel.getByTestId('group-summary')).toContainText('3 位成员 · 3 条批注 · 0 条回复');

  const other = await context.newPage();
  await other.goto(OTHER_PAGE);
  await reportedTabId(other);
  await expect(panel.locator('h1')).toHaveText('另一篇没有批注的文章');
  await expect(panel.getByText('本页还没有批注')).toBeVisible();
  await expect(panel.getByTestId('group-summary')).toHaveCount(0);

  await article.bringToFront();
  await expect(listed).toHaveCount(3);
  // 只看我 lists this reader's note alone.
  await panel.getByTestId('member-filter').selectOption({ label: '只看我' });
  await expect(listed).toHaveCount(1);
  await panel.getByTestId('member-filter').selectOption({ label: '全组' });

  // 定位: the page scrolls the passage onto its screen. The panel's tab comes to the front to be
  // clicked (a background tab draws no frames); it does not follow a page of Pizhu's own.
  await article.evaluate(() => scrollTo(0, 0));
  expect(await highlightOnScreen(article, SHARED)).toBe(false);
  await panel.bringToFront();
  await listed.first().getByRole('button').first().click();
  await expect.poll(() => highlightOnScreen(article, SHARED), POLL).toBe(true);

  // Delete from the panel: the page's highlight goes, and 撤销 puts it back.
  await listed.filter({ hasText: MINE }).getByRole('button').first().click();
  await panel.locator('.popover [data-action="delete"]').click();
  await expect.poll(() => paintedTexts(article, 'green'), POLL).toEqual([]);
  await expect(listed).toHaveCount(2);
  await panel.getByTestId('undo-notice').getByRole('button').click();
  await expect.poll(() => paintedTexts(article, 'green'), POLL).toEqual([MINE]);
  await expect(listed).toHaveCount(3);
});
