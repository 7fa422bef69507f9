import { waitForReportedTab } from '../../scripts/browser/launch-with-extension';
import { dragSelect, paintedTexts, selectText } from '../../scripts/browser/page-actions';
import { badPages } from '../../scripts/hostile/bad-pages';
import { PizhuUi } from '../../scripts/browser/pizhu-ui';
import { DEMO_ARTICLE_URL, loadDemoArticle } from '../../scripts/serve/demo-article';
import { writeHostileFigures } from '../support/hostile-report';
import { PizhuError } from '../../utils/errors';
import { expect, test } from './extension-fixture';

const demo = loadDemoArticle();
const passages = demo.paragraphs.filter((text) => text.length > 80).map((text) => text.slice(8, 24));
const NOTE = '只给自己看的批注内容ZQX';
const TAG = '私密标签ZQX';

/**
 * What a page script can find of Pizhu: text and attributes of every element, inside every open
 * shadow root, and the text of every range in CSS.highlights.
 */
function pageScriptFinds() {
  const found: string[] = [];
  const roots: (Document | ShadowRoot)[] = [document];
  while (roots.length > 0) {
    const root = roots.pop()!;
    for (const element of root.querySelectorAll('*')) {
      for (const attribute of element.attributes) found.push(attribute.value);
      if (element.shadowRoot) roots.push(element.shadowRoot);
      // A closed root is out of reach: attachShadow's return value was the content script's.
    }
    found.push((root as Document).documentElement?.textContent ?? root.textContent ?? '');
  }
  const highlights = (CSS as unknown as { highlights?: Map<string, Iterable<Range>> }).highlights;
  for (const [name, ranges] of highlights ?? []) {
    found.push(name);
    for (const range of ranges) found.push(range.toString());
  }
  return found.join('\n');
}

test('a page script walking the DOM, open shadow roots and CSS.highlights finds no note or tag', async ({
  context,
  background,
  reportedTabId,
  send,
}) => {
  const page = await context.newPage();
  await page.goto(DEMO_ARTICLE_URL);
  const tabId = await reportedTabId(page);
  await dragSelect(page, passages[0]!);
  await background.evaluate(
    (id) => chrome.tabs.sendMessage(id, { type: 'page.highlightSelection', payload: {} }),
    tabId,
  );
  await expect.poll(async () => (await send('annotations.forPage', { url: DEMO_ARTICLE_URL })).length).toBe(1);
  const [saved] = await send('annotations.forPage', { url: DEMO_ARTICLE_URL });
  await send('annotation.save', {
    id: saved!.id,
    url: saved!.url,
    quote: saved!.quote,
    position: saved!.position,
    color: saved!.color,
    note: NOTE,
    tags: [TAG],
  });
  await page.reload();
  await reportedTabId(page);
  await expect.poll(() => paintedTexts(page, saved!.color)).toEqual([passages[0]]);
  // The notes are on screen: the panel lists them, inside Pizhu's closed shadow root.
  const ui = await PizhuUi.attach(page);
  await ui.click('[data-testid="launcher"]');
  await expect.poll(() => ui.texts('[data-testid="placed"] li')).toEqual([expect.stringContaining(NOTE)]);

  const seen = await page.evaluate(pageScriptFinds);
  expect(seen).toContain(passages[0]); // the walk does see the page and the highlighted text…
  expect(seen).not.toContain(NOTE); // …but not the note
  expect(seen).not.toContain(TAG);
  writeHostileFigures('page-leak', {
    notes: [
      `a page script walking ${seen.length} characters of DOM, open shadow roots and CSS.highlights found the highlighted text, and no note or tag`,
    ],
  });
});

test('the content script takes no commands from the page: postMessage and DOM events do nothing', async ({
  context,
  reportedTabId,
  send,
}) => {
  const page = await context.newPage();
  await page.goto(DEMO_ARTICLE_URL);
  await reportedTabId(page);
  await dragSelect(page, passages[1]!);
  await page.evaluate(() => {
    const commands = ['page.highlightSelection', 'annotation.save', 'page.extract', 'article.clip'];
    for (const type of commands) {
      window.postMessage({ type, payload: {} }, '*');
      window.postMessage(JSON.stringify({ type, payload: {} }), '*');
      document.dispatchEvent(new CustomEvent(type, { detail: { type, payload: {} } }));
      document.dispatchEvent(new CustomEvent('pizhu', { detail: { type, payload: {} } }));
    }
    // A web page cannot reach the extension's background either.
    return typeof (globalThis as unknown as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime
      ?.sendMessage;
  });
  await page.waitForTimeout(1_000);
  expect(await send('annotations.forPage', { url: DEMO_ARTICLE_URL })).toEqual([]);
  const reachable = await page.evaluate(async (id) => {
    const runtime = (
      globalThis as unknown as {
        chrome?: { runtime?: { sendMessage?: (id: string, message: unknown) => Promise<unknown> } };
      }
    ).chrome?.runtime;
    if (!runtime?.sendMessage) return 'no runtime.sendMessage on the page';
    try {
      await runtime.sendMessage(id, { type: 'annotations.tags', payload: {} });
      return 'answered';
    } catch (error) {
      return `refused: ${String(error)}`;
    }
  }, new URL(context.serviceWorkers()[0]!.url()).host);
  expect(reachable).not.toBe('answered');
});

const STOPPED_WORDS = { elements: '个元素', depth: '层', time: '毫秒' } as const;

test('bad pages keep working and the content script stays bounded', async ({
  context,
  portal,
  background,
  openExtensionPage,
}) => {
  test.setTimeout(240_000);
  const results: { page: string; longestBlockMs: number; outcome: string }[] = [];
  for (const bad of badPages()) {
    portal.servePage(bad.path, bad.html, { endless: bad.endless });
    const page = await context.newPage();
    // Long tasks on the page's main thread, where the content script runs too, from the start.
    await page.addInitScript(() => {
      const blocks: number[] = [];
      (globalThis as unknown as { pizhuBlocks: number[] }).pizhuBlocks = blocks;
      new PerformanceObserver((list) => list.getEntries().forEach((entry) => blocks.push(entry.duration))).observe({
        type: 'longtask',
        buffered: true,
      });
    });
    const url = `http://www.gov.cn${bad.path}`;
    await page.goto(url, { waitUntil: 'commit' });
    const tabId = await waitForReportedTab(background, url, 20_000);
    // The page still answers its own script, and responds to input.
    await page.mouse.click(10, 10);
    const alive = await page.evaluate(() => 1 + 1, undefined);
    const longest = await page.evaluate(() =>
      Math.max(0, ...(globalThis as unknown as { pizhuBlocks: number[] }).pizhuBlocks),
    );
    expect(alive).toBe(2);
    expect(tabId, `${bad.name}: the content script reported the page`).not.toBeNull();

    // What the popup says: stopped at the expected limit (and why), or read as usual.
    const popup = await openExtensionPage(`popup.html?tabId=${tabId}`);
    const stopped = popup.getByTestId('page-stopped');
    let outcome = 'read';
    // A time limit depends on the machine: a fast one reads this page within the deadline. Either
    // way the page stayed responsive (above); stopping on time is unit-tested with an injected clock.
    let readInTime = false;
    if (bad.stopsAt === 'time') {
      await expect(stopped.or(popup.getByTestId('clip')).first()).toBeVisible();
      readInTime = (await stopped.count()) === 0;
    }
    if (readInTime) {
      outcome = 'read within the deadline on this machine';
    } else if (bad.stopsAt) {
      await expect(stopped, bad.name).toContainText(STOPPED_WORDS[bad.stopsAt]);
      const reported = await background.evaluate(
        async (key) =>
          (await chrome.storage.session.get(key))[key] as { stopped: { kind: string; found: number; limit: number } },
        `page-status:${tabId}`,
      );
      expect(reported.stopped.kind).toBe(bad.stopsAt);
      outcome = `stopped: ${reported.stopped.kind} ${reported.stopped.found} > ${reported.stopped.limit}`;
      if (bad.readWhenAsked) {
        // Unread, a passage can still be kept: the selection needs no reading of the page.
        const passage = '坚持以人民为中心';
        await page.bringToFront();
        expect(await selectText(page, passage)).toBe(passage);
        await popup.bringToFront();
        await popup.getByRole('button', { name: '保存选中的文字' }).click();
        await expect(popup.getByTestId('clip-done')).toHaveText('已剪藏');
        await expect(popup.getByTestId('article-list').getByRole('link').first()).toHaveText(bad.title);
        await popup.getByTestId('treat-as-article').click();
        await expect(popup.getByTestId('article-metadata'), bad.name).toBeVisible({ timeout: 15_000 });
        await expect(popup.getByTestId('clip')).toBeVisible();
        outcome += '; a selection kept unread; read when asked';
      }
    } else {
      await expect(popup.getByTestId('this-page')).toBeVisible();
      await expect(stopped).toHaveCount(0);
    }
    results.push({ page: bad.name, longestBlockMs: Math.round(longest), outcome: `${outcome}; page responsive` });
    await popup.close();
    await page.close();
  }
  writeHostileFigures('bad-pages', { badPages: results });
});

test('a highlight on a page too large to read unasked is placed again after reload, though the page is still not read', async ({
  context,
  portal,
  background,
  reportedTabId,
  send,
}) => {
  test.setTimeout(120_000);
  const large = badPages().find((bad) => bad.stopsAt === 'elements')!;
  const url = `http://www.gov.cn${large.path}`;
  portal.servePage(large.path, large.html);
  const page = await context.newPage();
  await page.goto(url);
  const tabId = await reportedTabId(page);
  // The reader asks for it to be read, then highlights a passage. Reading it takes about a second
  // on an idle machine and may pass the asked limit's 3 s on a loaded one: the passage is then
  // highlighted in the page's body instead of the article's text. Either way it must come back.
  const read = await send('page.treatAsArticle', { tabId }).then(
    (status) => (status.isArticle ? 'read as an article' : 'not an article'),
    (error: unknown) => (error instanceof PizhuError ? error.code : String(error)),
  );
  expect(['read as an article', 'page-too-complex']).toContain(read);
  test.info().annotations.push({ type: 'page read', description: read });
  const passage = '坚持以人民为中心';
  expect(await selectText(page, passage)).toBe(passage);
  await background.evaluate(
    (id) => chrome.tabs.sendMessage(id, { type: 'page.highlightSelection', payload: {} }),
    tabId,
  );
  await expect
    .poll(async () => (await send('annotations.forPage', { url })).map((annotation) => annotation.quote.exact))
    .toEqual([passage]);

  await page.reload();
  await expect.poll(() => paintedTexts(page, 'yellow'), { timeout: 20_000 }).toEqual([passage]);
  const reported = await background.evaluate(
    async (key) => (await chrome.storage.session.get(key))[key] as { stopped: { kind: string } | null },
    `page-status:${tabId}`,
  );
  expect(reported.stopped?.kind).toBe('elements');
});
