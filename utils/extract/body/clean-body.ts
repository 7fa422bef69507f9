import { stripSpace } from '../../text/normalize-space';
import { CHROME_SELECTORS, isChromeLine } from './portal-chrome';

const MAX_CHROME_BLOCK_CHARS = 300;
const BLOCK_SELECTOR = 'p, div, section, li, h1, h2, h3, h4, h5, h6, td, span, center, font, strong, a, table, ul, ol, dl';

/** Removes chrome blocks from a document before Readability scores it, so they cannot win or tag along. */
export function removeChromeBlocks(root: ParentNode): void {
  for (const element of [...root.querySelectorAll(CHROME_SELECTORS)]) {
    if ((element.textContent ?? '').trim().length <= MAX_CHROME_BLOCK_CHARS) element.remove();
  }
}

/**
 * Cleans the extracted body in place: chrome lines, a repeated title or info line at the top,
 * and the editor or attribution lines at the bottom.
 */
export function cleanExtractedBody(content: Element, title: string): void {
  const strippedTitle = stripSpace(title);
  for (const element of [...content.querySelectorAll(BLOCK_SELECTOR)]) {
    if (!element.isConnected || element.querySelector('img')) continue;
    const text = (element.textContent ?? '').trim();
    if (!text) continue;
    if (isChromeLine(text) || (strippedTitle.length >= 4 && stripSpace(text) === strippedTitle)) element.remove();
  }
  removeLeadingInfoLine(content);
}

const INFO_LINE = /(?:19|20)\d{2}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2}.{0,80}(?:来源|作者|编辑|浏览|点击)|(?:来源|发布时间|发稿时间)\s*[:：].{0,80}(?:19|20)\d{2}/;

/** A 发布时间/来源 line that Readability kept at the top of the body is metadata, not text. */
function removeLeadingInfoLine(content: Element): void {
  for (const element of content.querySelectorAll('p, div, span, td, h4, h5, h6')) {
    const text = (element.textContent ?? '').trim();
    if (!text || element.querySelector('p, div')) continue;
    if (text.length <= 160 && INFO_LINE.test(text)) element.remove();
    return;
  }
}
