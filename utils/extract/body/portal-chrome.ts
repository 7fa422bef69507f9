import { LABEL_WORDS, OTHER_ROLE_LABELS, alternation, labelsOf } from '../page-words';

/**
 * Portal chrome that sits inside or next to article bodies and is not part of the article:
 * print/close/bookmark links, font-size switches, share bars, previous/next links, related
 * reading, editor lines, copyright footers, QR-code blocks.
 */
const EDITOR = labelsOf('editor');
/** A credit line of its own: the author's or a checker's, never the text. */
const CREDIT = alternation([...LABEL_WORDS.author, ...OTHER_ROLE_LABELS]);
const CHROME_LINES: readonly RegExp[] = [
  /^[【\[]?\s*(?:打印此文|打印本页|打印|关闭窗口|关闭|加入收藏|收藏本页|返回顶部|纠错)\s*[】\]]?(?:\s*[【\[]?\s*(?:打印此文|打印本页|打印|关闭窗口|关闭|加入收藏|收藏本页|返回顶部|纠错)\s*[】\]]?)*$/,
  /^[【\[]?\s*字号\s*[:：]?\s*[】\]]?\s*[大中小默认\s]*$/,
  /^(?:分享到|分享至|分享)\s*[:：]?/,
  /^(?:上一篇|下一篇|上一条|下一条)\s*[:：]/,
  /^(?:相关阅读|相关新闻|相关文章|相关链接|延伸阅读|推荐阅读|热点推荐|猜你喜欢)\s*[:：]?$/,
  new RegExp(`^[（(【\\[]?\\s*(?:${EDITOR})\\s*[:：/|｜丨][^）)】\\]]{0,40}[）)】\\]]?$`),
  new RegExp(
    `^[（(【\\[]?\\s*(?:${CREDIT})\\s*[:：/|｜丨][^）)】\\]]{0,40}[）)】\\]]?(?:\\s+(?:${EDITOR}|${CREDIT})\\s*[:：/|｜丨].{0,30})*$`,
  ),
  /^(?:扫一扫|扫描二维码|微信扫一扫|手机扫一扫|用微信扫描)/,
  /^(?:版权所有|Copyright|©|\(c\)|未经授权|凡本网注明|本网站所刊登|免责声明)/i,
  /^(?:原标题|原文标题)\s*[:：]/,
  /^【\s*(?:纠错|我要纠错)\s*】$/,
  // A newspaper's print attribution: 《 人民日报 》（ 2024年05月10日 04 版）.
  /^《\s*[^》]{2,16}\s*》\s*[（(]\s*(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日[^）)]{0,12}[）)]$/,
  // Pagination of a multi-page story: 上一页 1 2 3 下一页.
  // Each item stands apart: a year such as 2019 is not the pages 201 and 9.
  /^(?:(?:首页|上一页|下一页|尾页|末页|共\s*\d+\s*页|第?\s*\d+\s*页?)(?:\s+|$)){2,}$/,
];

export function isChromeLine(text: string): boolean {
  const line = text.trim();
  return line.length > 0 && line.length <= 200 && CHROME_LINES.some((pattern) => pattern.test(line));
}

/** Elements that hold only chrome, by class or id words portal CMSs use for it. */
export const CHROME_SELECTORS = [
  '[class*="share" i]',
  '[id*="share" i]',
  '[class*="bdsharebuttonbox" i]',
  '[class*="fontsize" i]',
  '[class*="font-size" i]',
  '[class*="print" i]',
  '[class*="related" i]',
  '[class*="xgxw" i]',
  '[class*="xgyd" i]',
  '[class*="qrcode" i]',
  '[class*="ewm" i]',
  '[class*="page-turn" i]',
  '[class*="prev" i]',
  '[class*="next" i]',
  '[class*="copyright" i]',
  '[class*="comment" i]',
  '[id*="comment" i]',
].join(',');

/** A video player: its controls (倍速, 清晰度, 00:00/00:00) are not text, however many there are. */
export const PLAYER_SELECTORS = '[class*="player" i], [id*="player" i], video';
