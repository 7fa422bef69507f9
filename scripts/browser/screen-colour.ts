import { PNG } from 'pngjs';
import type { Page } from 'playwright-core';
import { HIGHLIGHT_COLORS, type HighlightColor } from '../../utils/highlight/colors';
import { DENSITY_COLOR } from '../../utils/highlight/paint-highlights';
import { boxOfText } from './page-actions';

/*
 * What a reader sees: the pixels of a screenshot, not the page's highlight registry. A passage is
 * highlighted when much of the box its text takes up on screen shows the highlight's colour.
 */

function rgbOf(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

/** The share (0–1) of a PNG's pixels whose red, green and blue pass `test`. */
function shareOfPixels(png: Buffer, test: (r: number, g: number, b: number) => boolean): number {
  const { data, width, height } = PNG.sync.read(png);
  let matching = 0;
  for (let at = 0; at < data.length; at += 4) if (test(data[at]!, data[at + 1]!, data[at + 2]!)) matching++;
  return width * height === 0 ? 0 : matching / (width * height);
}

/** The share (0–1) of a PNG's pixels within `tolerance` of `hex` on every channel. */
export function shareInColour(png: Buffer, hex: string, tolerance = 10): number {
  const [r, g, b] = rgbOf(hex);
  return shareOfPixels(
    png,
    (red, green, blue) =>
      Math.abs(red - r) <= tolerance && Math.abs(green - g) <= tolerance && Math.abs(blue - b) <= tolerance,
  );
}

/** The share (0–1) of a PNG's pixels dark enough to be text (every channel below 100). */
export function shareDark(png: Buffer): number {
  return shareOfPixels(png, (red, green, blue) => red < 100 && green < 100 && blue < 100);
}

/** A screenshot of where the first occurrence of `text` in the page's body is on screen. */
async function shotOfText(page: Page, text: string): Promise<Buffer> {
  const box = await boxOfText(page, text);
  // Wait for the frame that shows the scrolled page.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  return page.screenshot({ clip: box, animations: 'disabled', caret: 'hide' });
}

/**
 * Scrolls the first occurrence of `text` in the page's body into view and returns the share of
 * its first line's box that shows the highlight colour on screen.
 */
export async function shareOfTextInColour(page: Page, text: string, color: HighlightColor): Promise<number> {
  return shareInColour(await shotOfText(page, text), HIGHLIGHT_COLORS[color]);
}

/**
 * The share of a passage's box drawn in the underline that marks a passage several members
 * marked (its colour, within the tolerance anti-aliasing needs).
 */
export async function shareOfTextUnderlined(page: Page, text: string): Promise<number> {
  return shareUnderlined(await shotOfText(page, text));
}

/** The share of a screenshot's pixels in the density underline's colour (within anti-aliasing). */
export const shareUnderlined = (png: Buffer): number => shareInColour(png, DENSITY_COLOR, 40);

/** Whether the text of a highlighted passage can be read: its glyphs are dark on the light colour. */
export async function shareOfTextDark(page: Page, text: string): Promise<number> {
  return shareDark(await shotOfText(page, text));
}

/** Readable: at least this share of the passage's box is dark glyph pixels. */
export const READABLE_SHARE = 0.03;

/** Painted as a reader sees it: at least this share of the passage's box is in its colour. */
export const PAINTED_SHARE = 0.3;
/** Not painted: hardly any pixel in that colour. */
export const UNPAINTED_SHARE = 0.02;
