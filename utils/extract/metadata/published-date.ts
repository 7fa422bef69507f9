/**
 * Dates as Chinese portals print them: 2024-05-20 13:15:00, 2024年05月10日06:58, 2019/9/18,
 * 2024.05.20. Portal times are Beijing time, so a shown time becomes ISO 8601 with +08:00 and a
 * date alone stays a date.
 */
export const DATE_PATTERN =
  /((?:19|20)\d{2})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})\s*日?(?:\s*(?:[T ]\s*)?(\d{1,2})\s*[:：时]\s*(\d{2})(?:\s*[:：分]\s*(\d{2}))?)?/;

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

/** The first date (and time) in `text`, or null. */
export function parsePublishedDate(text: string): PublishedDate | null {
  const match = DATE_PATTERN.exec(text);
  if (!match) return null;
  const [whole, year, month, day, hour, minute, second] = match;
  if (!validDate(Number(year), Number(month), Number(day))) return null;
  const date = `${year}-${pad(month!)}-${pad(day!)}`;
  const hasTime = hour !== undefined && Number(hour) < 24 && Number(minute) < 60;
  const iso = hasTime ? `${date}T${pad(hour!)}:${minute}${second ? `:${second}` : ''}+08:00` : date;
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
