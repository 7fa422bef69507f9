import { stripSpace } from '../../text/normalize-space';
import { isInfoLine } from '../metadata/info-line';
import { CHROME_SELECTORS, isChromeLine } from './portal-chrome';

const MAX_CHROME_BLOCK_CHARS = 300;
const BLOCK_SELECTOR =
  'p, div, section, li, h1, h2, h3, h4, h5, h6, td, span, center, font, strong, a, table, ul, ol, dl';

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
  cutAtEndMarker(content);
  const strippedTitle = stripSpace(title);
  for (const element of [...content.querySelectorAll(BLOCK_SELECTOR)]) {
    if (!element.isConnected || element.querySelector('img')) continue;
    const text = (element.textContent ?? '').trim();
    if (!text) continue;
    if (isChromeLine(text) || (strippedTitle.length >= 4 && stripSpace(text) === strippedTitle)) element.remove();
  }
  removeLeadingInfoLine(content);
}

/** A 发布时间/来源 line that Readability kept at the top of the body is metadata, not text. */
function removeLeadingInfoLine(content: Element): void {
  for (const element of content.querySelectorAll('p, div, span, td, h4, h5, h6')) {
    const text = (element.textContent ?? '').trim();
    if (!text || element.querySelector('p, div')) continue;
    if (isInfoLine(text)) element.remove();
    return;
  }
}

/** Lines after which an article has ended: pagination, related stories, the editor's line. */
const END_MARKERS = [
  /^(?:首页\s*[|｜]?\s*)?上一页.{0,40}下一页/,
  /^(?:相关阅读|相关新闻|相关文章|相关链接|延伸阅读|推荐阅读|热点推荐|猜你喜欢|更多精彩)\s*[:：]?$/,
  /^[（(【\[]?\s*责任编辑\s*[:：]/,
  /^(?:上一篇|下一篇)\s*[:：]/,
];
const MIN_TEXT_BEFORE_END = 100;

/** Drops an end marker and everything after it, once enough of the body has come before it. */
function cutAtEndMarker(content: Element): void {
  let seen = 0;
  const walker = content.ownerDocument.createTreeWalker(content, 1 /* SHOW_ELEMENT */);
  for (let node = walker.nextNode() as Element | null; node; node = walker.nextNode() as Element | null) {
    if (node.querySelector('p, div, li, table')) continue;
    const text = (node.textContent ?? '').trim();
    if (seen >= MIN_TEXT_BEFORE_END && text.length <= 80 && END_MARKERS.some((pattern) => pattern.test(text))) {
      removeFrom(node, content);
      return;
    }
    seen += stripSpace(text).length;
  }
}

/** Removes `node` and everything that follows it in document order, up to `root`. */
function removeFrom(node: Element, root: Element): void {
  for (let current: Element | null = node; current && current !== root; current = current.parentElement) {
    while (current.nextSibling) current.nextSibling.remove();
  }
  node.remove();
}

// Exercised by corpus pages: magic-youth-gj (pagination, then other stories), gne-gsc-1 and magic-people-health (info line kept by the container).
