import { inContentScript } from '../../scripts/browser/content-script-world';
import { DEMO_ARTICLE_URL, loadDemoArticle, renderDemoArticle } from '../../scripts/serve/demo-article';
import { writeHostileFigures } from '../support/hostile-report';
import { expect, test } from './extension-fixture';

const demo = loadDemoArticle();
const OTHER_PATH = '/chinapeace/c100008/2018-11/03/content_12199100.shtml';
const OTHER_URL = `http://www.chinapeace.gov.cn${OTHER_PATH}`;

test('Pizhu’s own content script, made to lie, gets no other page’s note or tag and changes none', async ({
  context,
  portal,
  extensionId,
  reportedTabId,
  send,
}) => {
  // Another article, clipped, with a private note and tag.
  portal.servePage(OTHER_PATH, renderDemoArticle({ ...demo, title: `${demo.title}（二）` }));
  const other = await context.newPage();
  await other.goto(OTHER_URL);
  await send('article.clip', { tabId: await reportedTabId(other) });
  const text = demo.paragraphs[1]!;
  const saved = await send('annotation.save', {
    id: crypto.randomUUID(),
    url: OTHER_URL,
    quote: { exact: text.slice(0, 12), prefix: '', suffix: text.slice(12, 20) },
    position: { start: 0, end: 12 },
    color: 'yellow',
    note: '另一页的私人批注',
    tags: ['私密标签'],
  });
  await other.close();

  const page = await context.newPage();
  await page.goto(DEMO_ARTICLE_URL);
  await reportedTabId(page);
  const ask = (type: string, payload: unknown) =>
    inContentScript(page, extensionId, `chrome.runtime.sendMessage(${JSON.stringify({ type, payload })})`) as Promise<{
      ok: boolean;
      error?: { code: string };
    }>;
  const { id, url: _url, quote, position, color, tags } = saved;
  const attacks = {
    'read another page’s notes': await ask('annotations.forPage', { url: OTHER_URL }),
    'read every tag': await ask('annotations.tags', {}),
    'move that note to this page': await ask('annotation.save', {
      id,
      url: DEMO_ARTICLE_URL,
      quote,
      position,
      color,
      note: '改写',
      tags,
    }),
    'rewrite it where it is': await ask('annotation.save', {
      id,
      url: OTHER_URL,
      quote,
      position,
      color,
      note: '改写',
      tags,
    }),
    'delete it': await ask('annotation.delete', { id }),
  };
  for (const [attack, answer] of Object.entries(attacks))
    expect(answer, attack).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
  expect(await send('annotations.forPage', { url: OTHER_URL })).toEqual([saved]);
  // Its own page it may read.
  expect(await ask('annotations.forPage', { url: DEMO_ARTICLE_URL })).toMatchObject({ ok: true, data: [] });
  writeHostileFigures('content-script-lies', {
    notes: [
      `Pizhu's content script in a real page, made to send ${Object.keys(attacks).length} requests about another page's note: all refused (forbidden-sender), the note unchanged`,
    ],
  });
});
