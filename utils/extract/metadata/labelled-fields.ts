import { stripSpace } from '../../text/normalize-space';
import { isChromeLine } from '../body/portal-chrome';
import { BOUNDARY, GAP, type PageLine } from '../page-lines';
import { ANY_LABEL, LABEL_WORDS, alternation, type FieldName } from '../page-words';

/**
 * "label：value" fields as portals print them around an article: 发布时间 / 来源 / 作者 on a line
 * under the title, 责任编辑 under the body. A value ends at the next label, at a wide gap, at a
 * separator (| 丨 】 ）) or where the inline element holding it ends.
 */
export type { FieldName };

const FIELD_NAMES = Object.keys(LABEL_WORDS) as FieldName[];
const IS_LABEL = Object.fromEntries(
  FIELD_NAMES.map((name) => [name, new RegExp(`^(?:${alternation(LABEL_WORDS[name])})$`)]),
) as Record<FieldName, RegExp>;
const HAS_LABEL = new RegExp(`${ANY_LABEL}|来源于`);
const SEPARATOR = '[:：/|｜丨︱]';
const VALUE_END = new RegExp(
  `[|｜丨︱【】\\[\\]（）()<>${GAP}]|(?:${ANY_LABEL})\\s*${SEPARATOR}|\\s(?:${ANY_LABEL})\\s`,
);

export interface LabelledField {
  name: FieldName;
  value: string;
  lineIndex: number;
  /** The label as written, e.g. 责任编辑 or 编辑: some labels are stronger than others. */
  label: string;
}

/** A value in brackets, as old portals print it: 来源：[ 国际金融报 ]. */
const BRACKETED = new RegExp(`^[${BOUNDARY}${GAP} ]*[\\[【]([^\\]】]{1,60})[\\]】]`);
/**
 * A bureau in parentheses right after an outlet's name: 中证网(北京). It stays in the source, as
 * printed: that is the credit a reader copies (tests/corpus/README.md, bracketed bureaus).
 */
const BUREAU = /^[（(][\u4e00-\u9fa5]{2,4}[）)]$/;

function cleanValue(raw: string, name?: FieldName): string {
  const bracketed = BRACKETED.exec(raw);
  if (bracketed) return bracketed[1]!.replace(new RegExp(`[${BOUNDARY}${GAP}]`, 'g'), ' ').trim();
  // A value may sit inside its own element; it ends where the element ends.
  const parts = raw.split(BOUNDARY).map((part) => part.trim());
  const first = parts.find(Boolean) ?? '';
  const end = VALUE_END.exec(first);
  const value = (end ? first.slice(0, end.index) : first).trim().replace(/[，,。;；:：\s]+$/, '');
  const next = parts[parts.indexOf(first) + 1]?.split(GAP)[0]?.trim() ?? '';
  return name === 'source' && !end && BUREAU.test(next) ? value + next : value;
}

const MARKS = new RegExp(`[${BOUNDARY}${GAP}\\s]`, 'g');
const isBlank = (text: string) => text.replace(MARKS, '') === '';
const MAX_NEXT_LINE_VALUE = 40;

/**
 * Some templates put the label in one block and its value in the next (来源： / 新华网). The next
 * line counts only when it is short and is neither another field nor page chrome.
 */
function valueOnNextLine(next: PageLine | undefined, name: FieldName): string {
  if (!next || next.text.length > MAX_NEXT_LINE_VALUE || isChromeLine(next.text)) return '';
  if (new RegExp(`(?:${ANY_LABEL})\\s*${SEPARATOR}`).test(next.text)) return '';
  return cleanValue(next.marked, name);
}

/**
 * On a line of fields set apart by bars (发表于… | 来源CSDN | 作者魏星) the bar does the colon's work:
 * a part that starts with a label and holds nothing else is that label's value.
 */
const BARS = /[|｜丨︱]/;
const BARRED_FIELD = new RegExp(`^(${ANY_LABEL})(?!于)([^\\s:：]{2,20})$`);

function barredFields(line: PageLine, lineIndex: number, found: readonly LabelledField[]): LabelledField[] {
  const parts = line.text.split(BARS).map((part) => part.trim());
  if (parts.length < 3) return [];
  return parts.flatMap((part) => {
    const match = BARRED_FIELD.exec(part);
    if (!match) return [];
    const label = match[1]!;
    const name = FIELD_NAMES.find((key) => IS_LABEL[key].test(label))!;
    return found.some((field) => field.lineIndex === lineIndex && field.name === name)
      ? []
      : [{ name, value: match[2]!, lineIndex, label }];
  });
}

/**
 * A line that is one link to another page (a related story's entry: its title and 作者：X) names
 * the fields of that page, not of the one being read.
 */
function isLinkToAnotherPage(line: PageLine): boolean {
  const text = stripSpace(line.text);
  for (const link of line.block.querySelectorAll('a[href]')) {
    const href = link.getAttribute('href')!.trim();
    if (href && !/^(?:#|javascript:)/i.test(href) && stripSpace(link.textContent ?? '') === text) return true;
  }
  return false;
}

/** Every labelled field on the page's lines, in reading order. */
export function readLabelledFields(lines: readonly PageLine[]): LabelledField[] {
  const fields: LabelledField[] = [];
  // "本文来源于X" at the start of a line is a label too, with 于 for its separator.
  const pattern = new RegExp(
    `(?:(${ANY_LABEL})[${BOUNDARY} ]*${SEPARATOR}|^[${BOUNDARY}${GAP} ]*(?:本文)?(来源于))[${BOUNDARY}${GAP} ]*`,
    'g',
  );
  lines.forEach((line, lineIndex) => {
    // A line without a label's words in its text has none in its marks either.
    if (!HAS_LABEL.test(line.text) || isLinkToAnotherPage(line)) return;
    for (const match of line.marked.matchAll(pattern)) {
      const label = match[1] ?? match[2]!;
      const name: FieldName = match[2] !== undefined ? 'source' : FIELD_NAMES.find((key) => IS_LABEL[key].test(label))!;
      // Value runs until the next label's match or the end of the line.
      const rest = line.marked.slice(match.index! + match[0].length);
      const value = cleanValue(rest, name) || (isBlank(rest) ? valueOnNextLine(lines[lineIndex + 1], name) : '');
      if (value) fields.push({ name, value, lineIndex, label });
    }
    fields.push(...barredFields(line, lineIndex, fields));
  });
  return fields;
}
