/**
 * Times as the reader's clock shows them. Records keep UTC; a study group in UTC+8 reads
 * `2024-03-05 09:27`, not `…T01:27:04.065Z`. The zone is a parameter, so tests and exports made
 * for someone elsewhere do not depend on the machine's.
 */

export const machineTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** One formatter per zone: making one costs far more than formatting with it (a 1,000-row CSV took half a second). */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

function partsIn(date: Date, timeZone: string): Record<string, number> {
  const format = formatterFor(timeZone);
  return Object.fromEntries(
    format
      .formatToParts(date)
      .filter((part) => part.type !== 'literal')
      .map((part) => [part.type, Number(part.value)]),
  );
}

const pad = (value: number) => String(value).padStart(2, '0');

/** `2024-03-05 09:27:04` in the zone: the form spreadsheets (Excel, WPS, LibreOffice) read as a date. */
export function localDateTime(iso: string, timeZone: string, withSeconds = true): string {
  const p = partsIn(new Date(iso), timeZone);
  const time = `${pad(p.hour!)}:${pad(p.minute!)}${withSeconds ? `:${pad(p.second!)}` : ''}`;
  return `${p.year}-${pad(p.month!)}-${pad(p.day!)} ${time}`;
}

/** `20240305`, the date in the zone, for file names. */
export function localDateStamp(iso: string, timeZone: string): string {
  return localDateTime(iso, timeZone).slice(0, 10).replaceAll('-', '');
}

/** The zone's offset from UTC at that moment: `UTC+08:00`. */
export function utcOffset(iso: string, timeZone: string): string {
  const date = new Date(iso);
  const p = partsIn(date, timeZone);
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  const minutes = Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
  const sign = minutes < 0 ? '-' : '+';
  return `UTC${sign}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
}
