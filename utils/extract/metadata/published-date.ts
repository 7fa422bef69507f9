/**
 * Dates as Chinese portals print them: 2024-05-20 13:15:00, 2024年05月10日06:58, 2019/9/18,
 * 2024.05.20. Portal times are Beijing time, so a shown time becomes ISO 8601 with +08:00 and a
 * date alone stays a date. A time may be on the 12-hour clock, its half of the day said before it
 * (下午10:37) or after it (01:06 pm): see `hourOfDay`.
 */
export const DATE_PATTERN =
  /((?:19|20)\d{2})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})\s*日?(?:\s*(?:[T ]\s*)?(?:(?:上午|下午|中午|晚上|凌晨|早上|AM|PM|am|pm)\s*)?(\d{1,2})\s*[:：时]\s*(\d{2})(?:\s*[:：分]\s*(\d{2}))?(?:\s*[AaPp]\.?[Mm]\.?(?![A-Za-z]))?)?/;

/** The afternoon and evening of the 12-hour clock, as pages write them before or after the time. */
const AFTERNOON = /下午|晚上|(?:^|[^A-Za-z])[Pp]\.?[Mm]\.?(?![A-Za-z])/;
const MORNING = /上午|凌晨|早上|(?:^|[^A-Za-z])[Aa]\.?[Mm]\.?(?![A-Za-z])/;

/**
 * The hour on the 24-hour clock of an hour shown in `shown` (the date and time as printed): a
 * 12-hour clock's afternoon adds twelve (下午10:37 is 22:37), and its 12 in the morning is 0.
 */
function hourOfDay(hour: number, shown: string): number {
  // The date before the time holds only digits and 年月日, so the half of the day is the time's.
  if (hour < 12 && AFTERNOON.test(shown)) return hour + 12;
  if (hour === 12 && MORNING.test(shown)) return 0;
  return hour;
}

export interface PublishedDate {
  /** The date as the page shows it. */
  text: string;
  /** ISO 8601: YYYY-MM-DD, or YYYY-MM-DDTHH:MM(:SS)+08:00 when a time is shown. */
  iso: string;
}

const pad = (value: string | number) => String(value).padStart(2, '0');

function validDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const CLOCK = '(?:,?\\s+(?:at\\s+)?(\\d{1,2})[:.](\\d{2})\\s*([ap]\\.?m\\.?)?)?';
/** March 18, 2015 · JAN. 13, 2017 · Dec 28 Sat 2013 00:28 */
const MONTH_FIRST = new RegExp(
  `\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(?:[a-z]{3,9}\\.?,?\\s+)?((?:19|20)\\d{2})\\b${CLOCK}`,
  'i',
);
/** 24 July 2015 · Thu 3 Jan 2019 02.00 EST */
const DAY_FIRST = new RegExp(`\\b(\\d{1,2})\\s+${MONTH}\\s+((?:19|20)\\d{2})\\b${CLOCK}`, 'i');
/** 08.04.2015 12:46, as German sites write it. */
const DOTTED = /\b(\d{1,2})\.(\d{1,2})\.((?:19|20)\d{2})\b(?:,?\s+(\d{1,2}):(\d{2}))?/;

function build(
  whole: string,
  year: number,
  month: number,
  day: number,
  hour?: number | string,
  minute?: string,
  zone = '',
): PublishedDate | null {
  if (!validDate(year, month, day)) return null;
  const date = `${year}-${pad(month)}-${pad(day)}`;
  // A pattern's hour arrives as its digits, or undefined when the page gave no time.
  const hours = hour === undefined ? NaN : Number(hour);
  const hasTime = hours < 24 && minute !== undefined && Number(minute) < 60;
  return { text: whole.trim(), iso: hasTime ? `${date}T${pad(hours)}:${minute}${zone}` : date };
}

/**
 * Dates in the Latin-script formats of the corpus' foreign pages. Their zone is unknown, so a
 * time is kept without an offset.
 */
function parseLatinDate(text: string): PublishedDate | null {
  const monthIndex = (name: string) => MONTH_NAMES.indexOf(name.slice(0, 3).toLowerCase()) + 1;
  const hour24 = (hour: string | undefined, meridiem: string | undefined) => {
    if (hour === undefined) return undefined;
    const value = Number(hour) % (meridiem ? 12 : 24);
    return meridiem && /^p/i.test(meridiem) ? value + 12 : value;
  };
  const monthFirst = MONTH_FIRST.exec(text);
  if (monthFirst) {
    const [whole, month, day, year, hour, minute, meridiem] = monthFirst;
    return build(whole, Number(year), monthIndex(month!), Number(day), hour24(hour, meridiem), minute);
  }
  const dayFirst = DAY_FIRST.exec(text);
  if (dayFirst) {
    const [whole, day, month, year, hour, minute, meridiem] = dayFirst;
    return build(whole, Number(year), monthIndex(month!), Number(day), hour24(hour, meridiem), minute);
  }
  const dotted = DOTTED.exec(text);
  if (dotted) {
    const [whole, day, month, year, hour, minute] = dotted;
    return build(whole, Number(year), Number(month), Number(day), hour, minute);
  }
  return null;
}

/**
 * Date badges, which templates draw in pieces and a reader reads as one date: the day in large
 * type before the year and month (21 2024年02月), or the year apart from the month and day
 * (2019 09/07 19:02).
 */
const DAY_BEFORE_MONTH = /(?<!\d)(\d{1,2})\s+((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月/;
const YEAR_APART = /(?<!\d)((?:19|20)\d{2})\s+(\d{1,2})[/-](\d{1,2})(?:\s+(\d{1,2})[:：](\d{2}))?(?!\d)/;

function parseDateBadge(text: string): PublishedDate | null {
  const dayFirst = DAY_BEFORE_MONTH.exec(text);
  if (dayFirst) return build(dayFirst[0], Number(dayFirst[2]), Number(dayFirst[3]), Number(dayFirst[1]));
  const yearApart = YEAR_APART.exec(text);
  if (!yearApart) return null;
  const [whole, year, month, day, hour, minute] = yearApart;
  return build(whole, Number(year), Number(month), Number(day), hour, minute, '+08:00');
}

/**
 * A date badge drawn over a few short lines from `index` (21 / 2024年02月), read as the one text a
 * reader sees, and the index of its last line; `date` is null when the lines there are not one.
 */
export function dateBadgeAt(
  lines: readonly { text: string }[],
  index: number,
): { date: PublishedDate | null; end: number } {
  const pieces: string[] = [];
  for (let at = index; at < Math.min(lines.length, index + 3); at++) {
    const text = lines[at]!.text.trim();
    if (text.length > 8 || !/^[\d年月日/:：\s-]+$/.test(text)) break;
    pieces.push(text);
  }
  const date = pieces.length > 1 ? parseDateBadge(pieces.join(' ')) : null;
  return date ? { date, end: index + pieces.length - 1 } : { date: null, end: index };
}

/**
 * A time a page prints after the date with a comma or its zone between them (2012年12月10日,
 * 格林尼治标准时间10:41; 2019-09-07 北京时间 09:25) is still that date's time, in that zone.
 */
const ZONED_TIME = /^\s*[,，]?\s*(北京时间|格林尼治标准时间|GMT|UTC)?\s*(\d{1,2})[:：](\d{2})(?!\d)/;
const UTC_ZONE = /^(?:格林尼治标准时间|GMT|UTC)$/;

/**
 * Taiwan's official pages date by the ROC calendar, whose year 1 is 1912: 民國89年4月7日 is
 * 2000-04-07. Only with its 民國 marker: a bare 105年 could be any count of years.
 */
const ROC_DATE = /民國\s*(\d{1,3})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/;
const ROC_YEAR_ZERO = 1911;

function parseRocDate(text: string): PublishedDate | null {
  const match = ROC_DATE.exec(text);
  return match ? build(match[0], Number(match[1]) + ROC_YEAR_ZERO, Number(match[2]), Number(match[3])) : null;
}

/** The first date (and time) in `text`, or null. */
export function parsePublishedDate(text: string): PublishedDate | null {
  const match = DATE_PATTERN.exec(text);
  if (!match) return parseDateBadge(text) ?? parseRocDate(text) ?? parseLatinDate(text);
  if (match[4] === undefined) {
    const zoned = ZONED_TIME.exec(text.slice(match.index + match[0].length));
    if (zoned && (zoned[1] || /^\s*[,，]/.test(zoned[0]))) {
      const [, year, month, day] = match;
      const zone = zoned[1] && UTC_ZONE.test(zoned[1]) ? '+00:00' : '+08:00';
      return build(`${match[0]}${zoned[0]}`, Number(year), Number(month), Number(day), zoned[2], zoned[3], zone);
    }
  }
  const [whole, year, month, day, hour, minute, second] = match;
  if (!validDate(Number(year), Number(month), Number(day))) return null;
  const date = `${year}-${pad(month!)}-${pad(day!)}`;
  const hasTime = hour !== undefined && Number(hour) < 24 && Number(minute) < 60;
  const iso = hasTime
    ? `${date}T${pad(hourOfDay(Number(hour), whole))}:${minute}${second ? `:${second}` : ''}+08:00`
    : date;
  return { text: (hasTime ? whole : whole.replace(/\s*[T ]?\s*$/, '')).trim(), iso };
}

/**
 * A date from metadata (PubDate, article:published_time). A value with a zone is converted to
 * Beijing time; one without is taken as Beijing time already, as portal CMSs write it.
 */
export function parseMetaDate(value: string): PublishedDate | null {
  const parsed = parsePublishedDate(value);
  if (!parsed || !parsed.iso.includes('T') || !/(Z|[+-]\d{2}:?\d{2})\s*$/.test(value)) return parsed;
  const instant = new Date(value.trim());
  if (Number.isNaN(instant.getTime())) return parsed;
  const beijing = new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 19);
  return { text: parsed.text, iso: `${beijing}+08:00` };
}
