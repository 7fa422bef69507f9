import { stripSpace } from '../../text/normalize-space';
import { isInfoLine } from '../metadata/info-line';
import { CHROME_SELECTORS, isChromeLine, PLAYER_SELECTORS } from './portal-chrome';
import { labelsOf } from '../page-words';

const MAX_CHROME_BLOCK_CHARS = 300;
const BLOCK_SELECTOR =
  'p, div, section, li, h1, h2, h3, h4, h5, h6, td, span, center, font, strong, a, table, ul, ol, dl';

/** Removes chrome blocks from a document before Readability scores it, so they cannot win or tag along. */
export function removeChromeBlocks(root: ParentNode): void {
  for (const element of [...root.querySelectorAll(CHROME_SELECTORS)]) {
    if ((element.textContent ?? '').trim().length <= MAX_CHROME_BLOCK_CHARS) element.remove();
  }
  // A player holds no prose; one that does (a page whose article sits in it) stays. `contains`,
  // not `isConnected`: the root may be a detached copy, where nothing is connected.
  for (const element of [...root.querySelectorAll(PLAYER_SELECTORS)]) {
    if (root.contains(element) && ((element.textContent ?? '').match(/[。！？]/g)?.length ?? 0) < 2) element.remove();
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
    if (!content.contains(element) || element.querySelector('img')) continue;
    const text = (element.textContent ?? '').trim();
    if (!text) continue;
    if (isChromeLine(text) || (strippedTitle.length >= 4 && stripSpace(text) === strippedTitle)) element.remove();
  }
  removeLeadingHeader(content, strippedTitle);
  removeTrailingCaptions(content);
}

/** A photo's caption: it ends by crediting the photographer (新华社记者 李梦馨 摄, （摄影：X）). */
const CAPTION = /(?:[\u4e00-\u9fa5·]{2,4}\s*摄|[（(]\s*摄影?\s*[:：]?\s*[\u4e00-\u9fa5·]{2,4}\s*[）)])$/;

/** Captions of the photos after the last paragraph are not the story's text. */
function removeTrailingCaptions(content: Element): void {
  const blocks = [...content.querySelectorAll('p, div, figcaption')].filter(
    (element) => !element.querySelector('p, div') && (element.textContent ?? '').trim(),
  );
  for (let index = blocks.length - 1; index > 0; index--) {
    const text = (blocks[index]!.textContent ?? '').trim();
    if (text.length > 120 || !CAPTION.test(text)) return;
    blocks[index]!.remove();
  }
}

const MAX_HEADER_LINES = 4;
const DATE_TIME_LINE = /^(?:19|20)\d{2}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2}\s*日?\s*\d{1,2}[:：]\d{2}/;

/**
 * Whether a short line opening the body is the article's header rather than its text: the
 * 发布时间/来源 line, a date-and-time line (2024-05-20 14:33·新华社), or the headline again with
 * something added (时长, 来源, a toggle). Text has sentences; these do not.
 */
function isHeaderLine(text: string, strippedTitle: string): boolean {
  const line = stripSpace(text);
  if (line.length > 80 || /[。！？]/.test(line)) return false;
  if (isInfoLine(text) || DATE_TIME_LINE.test(line)) return true;
  return strippedTitle.length >= 8 && line.startsWith(strippedTitle.slice(0, 8));
}

/** The header lines that the body container or Readability kept at the top of the body. */
function removeLeadingHeader(content: Element, strippedTitle: string): void {
  let removed = 0;
  for (const element of [...content.querySelectorAll('p, div, span, td, h1, h2, h3, h4, h5, h6')]) {
    if (!content.contains(element)) continue;
    const text = (element.textContent ?? '').trim();
    if (!text || element.querySelector('p, div, h1, h2, h3, h4, h5, h6')) continue;
    if (removed >= MAX_HEADER_LINES || !isHeaderLine(text, strippedTitle)) return;
    element.remove();
    removed++;
  }
}

/** Lines after which an article has ended: pagination, related stories, the editor's line. */
const END_MARKERS = [
  /^(?:首页\s*[|｜]?\s*)?上一页.{0,40}下一页/,
  /^(?:相关阅读|相关新闻|相关文章|相关链接|延伸阅读|推荐阅读|热点推荐|猜你喜欢|更多精彩)\s*[:：]?$/,
  /^[（(【\[]?\s*责任编辑\s*[:：]/,
  // A trailer on lines of its own: 来源：X, then 编辑：X.
  new RegExp(`^(?:${labelsOf('source', 'editor')})\\s*[:：]\\s*\\S.{0,29}$`),
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
