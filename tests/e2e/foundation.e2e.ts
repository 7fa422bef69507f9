import { DEMO_ARTICLE_URL, loadDemoArticle } from '../../scripts/serve/demo-article';
import { expect, test } from './extension-fixture';

const demo = loadDemoArticle();

/**
 * Counts the rows of a store of Pizhu's database, read from an extension page. It never creates
 * the database (that would race the background's own schema upgrade) and closes its connection.
 */
async function countRows(page: import('@playwright/test').Page, store: 'articles' | 'annotations') {
  return page.evaluate(
    (name) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('pizhu');
        open.onupgradeneeded = () => open.transaction?.abort();
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          try {
            const request = db.transaction(name).objectStore(name).count();
            request.onsuccess = () => resolve(request.result);
            request.onerror = () => reject(request.error);
          } catch (error) {
            reject(error);
          } finally {
            db.close();
          }
        };
      }),
    store,
  );
}

test('the content script reports the demo article and the popup clips and lists it', async ({
  context,
  openExtensionPage,
  openWithPopup,
}) => {
  const { tabId, popup } = await openWithPopup(DEMO_ARTICLE_URL);
  await expect(popup.getByTestId('article-metadata')).toContainText(demo.title);
  await expect(popup.getByTestId('article-list')).toHaveCount(0);

  await expect(popup.getByTestId('clip')).toHaveClass(/primary/);
  await popup.getByTestId('clip').click();
  // Clipped is a state: no longer the main red button, and nothing to press again.
  await expect(popup.getByTestId('clip')).toHaveText('已剪藏');
  await expect(popup.getByTestId('clip')).not.toHaveClass(/primary/);
  await expect(popup.getByTestId('clip')).toBeDisabled();
  await expect(popup.getByTestId('article-list').getByRole('link')).toHaveText([demo.title]);
  expect(await countRows(popup, 'articles')).toBe(1);

  // A fresh popup lists what is stored, and the reader opens the offline copy.
  const again = await openExtensionPage(`popup.html?tabId=${tabId}`);
  await expect(again.getByTestId('clip')).toHaveText('重新剪藏');
  await expect(again.getByTestId('clip')).not.toHaveClass(/primary/);
  const link = again.getByTestId('article-list').getByRole('link', { name: demo.title });
  const [reader] = await Promise.all([context.waitForEvent('page'), link.click()]);
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText(demo.title);
  await expect(reader.getByTestId('reader-body')).toContainText(demo.paragraphs[1]!.slice(0, 20));
});

test('malformed messages get an error answer and change nothing', async ({
  context,
  openExtensionPage,
  reportedTabId,
}) => {
  const article = await context.newPage();
  await article.goto(DEMO_ARTICLE_URL);
  const tabId = await reportedTabId(article);
  const popup = await openExtensionPage('popup.html');
  // The popup's recent list is read through the background, which opens (and creates) the database.
  await expect(popup.getByText('还没有剪藏或批注的文章。')).toBeVisible();
  const before = await countRows(popup, 'articles');

  const replies = await popup.evaluate(
    async (id) =>
      Promise.all(
        [
          { nonsense: true },
          'article.clip',
          { type: 'article.clip', payload: { tabId: String(id) } },
          { type: 'article.clip', payload: { tabId: id, extra: '<img src=x onerror=alert(1)>' } },
          { type: 'page.report', payload: { url: 'javascript:alert(1)' } },
          { type: 'no.such.message', payload: {} },
          { type: '__proto__', payload: {} },
        ].map((message) => chrome.runtime.sendMessage(message)),
      ),
    tabId,
  );
  expect(replies.map((reply: { ok: boolean; error?: { code: string } }) => reply.error?.code)).toEqual([
    'bad-message',
    'bad-message',
    'bad-payload',
    'bad-payload',
    'forbidden-sender',
    'unknown-message',
    'unknown-message',
  ]);
  expect(await countRows(popup, 'articles')).toBe(before);

  // The background still answers properly afterwards.
  const tags = await popup.evaluate(() => chrome.runtime.sendMessage({ type: 'annotations.tags', payload: {} }));
  expect(tags).toEqual({ ok: true, data: [] });
});

test('on a site outside the portal list Pizhu stays idle and says so', async ({
  context,
  openExtensionPage,
  background,
}) => {
  const page = await context.newPage();
  await page.goto('http://www.example.org/corpus/rdb-bbc-1.html');
  const reported = await background.evaluate(async () => Object.keys(await chrome.storage.session.get(null)));
  expect(reported).toEqual([]);
  const popup = await openExtensionPage('popup.html');
  await expect(popup.getByTestId('this-page')).toContainText('Pizhu 未在此页运行');
});
