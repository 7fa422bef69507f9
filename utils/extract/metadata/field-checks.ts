import { normalizeSpace } from '../../text/normalize-space';
import { GENERIC_SOURCES, LABEL_WORDS, PLACE_WORDS, ROLE_WORDS, alternation, labelsOf } from '../page-words';
import { INTERFACE_WORD, OUTLET_SUFFIX } from './source';

/*
 * Every value passes its field's check before it is shown: a wrong value is worse than none,
 * since the reader may trust and repeat it, while an empty one is filled in with 更正信息. Each
 * check says what a value of the field is, whatever page it came from.
 */

const ROLE = alternation([...ROLE_WORDS, ...LABEL_WORDS.author, ...LABEL_WORDS.editor]);
const PLACE = alternation(PLACE_WORDS);
/** Role words before a name (本报记者 王乐文, 文/图 张三) and after it (张三 摄, 李四 报道), and the place filed from. */
// A one-character role (文, 图) counts only with its separator: 文静 is a name, 文：X is not.
const LEADING_ROLE = new RegExp(
  `^(?:(?:${ROLE})\\s*[:：/／]?\\s*|文\\s*[/／]\\s*图\\s*[:：/／]?\\s*|[文图]\\s*[:：/／]\\s*)+`,
);
const TRAILING_ROLE = new RegExp(`(?:\\s*(?:发自|来自)?\\s*(?:${PLACE})|\\s*(?:${ROLE}|摄|整合|综合))+$`);
const INTERFACE_ANYWHERE = new RegExp(INTERFACE_WORD.source, 'g');

/** A Chinese name (2–4 characters), or a transliterated one with its parts joined by ·. */
const CHINESE_NAME = /^(?:[\u4e00-\u9fa5]{2,4}|[\u4e00-\u9fa5]{1,8}(?:[·•・][\u4e00-\u9fa5]{1,10}){1,3})$/;
/** A name in Latin letters: capitalised words, particles allowed between them. */
const LATIN_NAME =
  /^\p{Lu}[\p{L}'’.-]*(?:\s+(?:\p{Lu}[\p{L}'’.-]*|van|von|de|da|del|der|la|le|bin|al|du|di|ten))*\s+\p{Lu}[\p{L}'’.-]*$/u;
/** Words organisations use in their names, which no person's name holds. */
const ORGANISATION_WORD = /\b(?:News|Press|Media|Times|Post|Agency|Staff|Online|Daily|Network|Group|Team|Editors?)\b/i;
const GENERIC = new RegExp(`^(?:${alternation(GENERIC_SOURCES)})$`);
const PLACE_ONLY = new RegExp(`^(?:${PLACE})(?:市|省)?$`);
const LABEL_ANYWHERE = new RegExp(labelsOf('published', 'source', 'author', 'editor'), 'g');

function isPersonName(part: string): boolean {
  if (CHINESE_NAME.test(part)) {
    return (
      !INTERFACE_WORD.test(part) &&
      !new RegExp(ROLE).test(part) &&
      !PLACE_ONLY.test(part) &&
      !GENERIC.test(part) &&
      !(part.length >= 3 && OUTLET_SUFFIX.test(part))
    );
  }
  return LATIN_NAME.test(part) && !ORGANISATION_WORD.test(part) && part.length <= 40;
}

/** A staff code some portals print after an editor's name (李曦_NN2587, 朱家浒 PN054): not part of it. */
const STAFF_CODE = /[\s_]*[A-Z]{1,4}\d{2,6}$/;
/** A user name in Latin letters (biaoffeng), accepted only where a label says whose it is. */
const HANDLE = /^[a-z][a-z0-9_]{2,19}$/;
const NOT_A_HANDLE =
  /^(?:admin|administrator|editor|author|user|guest|null|undefined|none|unknown|www|http|https|more|news)$/;

/** Two-character names spaced to the width of three for alignment (方 敏) are one name. */
function joinSpacedNames(parts: string[]): string[] {
  const joined: string[] = [];
  for (let index = 0; index < parts.length; index++) {
    const part = parts[index]!;
    const next = parts[index + 1];
    if (/^[\u4e00-\u9fa5]$/.test(part) && next !== undefined && /^[\u4e00-\u9fa5]$/.test(next)) {
      joined.push(part + next);
      index++;
    } else joined.push(part);
  }
  return joined;
}

/**
 * 作者 and 责编: person names only — role words, the place filed from, staff codes and
 * punctuation removed, several names joined by one space. A value that is still not names is no
 * value. `labelled`: the page's own label says the value is a person, so a Latin user name counts.
 */
export function checkPersonNames(
  value: string | null | undefined,
  { labelled = false }: { labelled?: boolean } = {},
): string | null {
  if (!value) return null;
  const text = normalizeSpace(value.replace(/[【】[\]（）()<>《》"“”'‘’]/g, ' ')).replace(STAFF_CODE, '');
  if (labelled && HANDLE.test(text) && !NOT_A_HANDLE.test(text)) return text;
  if (!text || /\d/.test(text)) return null;
  // Latin names keep their inner spaces; several are joined by commas, "and" or &.
  if (/^[\p{Script=Latin}\s'’.,&-]+$/u.test(text)) {
    const names = text
      .replace(/^by\s+/i, '')
      .split(/\s*(?:,|&|\band\b)\s*/i)
      .filter(Boolean);
    return names.length && names.every(isPersonName) ? names.join(' ') : null;
  }
  const parts = joinSpacedNames(
    text
      .replace(LEADING_ROLE, '')
      .split(/\s*[、，,;；/／|｜\s]\s*/)
      .map((part) =>
        part
          .replace(LEADING_ROLE, '')
          .replace(TRAILING_ROLE, '')
          .replace(/[·•・]$/, '')
          .trim(),
      )
      .filter(Boolean),
  );
  return parts.length && parts.length <= 8 && parts.every(isPersonName) ? parts.join(' ') : null;
}

/**
 * 来源: an outlet or an organisation as the page names it — never a sentence, a date, a page's
 * interface words or a role.
 */
export function checkSource(value: string | null | undefined): string | null {
  if (!value) return null;
  const text = normalizeSpace(value);
  if (text.length < 2 || text.length > 40) return null;
  if (/[。！？!?，；;]/.test(text) || /\d{1,4}\s*[-/.年月]\s*\d{1,2}/.test(text) || /^[\d\s\p{P}]+$/u.test(text))
    return null;
  // A day of the week is part of a date, not who published.
  if (/^(?:星期|礼拜|禮拜|週|周)[一二三四五六日天]$/.test(text)) return null;
  // What is left once the interface's words and the labels are taken out must still name something.
  const rest = text
    .replace(INTERFACE_ANYWHERE, '')
    .replace(LABEL_ANYWHERE, '')
    .replace(/[\s\p{P}]/gu, '');
  if (rest.length < 2 || /于$/.test(text)) return null;
  if (new RegExp(`^(?:${ROLE})`).test(text) || GENERIC.test(text)) return null;
  // A province or city alone says where (a reader's IP location, a bureau's seat), not who published.
  if (PLACE_ONLY.test(text)) return null;
  return text;
}

/** Whether `value` names an outlet or organisation by what it is (新华社, 某某日报, 某某局), as a byline never does. */
export const isOutletName = (value: string) => value.length >= 3 && OUTLET_SUFFIX.test(value) && !!checkSource(value);

/** How far ahead of the reading a date may be: the site's clock and time zone may run ahead. */
const CLOCK_SLACK_MS = 36 * 60 * 60 * 1000;
/** Before the web carried news, an unlabelled date is the text's (an event's), not the page's. */
const EARLIEST_YEAR = 1990;
/**
 * A date the page labels as its publication (解釋公布日期, 发文日期) may be older: pages carry
 * documents issued long before them, back to the ROC calendar's year 1 (1912).
 */
const EARLIEST_LABELLED_YEAR = 1912;

/**
 * 发布时间: a real date, not after the page was read, and not before the web carried news unless
 * the page labels it as the date of issue (`labelled`).
 */
export function checkPublishedIso(
  iso: string | null | undefined,
  readAt: number,
  { labelled = false }: { labelled?: boolean } = {},
): string | null {
  if (!iso) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  const earliest = labelled ? EARLIEST_LABELLED_YEAR : EARLIEST_YEAR;
  if (year < earliest || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.getTime() - CLOCK_SLACK_MS > readAt ? null : iso;
}

/**
 * The title: plain text. Markup a CMS wrote into <title> or a meta tag (<em>, &lt;br&gt;) is taken
 * out; a title that is then empty is no title.
 */
export function checkTitle(value: string): string {
  return normalizeSpace(
    value
      .replace(/<\/?[a-z][^<>]*>/gi, ' ')
      .replace(/&lt;\/?[a-z][^&]*?&gt;/gi, ' ')
      .replace(/&(?:nbsp|ensp|emsp);/gi, ' '),
  );
}
