import type { Locator } from '@playwright/test';
import { DEMO_ARTICLE_URL, loadDemoArticle } from '../../scripts/serve/demo-article';
import { expect, test } from './extension-fixture';

/** A member's display name and a corrected 作者 ending in RIGHT-TO-LEFT OVERRIDE, as an attacker sets them. */
const NAME = '小王\u202E';
const AUTHOR = '某作者\u202E';
const TAG = '重点\u202E';

/**
 * The left edge of each character of the element's text, as laid out on screen: Pizhu's own words
 * after a name keep their direction when these increase left to right.
 */
function characterEdges(element: Locator): Promise<{ text: string; x: number[]; top: number[] }> {
  return element.evaluate((node) => {
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    const x: number[] = [];
    const top: number[] = [];
    let text = '';
    for (let current = walker.nextNode(); current; current = walker.nextNode()) {
      const value = current.textContent ?? '';
      for (let index = 0; index < value.length; index += 1) {
        if (!value[index]!.trim() || /[\u200B-\u200F\u202A-\u202E\u2066-\u2069]/.test(value[index]!)) continue;
        const range = document.createRange();
        range.setStart(current, index);
        range.setEnd(current, index + 1);
        const rect = range.getClientRects()[0];
        if (!rect || rect.width === 0) continue;
        text += value[index];
        x.push(rect.left);
        top.push(rect.top);
      }
    }
    return { text, x, top };
  });
}

async function expectLeftToRight(element: Locator, text: string) {
  const edges = await characterEdges(element);
  expect(edges.text).toBe(text);
  expect(
    // Within a line; a wrapped line starts again at the left.
    edges.x.every(
      (left, index) => index === 0 || edges.top[index]! > edges.top[index - 1]! || left > edges.x[index - 1]!,
    ),
    `${text}: ${edges.x.join(', ')}`,
  ).toBe(true);
}

test('a name or corrected field ending in U+202E turns none of Pizhu’s words after it around', async ({
  context,
  openWithPopup,
  openExtensionPage,
  send,
}) => {
  const demo = loadDemoArticle();
  const options = await openExtensionPage('options.html');
  await options.getByTestId('display-name').fill(NAME);
  await options.getByTestId('display-name').blur();
  await expect
    .poll(() => options.evaluate(() => chrome.storage.local.get(null).then(JSON.stringify)))
    .toContain('小王');

  const { popup } = await openWithPopup(DEMO_ARTICLE_URL);
  await popup.getByTestId('correct').click();
  await popup.getByTestId('correct-author').fill(AUTHOR);
  await popup.getByTestId('correct-save').click();
  const author = popup.getByTestId('article-metadata').locator('[data-field="fieldAuthor"]');
  await expect(author.getByTestId('corrected-mark')).toHaveText('已更正');
  // The popup's metadata: 已更正 after the corrected 作者 reads 已, 更, 正 from left to right.
  await expectLeftToRight(author.getByTestId('corrected-mark'), '已更正');
  await popup.getByTestId('clip').click();
  await expect(popup.getByTestId('clip')).toHaveText('已剪藏');

  const text = demo.paragraphs[1]!;
  await send('annotation.save', {
    id: crypto.randomUUID(),
    url: DEMO_ARTICLE_URL,
    quote: { exact: text.slice(0, 12), prefix: '', suffix: text.slice(12, 20) },
    position: { start: 0, end: 12 },
    color: 'yellow',
    note: '批注正文',
    tags: [TAG],
  });

  // The library's notes: the name is followed by · and the article's title, in their own order.
  const library = await openExtensionPage('library.html');
  await library.getByTestId('tab-annotations').click();
  const item = library.getByTestId('annotation-item');
  await expect(item).toContainText('小王');
  await expectLeftToRight(item.locator('.pz-muted'), `#${TAG.slice(0, 2)}·小王·${demo.title.replace(/\s/g, '')}`);

  // The reader: 已更正 after the corrected 作者, and the printed note's tag and name.
  const [reader] = await Promise.all([
    context.waitForEvent('page'),
    library.getByTestId('annotation-item').getByRole('link').first().click(),
  ]);
  const readerAuthor = reader.locator('[data-field="fieldAuthor"]');
  await expect(readerAuthor.getByTestId('corrected-mark')).toBeVisible();
  await expectLeftToRight(readerAuthor.getByTestId('corrected-mark'), '已更正');
  await expectLeftToRight(readerAuthor, `${AUTHOR.slice(0, 3)}已更正`);
});
