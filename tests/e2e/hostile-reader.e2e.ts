import { PNG } from 'pngjs';
import { DEMO_ARTICLE_URL, loadDemoArticle, renderDemoArticle } from '../../scripts/serve/demo-article';
import { writeHostileFigures } from '../support/hostile-report';
import { expect, test } from './extension-fixture';

const demo = loadDemoArticle();
const IMAGE_PATH = '/images/2024-11/photo.png';

function redSquare(): Uint8Array {
  const png = new PNG({ width: 8, height: 8 });
  png.data.fill(255);
  for (let at = 0; at < png.data.length; at += 4) png.data[at + 1] = png.data[at + 2] = 0;
  return PNG.sync.write(png);
}

test('the reader fetches no remote image until asked, and a clipped <dialog open> draws nothing over it', async ({
  context,
  portal,
  reportedTabId,
  send,
  openExtensionPage,
}) => {
  const site = new URL(DEMO_ARTICLE_URL);
  const image = `${site.origin}${IMAGE_PATH}`;
  portal.serveFile(IMAGE_PATH, redSquare(), 'image/png');
  // After the article's first paragraph: a photo from the site, and a dialog drawn open.
  const html = renderDemoArticle(demo).replace(
    '</p>',
    `</p><p><img src="${image}" alt="现场照片"></p><dialog open><p>登录已过期，请重新输入密码</p></dialog>`,
  );
  portal.servePage(site.pathname, html);

  const page = await context.newPage();
  await page.goto(DEMO_ARTICLE_URL);
  const tabId = await reportedTabId(page);
  const article = await send('article.clip', { tabId });
  const requestsByPage = portal.requests(IMAGE_PATH);
  await page.close();

  const reader = await openExtensionPage(`reader.html?id=${article.id}`);
  await expect(reader.getByTestId('reader-body')).toContainText(demo.paragraphs[2]!.slice(0, 12));
  await expect(reader.getByTestId('remote-images')).toContainText('1');
  expect(portal.requests(IMAGE_PATH), 'opening the reader fetched the image').toBe(requestsByPage);
  // No dialog or popover of the page's: nothing drawn in the top layer over the reader.
  expect(await reader.evaluate(() => document.querySelectorAll('dialog, [popover], [open]').length)).toBe(0);
  await expect(reader.getByText('登录已过期')).toBeVisible(); // its words are article text now

  await reader.getByRole('button', { name: '显示图片' }).click();
  await expect(reader.getByTestId('remote-images')).toHaveCount(0);
  await expect
    .poll(() =>
      reader.evaluate(
        () => (document.querySelector('[data-testid="reader-body"] img') as HTMLImageElement | null)?.naturalWidth ?? 0,
      ),
    )
    .toBe(8);
  expect(portal.requests(IMAGE_PATH)).toBe(requestsByPage + 1);

  // Once only: opened again, the reader holds the image back again…
  await reader.reload();
  await expect(reader.getByTestId('remote-images')).toBeVisible();
  expect(portal.requests(IMAGE_PATH)).toBe(requestsByPage + 1);
  // …until the reader chooses to always show this site's images: then they come by themselves.
  await reader.getByRole('button', { name: `总是显示 ${site.hostname} 的图片` }).click();
  await expect(reader.getByTestId('remote-images')).toHaveCount(0);
  await reader.reload();
  await expect
    .poll(() =>
      reader.evaluate(
        () => (document.querySelector('[data-testid="reader-body"] img') as HTMLImageElement | null)?.naturalWidth ?? 0,
      ),
    )
    .toBe(8);
  await expect(reader.getByTestId('remote-images')).toHaveCount(0);
  expect(portal.requests(IMAGE_PATH)).toBe(requestsByPage + 3);
  writeHostileFigures('reader-remote', {
    notes: [
      'a clipped page with a remote image and <dialog open>: 0 requests when the reader opened, no dialog drawn; the image came once 显示图片 was pressed, and by itself once its site was always shown',
    ],
  });
});
