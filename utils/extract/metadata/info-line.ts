import { labelsOf } from '../page-words';

/**
 * The line portals print under an article's title: a date with 来源/作者/编辑 (or 浏览/点击
 * counters) beside it, or a 来源/发布时间 label followed by a date. It marks an article page,
 * places the title just above it, and must not stay in the body.
 */
const DATE = '(?:19|20)\\d{2}\\s*[-年/.]\\s*\\d{1,2}\\s*[-月/.]\\s*\\d{1,2}';
const INFO_LINE = new RegExp(
  `${DATE}[^。！？]{0,60}?(?:${labelsOf('source', 'author', 'editor')}|浏览|点击)|(?:${labelsOf('source', 'published')})\\s*[:：][^。！？]{0,60}?${DATE}`,
);
/** A bare date and time standing alone on its line, as 新华网 and 中国网 print it. */
const DATE_ONLY_LINE = new RegExp(`^\\s*${DATE}\\s*日?\\s*(?:\\d{1,2}[:：]\\d{2}(?::\\d{2})?)?\\s*$`);

export function isInfoLine(text: string): boolean {
  return text.length <= 200 && (INFO_LINE.test(text) || DATE_ONLY_LINE.test(text));
}

/** Whether `text` (any length, e.g. a page's whole raw text, white space and all) has an info line in it. */
export function containsInfoLine(text: string): boolean {
  return INFO_LINE.test(text);
}
