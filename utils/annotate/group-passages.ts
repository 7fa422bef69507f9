/** One member's highlight where it lies in the article text. */
export interface MarkedSpan {
  id: string;
  start: number;
  end: number;
  /** Who made it: the member id when known, else the display name (notes from before sync). */
  member: string;
  /** The name shown for that member ('' when they gave none). */
  name: string;
}

/**
 * Words several highlights cover: overlapping highlights (of one member or several) are one
 * passage, so the same sentence marked by three members counts three, not three passages.
 */
export interface Passage {
  start: number;
  end: number;
  /** The highlights it joins, in reading order. */
  ids: string[];
  /** The distinct members' names, in the reading order of their highlights (by where each starts). */
  names: string[];
  /** How many distinct members marked it. */
  members: number;
}

/** Who made a note, as members are told apart: the member id, or the name before sync. */
export const memberKeyOf = (record: { creatorId?: string | null; author: string }): string =>
  record.creatorId || `name:${record.author}`;

/** Joins overlapping highlights into passages, in reading order (a sweep over sorted spans). */
export function groupPassages(spans: readonly MarkedSpan[]): Passage[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
  const passages: Passage[] = [];
  let current: (Passage & { keys: Set<string> }) | null = null;
  for (const span of sorted) {
    if (!current || span.start >= current.end) {
      current = { start: span.start, end: span.end, ids: [], names: [], members: 0, keys: new Set() };
      passages.push(current);
    }
    current.end = Math.max(current.end, span.end);
    current.ids.push(span.id);
    if (!current.keys.has(span.member)) {
      current.keys.add(span.member);
      current.names.push(span.name);
      current.members = current.keys.size;
    }
  }
  return passages.map(({ start, end, ids, names, members }) => ({ start, end, ids, names, members }));
}
