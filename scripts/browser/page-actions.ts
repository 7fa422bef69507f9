import type { Page } from 'playwright-core';
import { HIGHLIGHT_COLORS, type HighlightColor } from '../../utils/highlight/colors';

/*
 * Actions on the page's own content, from the page's main world (where a site's scripts run).
 * Functions given to page.evaluate hold no named inner functions: the test runner's transpiler
 * would wrap them in a helper the page does not have.
 */

/**
 * Where the text from `from` to `to` starts and ends on screen (its first occurrence in the body),
 * run in the page; shared with the Firefox harness, which runs its source over WebDriver BiDi.
 */
export const pointsInPage = ({ from, to }: { from: string; to: string }) => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const found: { node: Text; offset: number }[] = [];
  for (let node = walker.nextNode() as Text | null; node && found.length < 2; node = walker.nextNode() as Text | null) {
    const wanted = found.length === 0 ? from : to;
    const at = node.data.indexOf(wanted);
    if (at >= 0) found.push({ node, offset: found.length === 0 ? at : at + wanted.length });
    if (found.length === 1 && found[0]!.node === node) {
      const end = node.data.indexOf(to, at);
      if (end >= 0) found.push({ node, offset: end + to.length });
    }
  }
  if (found.length < 2) throw new Error(`"${from}" … "${to}" is not on the page`);
  const range = document.createRange();
  range.setStart(found[0]!.node, found[0]!.offset);
  range.setEnd(found[1]!.node, found[1]!.offset);
  range.startContainer.parentElement!.scrollIntoView({ block: 'center' });
  const rects = [...range.getClientRects()].filter((rect) => rect.width > 0);
  const first = rects[0]!;
  const last = rects[rects.length - 1]!;
  return {
    start: { x: first.left + 1, y: first.top + first.height / 2 },
    end: { x: last.right - 1, y: last.top + last.height / 2 },
    text: range.toString(),
  };
};

/** Selects from the start of `from` to the end of `to` by dragging the mouse, as a reader does. */
export async function dragSelect(page: Page, from: string, to = from): Promise<string> {
  const { start, end } = await page.evaluate(pointsInPage, { from, to });
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move((start.x + end.x) / 2, (start.y + end.y) / 2, { steps: 4 });
  await page.mouse.move(end.x, end.y, { steps: 4 });
  await page.mouse.up();
  return page.evaluate(() => document.getSelection()?.toString() ?? '');
}

/**
 * Finds the first occurrence of `text` in the page's body and, as `act` says, selects it (as a
 * reader does with the keyboard) or scrolls it into view; returns the selection's text, or the
 * box of the text's first line on screen. Run in the page (and by the Firefox harness).
 */
export const findTextInPage = ({ wanted, act }: { wanted: string; act: 'select' | 'box' }) => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const at = node.data.indexOf(wanted);
    if (at < 0) continue;
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + wanted.length);
    if (act === 'select') {
      document.getSelection()!.removeAllRanges();
      document.getSelection()!.addRange(range);
      return document.getSelection()!.toString();
    }
    node.parentElement!.scrollIntoView({ block: 'center' });
    const rect = [...range.getClientRects()].find((candidate) => candidate.width > 4)!;
    return { x: rect.left, y: rect.top, width: rect.width, height: rect.height };
  }
  throw new Error(`"${wanted}" is not on the page`);
};

function findText(page: Page, text: string, act: 'select' | 'box') {
  return page.evaluate(findTextInPage, { wanted: text, act });
}

/**
 * Selects the first occurrence of `text` without the mouse, as a reader does with the keyboard —
 * where text sits inside a link, a mouse drag drags the link instead of selecting.
 */
export async function selectText(page: Page, text: string): Promise<string> {
  return (await findText(page, text, 'select')) as string;
}

/** Scrolls the first occurrence of `text` into view; the box of its first line on screen. */
export async function boxOfText(
  page: Page,
  text: string,
): Promise<{ x: number; y: number; width: number; height: number }> {
  return (await findText(page, text, 'box')) as { x: number; y: number; width: number; height: number };
}

/**
 * The texts painted in a colour (its CSS value), as any script on the page could read them, and
 * where to click on the first whose text includes `text`. Pizhu's highlight names are random, so
 * the highlight is the one whose `::highlight()` style paints that colour.
 */
export const paintedInPage = ({ background, text }: { background: string; text?: string }) => {
  const probe = document.createElement('i');
  probe.style.backgroundColor = background;
  const wanted = probe.style.backgroundColor;
  const highlights = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights;
  // Read through the computed style: Firefox keeps a content script's style sheet from the page.
  const name = [...highlights.keys()].find(
    (key) => getComputedStyle(document.documentElement, `::highlight(${key})`).backgroundColor === wanted,
  );
  const ranges = name === undefined ? [] : [...highlights.get(name)!];
  const range = text === undefined ? undefined : ranges.find((candidate) => candidate.toString().includes(text));
  let point: { x: number; y: number } | null = null;
  if (range) {
    range.startContainer.parentElement!.scrollIntoView({ block: 'center' });
    const rect = [...range.getClientRects()].find((box) => box.width > 4)!;
    point = { x: rect.left + Math.min(rect.width / 2, 20), y: rect.top + rect.height / 2 };
  }
  return { texts: ranges.map((each) => each.toString()), point };
};

export async function paintedTexts(page: Page, color: HighlightColor): Promise<string[]> {
  return (await page.evaluate(paintedInPage, { background: HIGHLIGHT_COLORS[color] })).texts;
}

/**
 * Clicks the middle of the first painted range of a colour whose text includes `text`, once it is painted: Pizhu
 * places a page's notes when the page is idle and in slices, so a reader sees the highlight a moment after load.
 */
export async function clickPainted(page: Page, color: HighlightColor, text: string, timeout = 15_000): Promise<void> {
  const until = Date.now() + timeout;
  for (;;) {
    const { point } = await page.evaluate(paintedInPage, { background: HIGHLIGHT_COLORS[color], text });
    if (point) {
      await page.mouse.click(point.x, point.y);
      return;
    }
    if (Date.now() > until) throw new Error(`no ${color} highlight holds "${text}"`);
    await page.waitForTimeout(100);
  }
}
