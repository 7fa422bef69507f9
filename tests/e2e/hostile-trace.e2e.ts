import type { Page } from '@playwright/test';
import { clickPainted, dragSelect, paintedTexts } from '../../scripts/browser/page-actions';
import { PizhuUi } from '../../scripts/browser/pizhu-ui';
import { PAINTED_SHARE, shareOfTextInColour } from '../../scripts/browser/screen-colour';
import { DEMO_ARTICLE_URL, loadDemoArticle } from '../../scripts/serve/demo-article';
import { writeHostileFigures } from '../support/hostile-report';
import { expect, test } from './extension-fixture';

const demo = loadDemoArticle();
const passage = demo.paragraphs.find((text) => text.length > 80)!.slice(6, 26);

/**
 * A page script that runs before any other, in the page's own world, and listens as a page that
 * wants to know whether its reader runs Pizhu would: to every event type the platform names (on
 * `window` and `document`, capturing), to the event names a page that once learnt the id would
 * try, and to every change of the DOM, attributes included, from the first element on.
 */
function listeningPageScript(extensionId: string) {
  const trace = { heard: [] as string[], changed: [] as string[] };
  (globalThis as unknown as { trace: typeof trace }).trace = trace;
  const types = new Set(['message', 'messageerror', 'DOMContentLoaded', 'readystatechange', 'visibilitychange']);
  for (const target of [window, document, HTMLElement.prototype, Element.prototype, Node.prototype]) {
    for (const key in target) if (key.startsWith('on')) types.add(key.slice(2));
  }
  for (const name of ['content-script-started', 'locationchange']) {
    types.add(`${extensionId}:content:wxt:${name}`);
    types.add(`wxt:${name}`);
  }
  for (const type of types) {
    for (const target of [window, document]) {
      target.addEventListener(
        type,
        (event) => {
          let said = '';
          try {
            said = JSON.stringify([(event as MessageEvent).data, (event as CustomEvent).detail]) ?? '';
          } catch {
            said = String((event as MessageEvent).data);
          }
          trace.heard.push(`${event.type} ${(event as MessageEvent).origin ?? ''} ${said}`);
        },
        true,
      );
    }
  }
  new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      if (mutation.type === 'attributes') {
        const element = mutation.target as Element;
        trace.changed.push(
          `${element.localName} ${mutation.attributeName}=${element.getAttribute(mutation.attributeName!)}`,
        );
      }
      for (const node of mutation.addedNodes) {
        trace.changed.push(node.nodeType === 1 ? (node as Element).outerHTML : (node.textContent ?? ''));
      }
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
}

/** Everything else the page can read of itself: the DOM, styles, highlight names, frames, timings, globals. */
function whatThePageCanRead(): string {
  const { trace } = globalThis as unknown as { trace: { heard: string[]; changed: string[] } };
  const found = [...trace.heard, ...trace.changed, document.documentElement.outerHTML];
  for (const element of document.querySelectorAll('*')) {
    found.push(element.localName, element.id, String(element.className));
    for (const attribute of element.attributes) found.push(`${attribute.name}=${attribute.value}`);
  }
  // The elements outside the article's body (where an extension's host sits), style for style.
  for (const element of [document.documentElement, ...document.documentElement.children]) {
    const style = getComputedStyle(element);
    for (const property of style) found.push(`${property}:${style.getPropertyValue(property)}`);
  }
  found.push(...(CSS as unknown as { highlights: Map<string, unknown> }).highlights.keys());
  for (const sheet of [...document.styleSheets, ...document.adoptedStyleSheets]) {
    try {
      for (const rule of sheet.cssRules) found.push(rule.cssText);
    } catch {
      found.push(`sheet ${sheet.href}`);
    }
  }
  for (let index = 0; index < window.length; index++) {
    try {
      found.push(window[index]!.location.href);
    } catch {
      found.push('a frame of another origin');
    }
  }
  for (const entry of performance.getEntries()) found.push(`${entry.entryType} ${entry.name}`);
  found.push(...Object.getOwnPropertyNames(window), document.title, document.cookie, JSON.stringify(localStorage));
  return found.join('\n');
}

/** What a page learns, listening from its first script through `visit`. */
async function listenThrough(page: Page, visit: () => Promise<void>): Promise<string> {
  await visit();
  return page.evaluate(whatThePageCanRead);
}

test('a page that listens from its first script and reads all of itself finds no trace of Pizhu, its id or WXT, while the reader’s highlight shows', async ({
  context,
  extensionId,
  reportedTabId,
  send,
}) => {
  const page = await context.newPage();
  await page.addInitScript(listeningPageScript, extensionId);

  // First visit: the reader highlights a passage and opens its note.
  const first = await listenThrough(page, async () => {
    await page.goto(DEMO_ARTICLE_URL);
    await reportedTabId(page);
    const ui = await PizhuUi.attach(page);
    await dragSelect(page, passage);
    await expect.poll(() => ui.count('[role="toolbar"] [data-color]')).toBe(5);
    await ui.click('[role="toolbar"] [data-color="green"]');
    await expect.poll(() => paintedTexts(page, 'green')).toEqual([passage]);
    await expect.poll(async () => (await send('annotations.forPage', { url: DEMO_ARTICLE_URL })).length).toBe(1);
    await clickPainted(page, 'green', passage);
    await expect
      .poll(() => ui.noteFrame()?.evaluate(() => document.querySelector('.popover textarea') !== null))
      .toBe(true);
  });

  // Second visit: the stored highlight is anchored and painted as the page loads.
  const second = await listenThrough(page, async () => {
    await page.reload();
    await reportedTabId(page);
    await expect.poll(() => paintedTexts(page, 'green')).toEqual([passage]);
    // Painted on screen, not only registered: the reader sees it.
    expect(await shareOfTextInColour(page, passage, 'green')).toBeGreaterThan(PAINTED_SHARE);
  });

  const traces: string[] = [];
  for (const [visit, seen] of [
    ['first visit', first],
    ['second visit', second],
  ] as const) {
    expect(seen, 'the page reads its own article').toContain(passage.slice(0, 8));
    for (const line of seen.split('\n')) {
      // The note frame's address too: it sits in the closed root, out of `window.length` and timings.
      if (line.includes(extensionId) || /pizhu|批注|wxt|-extension:|note-frame/i.test(line)) {
        traces.push(`${visit}: ${line.slice(0, 300)}`);
      }
    }
  }
  expect(traces, 'what names Pizhu to the page').toEqual([]);
  // The highlight names change with every load: nothing to match from one page to the next.
  const names = (seen: string) => seen.split('\n').filter((line) => line.startsWith('::highlight('));
  expect(names(first).length).toBeGreaterThan(0);
  expect(names(second).filter((rule) => names(first).includes(rule))).toEqual([]);

  writeHostileFigures('page-trace', {
    notes: [
      `a page script that ran first listened to every event type on window and document and to every DOM change, and read every element's attributes, the host's computed style, CSS.highlights, every style sheet, frames, timings and globals, over a visit that highlighted and opened a note and a reload that painted it: no extension id, extension address, "note-frame", "pizhu", "批注" or "wxt" anywhere (${first.split('\n').length + second.split('\n').length} lines read)`,
    ],
  });
});
