import { HIGHLIGHT_COLORS, type HighlightColor } from '../../utils/highlight/colors';
import { clickAt, dragMouse } from './firefox-input';
import type { FirefoxWithExtension } from './firefox-with-extension';
import { findTextInPage, paintedInPage, pointsInPage } from './page-actions';
import { shareInColour, shareUnderlined } from './screen-colour';

/*
 * A reader's actions on a page in Firefox, over WebDriver BiDi: the same in-page measurements as
 * page-actions.ts (for Chromium), with BiDi's real mouse and screenshots.
 */

/** Selects from the start of `from` to the end of `to` by dragging the mouse; returns the selection. */
export async function dragSelectIn(firefox: FirefoxWithExtension, tab: string, from: string, to = from) {
  const { start, end } = await firefox.inPage(tab, pointsInPage, { from, to });
  await dragMouse(firefox, tab, start, end);
  return firefox.evaluateIn<string>(tab, `document.getSelection()?.toString() ?? ''`);
}

/** The text of each range painted in a colour, as any script on the page could read it. */
export async function paintedTextsIn(firefox: FirefoxWithExtension, context: string, color: HighlightColor) {
  return (await firefox.inPage(context, paintedInPage, { background: HIGHLIGHT_COLORS[color] })).texts;
}

/** Clicks the first painted range of a colour whose text includes `text`. */
export async function clickPaintedIn(
  firefox: FirefoxWithExtension,
  tab: string,
  color: HighlightColor,
  text: string,
): Promise<void> {
  const { point } = await firefox.inPage(tab, paintedInPage, { background: HIGHLIGHT_COLORS[color], text });
  if (!point) throw new Error(`no ${color} highlight holds "${text}"`);
  await clickAt(firefox, tab, point);
}

/** A screenshot of where the first occurrence of `text` is on screen, once scrolled into view. */
async function shotOfTextIn(firefox: FirefoxWithExtension, tab: string, text: string): Promise<Buffer> {
  const box = (await firefox.inPage(tab, findTextInPage, { wanted: text, act: 'box' })) as {
    x: number;
    y: number;
    width: number;
    height: number;
  };
  // Wait for the frame that shows the scrolled page.
  await firefox.evaluateIn(tab, 'new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))');
  return firefox.screenshot(tab, box);
}

/**
 * Scrolls the first occurrence of `text` into view and returns the share of its first line's box
 * that shows the highlight colour in a screenshot: what the reader sees.
 */
export async function shareOfTextInColourIn(
  firefox: FirefoxWithExtension,
  tab: string,
  text: string,
  color: HighlightColor,
): Promise<number> {
  return shareInColour(await shotOfTextIn(firefox, tab, text), HIGHLIGHT_COLORS[color]);
}

/** The share of a passage's box drawn in the underline of a passage several members marked. */
export async function shareOfTextUnderlinedIn(firefox: FirefoxWithExtension, tab: string, text: string) {
  return shareUnderlined(await shotOfTextIn(firefox, tab, text));
}
