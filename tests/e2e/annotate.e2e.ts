import { DEMO_ARTICLE_URL, loadDemoArticle, renderDemoArticle } from '../../scripts/serve/demo-article';
import type { BrowserContext, Page } from '@playwright/test';
import type { HighlightColor } from '../../utils/highlight/colors';
import type { AnnotationRecord } from '../../utils/model/annotation';
import { withBusyCpu } from './busy-cpu';
import { expect, test } from './extension-fixture';
import { highlightThroughToolbar } from './highlight-through-toolbar';
import { clickPainted, dragSelect, paintedTexts } from '../../scripts/browser/page-actions';
import { PizhuUi } from '../../scripts/browser/pizhu-ui';
import { PAINTED_SHARE, shareOfTextInColour, UNPAINTED_SHARE } from '../../scripts/browser/screen-colour';

const demo = loadDemoArticle();
const squash = (text: string) => text.replace(/\s+/g, '');

/** Opens a page for annotating: the tab, Pizhu's in-page UI, and a reader's way to highlight. */
async function openForAnnotating(
  context: BrowserContext,
  reportedTabId: (page: Page) => Promise<number>,
  url = DEMO_ARTICLE_URL,
) {
  const page = await context.newPage();
  await page.goto(url);
  const tabId = await reportedTabId(page);
  const ui = await PizhuUi.attach(page);
  const highlight = (color: HighlightColor, from: string, to = from) =>
    highlightThroughToolbar(page, ui, color, from, to);
  return { page, tabId, ui, highlight };
}

/** A passage from the end of one body paragraph to the start of the next. */
function crossParagraphPassage() {
  const at = demo.paragraphs.findIndex(
    (paragraph, index) => index > 0 && paragraph.length > 40 && (demo.paragraphs[index + 1]?.length ?? 0) > 40,
  );
  return { from: demo.paragraphs[at]!.slice(-12), to: demo.paragraphs[at + 1]!.slice(0, 10) };
}

/**
 * 删除 in a highlight's note, then 撤销 on the page: the passage is no longer coloured and the note
 * is gone from the store, then both are back — the same record, note and creation time included.
 */
async function deleteAndUndo(
  {
    page,
    ui,
    send,
  }: {
    page: Page;
    ui: PizhuUi;
    send: (type: 'annotations.forPage', payload: { url: string }) => Promise<AnnotationRecord[]>;
  },
  passage: { from: string; selected: string },
  stored: AnnotationRecord,
) {
  const storedNow = async () => send('annotations.forPage', { url: DEMO_ARTICLE_URL });
  await clickPainted(page, 'green', passage.from);
  await expect.poll(() => ui.value('[role="dialog"] textarea')).toBe(stored.note);
  await ui.click('[role="dialog"] [data-action="delete"]');
  await expect.poll(() => paintedTexts(page, 'green')).toEqual([]);
  await expect.poll(async () => (await storedNow()).length).toBe(0);
  expect(await shareOfTextInColour(page, passage.from, 'green')).toBeLessThan(UNPAINTED_SHARE);
  await ui.click('[data-action="undo"]');
  await expect
    .poll(() => paintedTexts(page, 'green').then((texts) => texts.map(squash)))
    .toEqual([squash(passage.selected)]);
  await expect.poll(() => shareOfTextInColour(page, passage.from, 'green')).toBeGreaterThan(PAINTED_SHARE);
  await expect
    .poll(async () => (await storedNow())[0])
    .toMatchObject({ id: stored.id, createdAt: stored.createdAt, note: stored.note });
}

test('a highlight across two paragraphs is painted, saved, restored after reload, annotated, deleted and undone', async ({
  context,
  reportedTabId,
  send,
}) => {
  const { page, ui, highlight } = await openForAnnotating(context, reportedTabId);
  const { from, to } = crossParagraphPassage();
  const selected = await highlight('green', from, to);
  expect(squash(selected)).toBe(squash(from + to));

  await expect.poll(() => paintedTexts(page, 'green').then((texts) => texts.map(squash))).toEqual([squash(selected)]);
  await expect.poll(async () => (await send('annotations.forPage', { url: DEMO_ARTICLE_URL })).length).toBe(1);
  const [stored] = await send('annotations.forPage', { url: DEMO_ARTICLE_URL });
  expect(squash(stored!.quote.exact)).toBe(squash(from + to));
  expect(stored!.color).toBe('green');

  // On screen, not only in the page's highlight registry: the passage shows green, and so does it
  // after a reload; a passage not highlighted does not.
  const control = demo.paragraphs
    .find((paragraph) => paragraph.length > 40 && !paragraph.includes(from) && !paragraph.includes(to))!
    .slice(0, 12);
  await expect.poll(() => shareOfTextInColour(page, from, 'green')).toBeGreaterThan(PAINTED_SHARE);
  await page.reload();
  await expect.poll(() => paintedTexts(page, 'green').then((texts) => texts.map(squash))).toEqual([squash(selected)]);
  await expect.poll(() => shareOfTextInColour(page, from, 'green')).toBeGreaterThan(PAINTED_SHARE);
  await expect.poll(() => shareOfTextInColour(page, to, 'green')).toBeGreaterThan(PAINTED_SHARE);
  expect(await shareOfTextInColour(page, control, 'green')).toBeLessThan(UNPAINTED_SHARE);

  // A click on the highlight opens its note with the caret in it; what is typed is saved as typed.
  await clickPainted(page, 'green', from);
  await expect
    .poll(() =>
      ui.noteFrame()?.evaluate(() => document.hasFocus() && document.activeElement?.matches('.popover textarea')),
    )
    .toBe(true);
  await page.keyboard.type('第一行笔记');
  await page.keyboard.press('Shift+Enter');
  await page.keyboard.type('second line');
  await expect
    .poll(async () => (await send('annotations.forPage', { url: DEMO_ARTICLE_URL }))[0]?.note)
    .toBe('第一行笔记\nsecond line');
  await page.keyboard.press('Escape');
  await expect.poll(() => ui.count('[role="dialog"]')).toBe(0);

  await page.reload();
  await expect.poll(() => paintedTexts(page, 'green').then((texts) => texts.map(squash))).toEqual([squash(selected)]);
  await deleteAndUndo({ page, ui, send }, { from, selected }, { ...stored!, note: '第一行笔记\nsecond line' });

  // A new colour from the note's popover shows at once, and after a reload.
  await clickPainted(page, 'green', from);
  await ui.click('[role="dialog"] [data-color="blue"]');
  await expect.poll(() => shareOfTextInColour(page, from, 'blue')).toBeGreaterThan(PAINTED_SHARE);
  expect(await shareOfTextInColour(page, from, 'green')).toBeLessThan(UNPAINTED_SHARE);
  await expect.poll(async () => (await send('annotations.forPage', { url: DEMO_ARTICLE_URL }))[0]?.color).toBe('blue');
  await page.reload();
  await expect.poll(() => shareOfTextInColour(page, from, 'blue')).toBeGreaterThan(PAINTED_SHARE);
});

test('delete and undo hold while other processes keep the CPU busy', async ({ context, reportedTabId, send }) => {
  // Each round goes through the note frame's and the page's processes many times over.
  test.setTimeout(180_000);
  const { page, ui, highlight } = await openForAnnotating(context, reportedTabId);
  const { from, to } = crossParagraphPassage();
  const selected = await highlight('green', from, to);
  await expect.poll(async () => (await send('annotations.forPage', { url: DEMO_ARTICLE_URL })).length).toBe(1);
  const [stored] = await send('annotations.forPage', { url: DEMO_ARTICLE_URL });
  await withBusyCpu(async () => {
    // A fresh page each round: the note frame loads anew, and the card fills in (the name prompt,
    // tag suggestions) just as 删除 is clicked — what once sent that click to the page instead.
    for (let round = 0; round < 3; round++) {
      await page.reload();
      await expect
        .poll(() => paintedTexts(page, 'green').then((texts) => texts.map(squash)))
        .toEqual([squash(selected)]);
      await deleteAndUndo({ page, ui, send }, { from, selected }, stored!);
    }
  });
});

/** Three passages from three long body paragraphs: one to keep, one to touch, one to rewrite. */
function threePassages() {
  const long = demo.paragraphs.map((text, index) => ({ text, index })).filter(({ text }) => text.length > 80);
  const [a, b, c] = [long[0]!, long[2]!, long[4]!];
  return {
    kept: { ...a, passage: a.text.slice(10, 30) },
    touched: { ...b, passage: b.text.slice(20, 50) },
    rewritten: { ...c, passage: c.text.slice(10, 40) },
  };
}

test('on an edited copy of the page, unchanged highlights restore exactly, touched ones by fuzzy match, a rewritten one is listed as 未定位', async ({
  context,
  portal,
  reportedTabId,
  send,
}) => {
  const { page, ui, highlight } = await openForAnnotating(context, reportedTabId);
  const { kept, touched, rewritten } = threePassages();
  for (const [passage, color] of [
    [kept.passage, 'yellow'],
    [touched.passage, 'green'],
    [rewritten.passage, 'blue'],
  ] as const) {
    expect(squash(await highlight(color, passage))).toBe(squash(passage));
    await expect.poll(() => paintedTexts(page, color)).toEqual([passage]);
  }
  await expect.poll(async () => (await send('annotations.forPage', { url: DEMO_ARTICLE_URL })).length).toBe(3);

  // The site edits the article: a new first paragraph, a sentence inserted before the touched
  // passage and one character changed inside it, and the rewritten passage replaced outright.
  const touchedAfter = `${touched.passage.slice(0, 15)}某${touched.passage.slice(16)}`;
  const paragraphs = [...demo.paragraphs];
  paragraphs[touched.index] = touched.text
    .replace(touched.passage, touchedAfter)
    .replace(touched.text.slice(0, 20), `${touched.text.slice(0, 20)}这是网站后来插入的一句话。`);
  paragraphs[rewritten.index] = rewritten.text.replace(
    rewritten.passage,
    '本段内容经过编辑已经完全改写，与原来的文字没有共同之处了。',
  );
  paragraphs.unshift('编者按：本文发布后有所修订，新增了这一段说明文字。');
  portal.servePage(new URL(DEMO_ARTICLE_URL).pathname, renderDemoArticle({ ...demo, paragraphs }));

  await page.reload();
  await expect.poll(() => paintedTexts(page, 'yellow')).toEqual([kept.passage]);
  await expect.poll(() => paintedTexts(page, 'green')).toEqual([touchedAfter]);
  expect(await paintedTexts(page, 'blue')).toEqual([]);

  await ui.click('[data-testid="launcher"]');
  await expect.poll(() => ui.texts('[data-testid="unplaced"] .quote')).toEqual([rewritten.passage]);
  const placed = await ui.texts('[data-testid="placed"] li');
  expect(placed).toHaveLength(2);
  expect(placed[0]).toContain(kept.passage);
  expect(placed[0]).not.toContain('推定');
  expect(placed[1]).toContain('推定');

  // Re-attached by selecting its new text: placed, painted, and stored with the new quote.
  const replacement = '与原来的文字没有共同之处';
  await dragSelect(page, replacement);
  await ui.click('[data-testid="unplaced"] button');
  await expect.poll(() => paintedTexts(page, 'blue')).toEqual([replacement]);
  await expect.poll(() => ui.count('[data-testid="unplaced"]')).toBe(0);
  await expect
    .poll(async () =>
      (await send('annotations.forPage', { url: DEMO_ARTICLE_URL })).map((annotation) => annotation.quote.exact),
    )
    .toContain(replacement);
  expect(await send('annotations.forPage', { url: DEMO_ARTICLE_URL })).toHaveLength(3);

  // From the list, a note is shown on the page: scrolled to, its popover open with the caret in it.
  await ui.click('[data-testid="placed"] li button');
  await expect.poll(() => ui.count('[role="dialog"] textarea')).toBe(1);
  await expect
    .poll(() =>
      ui.noteFrame()?.evaluate(() => document.hasFocus() && document.activeElement?.matches('.popover textarea')),
    )
    .toBe(true);
  await expect.poll(() => shareOfTextInColour(page, kept.passage, 'yellow')).toBeGreaterThan(PAINTED_SHARE);
});

test('the toolbar works on a page whose CSS restyles every div, span and button and has a sticky header', async ({
  context,
  portal,
  reportedTabId,
  send,
}) => {
  const hostile = `<style>
    div, span, button, mark { font: 30px/1 serif !important; color: red !important; background: #222 !important;
      border: 3px solid lime !important; z-index: 2147483646 !important; position: relative;
      width: auto !important; height: auto !important; padding: 4px !important; box-shadow: 0 0 0 4px orange !important; }
    button { display: none !important; }
    .sticky { position: sticky !important; top: 0; height: 120px !important; }
  </style>`;
  const html = renderDemoArticle(demo)
    .replace('</head>', `${hostile}</head>`)
    .replace('<body>', '<body><div class="sticky"></div>');
  const path = '/chinapeace/c100007/2018-11/02/content_12199006.shtml';
  const url = `http://www.chinapeace.gov.cn${path}`;
  portal.servePage(path, html);
  const { page, ui } = await openForAnnotating(context, reportedTabId, url);

  const passage = demo.paragraphs.find((text) => text.length > 80)!.slice(5, 25);
  await dragSelect(page, passage);
  await expect.poll(() => ui.count('[role="toolbar"] [data-color]')).toBe(5);
  expect(await ui.style('[data-color="pink"]', 'width')).toBe('26px');
  expect(await ui.style('[data-color="pink"]', 'display')).not.toBe('none');
  // What is on top at the button's centre is Pizhu's host, not the page's overlay.
  const { x, y } = await ui.centre('[data-color="pink"]');
  expect(
    await page.evaluate(
      ({ x, y }) => {
        // Pizhu's host: under <html>, outside the body, with a root the page cannot open.
        const element = document.elementFromPoint(x, y);
        return element?.parentElement === document.documentElement && element !== document.body && !element.shadowRoot;
      },
      { x, y },
    ),
  ).toBe(true);
  await ui.click('[data-color="pink"]');
  await expect.poll(() => paintedTexts(page, 'pink')).toEqual([passage]);
  await expect.poll(async () => (await send('annotations.forPage', { url })).length).toBe(1);
  // On screen, over the page's own dark backgrounds, and again after a reload.
  await expect.poll(() => shareOfTextInColour(page, passage, 'pink')).toBeGreaterThan(PAINTED_SHARE);
  await page.reload();
  await expect.poll(() => shareOfTextInColour(page, passage, 'pink')).toBeGreaterThan(PAINTED_SHARE);
});

test('a highlight made after the browser stopped the service worker is still saved', async ({
  context,
  extensionId,
  reportedTabId,
  send,
}) => {
  const { page, highlight } = await openForAnnotating(context, reportedTabId);

  // Playwright keeps one Worker object across a restart, so the stop is watched through the
  // DevTools protocol's own report of the worker's running status.
  const cdp = await context.newCDPSession(page);
  const statuses: string[] = [];
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const version of versions)
      if (version.scriptURL.startsWith(`chrome-extension://${extensionId}/`)) statuses.push(version.runningStatus);
  });
  await cdp.send('ServiceWorker.enable');
  await expect.poll(() => statuses.at(-1)).toBe('running');
  const beforeStop = statuses.length;
  await cdp.send('ServiceWorker.stopAllWorkers');
  // The page's own idle-time read may wake the worker right after: the stop is seen, not required to last.
  await expect.poll(() => statuses.slice(beforeStop)).toContain('stopped');
  const sinceStop = beforeStop + statuses.slice(beforeStop).indexOf('stopped') + 1;

  const passage = demo.paragraphs.find((text) => text.length > 80)!.slice(30, 50);
  await highlight('purple', passage);
  await expect.poll(() => paintedTexts(page, 'purple')).toEqual([passage]);
  await expect
    .poll(async () =>
      (await send('annotations.forPage', { url: DEMO_ARTICLE_URL })).map((annotation) => annotation.quote.exact),
    )
    .toEqual([passage]);
  // The save itself woke the worker: it was stopped until then.
  expect(statuses.slice(sinceStop)).toContain('running');
});

test('highlights come back on a page that renders its article by script after load', async ({
  context,
  portal,
  reportedTabId,
  send,
}) => {
  const { page, highlight } = await openForAnnotating(context, reportedTabId);
  const passage = demo.paragraphs.find((text) => text.length > 80)!.slice(12, 40);
  await highlight('yellow', passage);
  await expect.poll(async () => (await send('annotations.forPage', { url: DEMO_ARTICLE_URL })).length).toBe(1);

  // The same address now arrives with an empty body container, filled in a second later.
  const html = renderDemoArticle(demo);
  const body = /<div class="TRS_Editor" id="zoom">([\s\S]*?)<\/div>/.exec(html)![1]!;
  const late = html
    .replace(body, '')
    .replace(
      '</body>',
      `<script>setTimeout(() => { document.getElementById('zoom').innerHTML = ${JSON.stringify(body)}; }, 1000);</script></body>`,
    );
  portal.servePage(new URL(DEMO_ARTICLE_URL).pathname, late);
  await page.reload();
  await expect.poll(() => paintedTexts(page, 'yellow'), { timeout: 15_000 }).toEqual([passage]);
  await expect.poll(() => shareOfTextInColour(page, passage, 'yellow')).toBeGreaterThan(PAINTED_SHARE);
  // A new highlight on the late content shows too.
  const another = demo.paragraphs.filter((text) => text.length > 80)[3]!.slice(6, 24);
  await highlight('purple', another);
  await expect.poll(() => shareOfTextInColour(page, another, 'purple')).toBeGreaterThan(PAINTED_SHARE);
  await expect.poll(() => shareOfTextInColour(page, passage, 'yellow')).toBeGreaterThan(PAINTED_SHARE);
});

test('a highlight made after the page moved its own address (history.pushState) is saved there and comes back', async ({
  context,
  portal,
  reportedTabId,
  send,
}) => {
  const { page, ui, highlight } = await openForAnnotating(context, reportedTabId);
  // As a portal that scrolls into its next article does: the address changes, the document stays.
  const moved = new URL('/2024-05/next_article.html', DEMO_ARTICLE_URL).href;
  await page.evaluate((url) => history.pushState({}, '', url), moved);
  const passage = demo.paragraphs.find((text) => text.length > 80)!.slice(20, 44);
  await highlight('blue', passage);
  await expect.poll(() => paintedTexts(page, 'blue')).toEqual([passage]);
  await expect
    .poll(async () => (await send('annotations.forPage', { url: moved })).map((annotation) => annotation.quote.exact))
    .toEqual([passage]);
  // No refusal on screen: the reader's own page is the one the browser now shows.
  expect((await ui.texts('[role="status"], [role="alert"]')).join('')).toBe('');
  portal.servePage(new URL(moved).pathname, renderDemoArticle(demo));
  await page.reload();
  await expect.poll(() => paintedTexts(page, 'blue'), { timeout: 15_000 }).toEqual([passage]);
});

test('the highlight shortcut uses the last colour and opens the note, all from the keyboard', async ({
  context,
  background,
  reportedTabId,
  send,
}) => {
  const { page, tabId, ui, highlight } = await openForAnnotating(context, reportedTabId);
  const [first, second] = demo.paragraphs.filter((text) => text.length > 80).map((text) => text.slice(6, 26));

  await highlight('pink', first!);
  await expect.poll(() => paintedTexts(page, 'pink')).toEqual([first]);

  // Chromium delivers the command to the background, which asks the page's content script.
  await dragSelect(page, second!);
  await background.evaluate(
    (id) => chrome.tabs.sendMessage(id, { type: 'page.highlightSelection', payload: {} }),
    tabId,
  );
  await expect.poll(() => paintedTexts(page, 'pink')).toEqual([first, second]);
  // The caret is in the new note, in the note frame: typing goes there.
  await expect
    .poll(() =>
      ui.noteFrame()?.evaluate(() => document.hasFocus() && document.activeElement?.matches('.popover textarea')),
    )
    .toBe(true);
  await page.keyboard.type('快捷键笔记');
  await expect
    .poll(
      async () =>
        (await send('annotations.forPage', { url: DEMO_ARTICLE_URL })).find(
          (annotation) => annotation.quote.exact === second,
        )?.note,
    )
    .toBe('快捷键笔记');
  // Esc closes the popover and gives the keyboard back to the page.
  await page.keyboard.press('Escape');
  await expect.poll(() => ui.count('[role="dialog"]')).toBe(0);
  await expect.poll(() => ui.noteFrame()?.evaluate(() => document.hasFocus())).toBe(false);
  const scrolled = await page.evaluate(() => window.scrollY);
  await page.keyboard.press('End');
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(scrolled);
});
