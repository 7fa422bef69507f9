import { paintedInPage, paintedTexts } from '../../scripts/browser/page-actions';
import { PizhuUi } from '../../scripts/browser/pizhu-ui';
import {
  PAINTED_SHARE,
  shareOfTextInColour,
  shareOfTextUnderlined,
  UNPAINTED_SHARE,
} from '../../scripts/browser/screen-colour';
import { HIGHLIGHT_COLORS } from '../../utils/highlight/colors';
import { ARTICLE, GROUP_MARKS, groupArticlePage } from '../support/group-article';
import { expect, test } from './extension-fixture';

const { SHARED, ALONE } = GROUP_MARKS;
const files = GROUP_MARKS.files();

test('a passage three members marked stands out from one marked by one, says who, and the member filter changes it', async ({
  openExtensionPage,
  context,
  portal,
  send,
}) => {
  const library = await openExtensionPage('library.html');
  await library.getByTestId('import-file').setInputFiles(files);
  await expect(library.getByTestId('import-result')).toBeVisible();

  const reader = await openExtensionPage(`reader.html?id=${ARTICLE.id}`);
  await expect.poll(async () => (await paintedTexts(reader, 'yellow')).length).toBe(4);
  for (const theme of ['light', 'dark']) {
    await reader
      .locator('select')
      .filter({ has: reader.locator('option[value="dark"]') })
      .selectOption(theme);
    // Both are yellow; only the one three members marked carries the heavy underline.
    await expect.poll(() => shareOfTextInColour(reader, ALONE, 'yellow')).toBeGreaterThan(PAINTED_SHARE);
    await expect.poll(() => shareOfTextInColour(reader, SHARED, 'yellow')).toBeGreaterThan(PAINTED_SHARE);
    expect(await shareOfTextUnderlined(reader, SHARED), theme).toBeGreaterThan(0.05);
    expect(await shareOfTextUnderlined(reader, ALONE), theme).toBeLessThan(0.01);
  }

  // Hovering the passage names its members, in Pizhu's own closed shadow root.
  const ui = await PizhuUi.attach(reader);
  const { point } = await reader.evaluate(paintedInPage, { background: HIGHLIGHT_COLORS.yellow, text: '坚持问题' });
  await reader.mouse.move(point!.x, point!.y);
  await expect
    .poll(() => ui.texts('[role="tooltip"] [data-testid="marked-by"]'))
    .toEqual(['3 人划线：小张、小王、小李']);
  // …not in the document: the page's own scripts find no tooltip there.
  expect(await reader.evaluate(() => document.querySelectorAll('[role="tooltip"]').length)).toBe(0);

  // The group summary under the article: counted from the stored notes, the shared passage with its members.
  const summary = reader.getByTestId('group-summary');
  await expect(summary).toContainText('3 位成员 · 4 条批注 · 0 条回复');
  await expect(summary.locator('ol > li')).toHaveCount(1);
  await expect(summary.locator('ol > li')).toContainText(`${SHARED}3 人划线：小张、小王、小李`);

  // Only 小李's notes: the passage is one member's again, and drawn as such.
  await reader.getByTestId('member-filter').selectOption('小李');
  await expect.poll(() => paintedTexts(reader, 'yellow')).toEqual(['问题导向', ALONE]);
  await expect.poll(() => shareOfTextUnderlined(reader, '问题导向')).toBeLessThan(0.01);
  // 只看我: this reader made none of them, so nothing is painted.
  await reader.getByTestId('member-filter').selectOption({ label: '只看我' });
  await expect.poll(() => paintedTexts(reader, 'yellow')).toEqual([]);
  // Going to a passage the filter hides shows the whole group again.
  await summary.getByTestId('shared-passage').locator('button').click();
  await expect(reader.getByTestId('member-filter')).toHaveValue('');
  await expect.poll(async () => (await paintedTexts(reader, 'yellow')).length).toBe(4);

  // The live page: the same density, and who marked it where the keyboard lands in the passage.
  portal.servePage(new URL(ARTICLE.url).pathname, groupArticlePage());
  const page = await context.newPage();
  await page.goto(ARTICLE.url);
  await expect.poll(async () => (await paintedTexts(page, 'yellow')).length).toBe(4);
  // "问题" is a link: the passage's words after it are their own text on the page.
  expect(await shareOfTextUnderlined(page, '导向')).toBeGreaterThan(0.05);
  const tools = await PizhuUi.attach(page);
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('问题');
  await expect
    .poll(() => tools.texts('[role="status"] [data-testid="marked-by"]'))
    .toEqual(['3 人划线：小张、小王、小李']);
  // The names are in Pizhu's closed shadow root, never in the page's document.
  expect(await page.evaluate(() => document.body.innerText.includes('小张'))).toBe(false);

  // The page's list of notes offers the same filter, and it changes what is painted on the page.
  await tools.click('[data-testid="launcher"]');
  await expect.poll(() => tools.count('[data-testid="member-filter"]')).toBe(1);
  await tools.noteFrame()!.getByTestId('member-filter').selectOption('小李');
  await expect.poll(() => paintedTexts(page, 'yellow')).toEqual(['问题导向', ALONE]);
  await expect.poll(() => shareOfTextInColour(page, '坚持', 'yellow')).toBeLessThan(UNPAINTED_SHARE);
  expect(await shareOfTextUnderlined(page, '导向')).toBeLessThan(0.01);
  await expect.poll(() => tools.count('[data-testid="placed"] li')).toBe(2);

  // The library's 小组汇总 of the article, counted against the stored records; a passage opens the reader at it.
  const stored = await send('annotations.forPage', { url: ARTICLE.url });
  const members = new Set(stored.map((record) => record.author)).size;
  await library.bringToFront();
  await library.getByTestId('open-group-summary').click();
  const librarySummary = library.getByTestId('group-summary');
  await expect(librarySummary).toContainText(`${members} 位成员 · ${stored.length} 条批注 · 0 条回复`);
  await expect(librarySummary.getByTestId('shared-passage')).toHaveCount(1);
  await expect(librarySummary.getByTestId('shared-passage')).toContainText('重点');
  const opened = context.waitForEvent('page');
  await librarySummary.getByTestId('shared-passage').locator('button').click();
  const atPassage = await opened;
  const shared = stored.filter((record) => SHARED.includes(record.quote.exact)).map((record) => record.id);
  expect(shared).toContain(/#annotation-(.+)$/.exec(decodeURIComponent(atPassage.url()))?.[1]);
});
