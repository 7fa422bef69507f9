import type { Page } from '@playwright/test';
import { boxOfText, clickPainted, dragSelect, paintedTexts, selectText } from '../../scripts/browser/page-actions';
import { PizhuUi } from '../../scripts/browser/pizhu-ui';
import { DEMO_ARTICLE_URL, loadDemoArticle } from '../../scripts/serve/demo-article';
import { writeHostileFigures } from '../support/hostile-report';
import { expect, test } from './extension-fixture';

const demo = loadDemoArticle();
const passages = demo.paragraphs.filter((text) => text.length > 80).map((text) => text.slice(8, 24));
const NOTE = '私密批注ZQX';
const TAG = '私密标签QZX';

/**
 * A page script that runs before anything else on the page, in the page's own world, and does
 * what a hostile portal page could: defines the element name Pizhu's tools once used, to reach a
 * "closed" shadow root through ElementInternals; wraps attachShadow and attachInternals to keep
 * every root and internals made in its world; logs every key, input and message event on
 * `window`.
 */
function hostilePageScript() {
  const spy = { roots: [] as ShadowRoot[], internals: [] as ElementInternals[], heard: [] as string[] };
  (globalThis as unknown as { spy: typeof spy }).spy = spy;
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init: ShadowRootInit) {
    const root = attachShadow.call(this, init);
    spy.roots.push(root);
    return root;
  };
  const attachInternals = HTMLElement.prototype.attachInternals;
  HTMLElement.prototype.attachInternals = function () {
    const internals = attachInternals.call(this);
    spy.internals.push(internals);
    return internals;
  };
  customElements.define(
    'pizhu-annotator',
    class extends HTMLElement {
      constructor() {
        super();
        this.attachInternals();
      }
    },
  );
  for (const type of [
    'keydown',
    'keypress',
    'keyup',
    'beforeinput',
    'input',
    'compositionend',
    'textInput',
    'message',
  ]) {
    window.addEventListener(
      type,
      (event) => {
        const { key, data } = event as KeyboardEvent & InputEvent & MessageEvent;
        spy.heard.push(`${type}:${key ?? ''}:${typeof data === 'string' ? data : JSON.stringify(data ?? '')}`);
      },
      true,
    );
  }
}

/** Everything the page script can read: DOM text and attributes, the roots and internals it kept, what it heard. */
function whatThePageHas(): string {
  const { spy } = globalThis as unknown as {
    spy: { roots: ShadowRoot[]; internals: ElementInternals[]; heard: string[] };
  };
  const found: string[] = [...spy.heard];
  const roots: (Document | ShadowRoot)[] = [
    document,
    ...spy.roots,
    ...spy.internals.flatMap((internals) => (internals.shadowRoot ? [internals.shadowRoot] : [])),
  ];
  while (roots.length > 0) {
    const root = roots.pop()!;
    for (const element of root.querySelectorAll('*')) {
      for (const attribute of element.attributes) found.push(attribute.value);
      if (element.shadowRoot) roots.push(element.shadowRoot);
      if (element instanceof HTMLTextAreaElement || element instanceof HTMLInputElement) found.push(element.value);
    }
    found.push((root as Document).documentElement?.textContent ?? root.textContent ?? '');
  }
  return found.join('\n');
}

/** Lets every timer the page or the content script has set run (one event loop, first in first out). */
const settle = (page: Page) =>
  page.evaluate(() => new Promise((done) => setTimeout(() => requestAnimationFrame(() => setTimeout(done, 0)), 0)));

test('a page that defines Pizhu’s old element, wraps attachShadow and logs keys on window reads no note, tag or keystroke of one', async ({
  context,
  reportedTabId,
  send,
}) => {
  const page = await context.newPage();
  await page.addInitScript(hostilePageScript);
  await page.goto(DEMO_ARTICLE_URL);
  await reportedTabId(page);
  const ui = await PizhuUi.attach(page);

  // Pizhu still works on the page: the toolbar comes with a real selection, the note takes typing.
  await dragSelect(page, passages[0]!);
  await expect.poll(() => ui.count('[role="toolbar"] [data-action="note"]')).toBe(1);
  await ui.click('[role="toolbar"] [data-action="note"]');
  await expect
    .poll(() =>
      ui.noteFrame()?.evaluate(() => document.hasFocus() && document.activeElement?.matches('.popover textarea')),
    )
    .toBe(true);
  await page.keyboard.type(NOTE);
  await ui.focus('[role="dialog"] input[type="text"]');
  await page.keyboard.type(TAG);
  await page.keyboard.press('Enter');
  await expect
    .poll(async () => (await send('annotations.forPage', { url: DEMO_ARTICLE_URL }))[0])
    .toMatchObject({ note: NOTE, tags: [TAG] });
  await page.keyboard.press('Escape');

  // The list of the page's notes is open too, with the note and tag on screen.
  await ui.click('[data-testid="launcher"]');
  await expect.poll(() => ui.texts('[data-testid="placed"] li')).toEqual([expect.stringContaining(NOTE)]);

  const seen = await page.evaluate(whatThePageHas);
  expect(seen).toContain(passages[0]); // the page sees itself…
  for (const secret of [NOTE, TAG, 'ZQX', 'QZX']) expect(seen, `the page has "${secret}"`).not.toContain(secret);
  // …and heard no key or text input of what was typed.
  const typed = new Set([...NOTE, ...TAG]);
  const heard = seen.split('\n').filter((line) => /^(key|beforeinput|input|composition|textInput)/.test(line));
  expect(heard.filter((line) => [...line.split(':').slice(1).join('')].some((char) => typed.has(char)))).toEqual([]);
  const roots = await page.evaluate(() => (globalThis as unknown as { spy: { roots: unknown[] } }).spy.roots.length);
  writeHostileFigures('note-frame', {
    notes: [
      `a page script that ran first (defined pizhu-annotator with ElementInternals, wrapped attachShadow/attachInternals, logged 8 event types on window): kept ${roots} shadow roots, heard ${heard.length} key and input events, found no note, tag or typed character of them`,
    ],
  });
});

test('synthetic events from the page open no toolbar and no note, where the reader’s own do', async ({
  context,
  reportedTabId,
  send,
}) => {
  const page = await context.newPage();
  await page.goto(DEMO_ARTICLE_URL);
  await reportedTabId(page);
  const ui = await PizhuUi.attach(page);

  // A scripted selection and a fake mouseup and keyup: no toolbar.
  await selectText(page, passages[1]!);
  await page.evaluate(() => {
    window.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
    document.body.dispatchEvent(new KeyboardEvent('keyup', { key: 'Shift', shiftKey: true, bubbles: true }));
  });
  await settle(page);
  expect(await ui.count('[role="toolbar"]')).toBe(0);
  // The same selection made by the reader: the toolbar. (A press inside a selection drags it, so
  // the scripted one goes first.)
  await page.evaluate(() => document.getSelection()?.removeAllRanges());
  await dragSelect(page, passages[1]!);
  await expect.poll(() => ui.count('[role="toolbar"] [data-color]')).toBe(5);
  await ui.click('[role="toolbar"] [data-color="blue"]');
  await expect.poll(() => paintedTexts(page, 'blue')).toEqual([passages[1]]);
  await expect.poll(async () => (await send('annotations.forPage', { url: DEMO_ARTICLE_URL })).length).toBe(1);

  // A fake click on the highlight: no note opens, focus stays on the page.
  const box = await boxOfText(page, passages[1]!);
  await page.evaluate(
    ({ x, y }) =>
      document
        .elementFromPoint(x, y)!
        .dispatchEvent(new MouseEvent('click', { bubbles: true, clientX: x, clientY: y })),
    {
      x: box.x + 4,
      y: box.y + box.height / 2,
    },
  );
  await settle(page);
  expect(await ui.count('[role="dialog"]')).toBe(0);
  // The reader's click: the note opens, focused.
  await clickPainted(page, 'blue', passages[1]!);
  await expect
    .poll(() =>
      ui.noteFrame()?.evaluate(() => document.hasFocus() && document.activeElement?.matches('.popover textarea')),
    )
    .toBe(true);
});
