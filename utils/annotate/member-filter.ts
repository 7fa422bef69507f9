import { cleanDisplayName } from '../model/annotation';

/**
 * Whose notes are shown: everyone's (''), one member's (their name), or the reader's own
 * (`ONLY_ME`: a newline, which no display name holds since names are one line).
 */
export const ONLY_ME = '\n';

/** The reader, as their notes name them: this install's member id and display name. */
export interface Me {
  memberId: string | null;
  name: string;
}

/**
 * Whether a note passes the filter. The reader's own are the ones their member id made, and the
 * ones with no member id (made before sync) under their name.
 */
export function passesMemberFilter(record: { creatorId?: string; author: string }, filter: string, me: Me): boolean {
  if (filter === '') return true;
  if (filter !== ONLY_ME) return record.author === filter;
  if (record.creatorId) return record.creatorId === me.memberId;
  return cleanDisplayName(record.author) === cleanDisplayName(me.name);
}

/** The names to filter by: every member who annotated, once each, in sorted order. */
export function memberNames(records: readonly { author: string }[]): string[] {
  return [...new Set(records.map((record) => record.author).filter(Boolean))].sort();
}
