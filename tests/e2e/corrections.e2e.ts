import type { Page } from '@playwright/test';
import { DEMO_ARTICLE_URL, loadDemoArticle } from '../../scripts/serve/demo-article';
import { expect, test } from './extension-fixture';

const demo = loadDemoArticle();
const TITLE = '更正后的测试标题';
const SOURCE = '更正后的测试来源';

const field = (popup: Page, label: string) => popup.getByTestId('article-metadata').locator(`[data-field="${label}"]`);

test('the reader corrects what was read in the popup, before clipping; the library, the reader and a re-clip keep it', async ({
  context,
  openWithPopup,
  openExtensionPage,
}) => {
  const { popup } = await openWithPopup(DEMO_ARTICLE_URL);
  await expect(field(popup, 'fieldTitle')).toHaveText(demo.title);
  const readSource = (await field(popup, 'fieldSource').textContent())!;

  // From the keyboard: the button, then the form with the caret in its first field.
  await popup.getByTestId('correct').focus();
  await popup.keyboard.press('Enter');
  await expect(popup.getByTestId('correct-title')).toBeFocused();
  await expect(popup.getByTestId('correct-title')).toHaveValue(demo.title);
  // A text the person can read: the field's own size, not a shrunken one.
  expect(
    await popup.getByTestId('correct-title').evaluate((input) => parseFloat(getComputedStyle(input).fontSize)),
  ).toBeGreaterThanOrEqual(14);

  await popup.getByTestId('correct-title').fill(TITLE);
  await popup.getByTestId('correct-source').fill(SOURCE);
  await popup.getByTestId('correct-published').fill('上周三');
  await popup.keyboard.press('Enter');
  await expect(popup.getByTestId('correct-problem')).toHaveText(
    '无法识别这个日期。请写成 2024-03-05 或 2024-03-05 10:20。',
  );
  await popup.getByTestId('correct-published').fill('2024年1月2日 09:30');
  await popup.getByTestId('correct-save').click();

  await expect(popup.getByTestId('correct-form')).toHaveCount(0);
  await expect(popup.getByTestId('correct-saved')).toHaveText('更正已保存。');
  await expect(popup.getByTestId('correct')).toBeFocused();
  await expect(field(popup, 'fieldTitle')).toHaveText(`${TITLE}已更正`);
  await expect(field(popup, 'fieldSource')).toHaveText(`${SOURCE}已更正`);
  await expect(field(popup, 'fieldPublished')).toHaveText('2024年1月2日 09:30已更正');
  await expect(field(popup, 'fieldAuthor').getByTestId('corrected-mark')).toHaveCount(0);
  await expect(popup.getByTestId('page-stored')).toContainText('尚未剪藏');

  // Clipped after the correction, and clipped again from a fresh popup: the reader's values stay.
  await popup.getByTestId('clip').click();
  await expect(popup.getByTestId('clip')).toHaveText('已剪藏');
  await popup.reload();
  await expect(field(popup, 'fieldTitle')).toHaveText(`${TITLE}已更正`);
  await popup.getByTestId('clip').click();
  await expect(popup.getByTestId('clip')).toHaveText('已剪藏');
  await expect(popup.getByTestId('article-list').getByRole('link')).toHaveText([TITLE]);

  const library = await openExtensionPage('library.html');
  await expect(library.getByTestId('article-row').getByRole('link')).toHaveText(TITLE);
  await expect(library.getByTestId('article-row')).toContainText('2024-01-02');
  const [reader] = await Promise.all([
    context.waitForEvent('page'),
    library.getByTestId('article-row').getByRole('link').click(),
  ]);
  await expect(reader.locator('article h1')).toHaveText(TITLE);
  await expect(reader.locator('[data-field="fieldSource"]')).toHaveText(`${SOURCE}已更正`);
  await expect(reader.locator('[data-field="fieldSource"]').getByTestId('corrected-mark')).toBeVisible();

  // Back to what the page gave, one field at a time.
  await popup.getByTestId('correct').click();
  await expect(popup.getByTestId('correct-form')).toContainText(`页面所读：${readSource}`);
  await popup.getByRole('button', { name: '恢复为页面所读的来源' }).click();
  await expect(popup.getByTestId('correct-source')).toHaveValue(readSource);
  await popup.getByTestId('correct-save').click();
  await expect(field(popup, 'fieldSource')).toHaveText(readSource);
  await expect(field(popup, 'fieldTitle')).toHaveText(`${TITLE}已更正`);

  // Esc leaves the form without saving.
  await popup.getByTestId('correct').click();
  await popup.getByTestId('correct-author').fill('不该保存的名字');
  await popup.keyboard.press('Escape');
  await expect(popup.getByTestId('correct-form')).toHaveCount(0);
  await expect(field(popup, 'fieldAuthor')).not.toContainText('不该保存的名字');
});
