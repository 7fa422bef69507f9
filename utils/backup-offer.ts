/**
 * When Pizhu offers a backup. A library lives in the browser's storage only: a reset browser, a
 * lost computer or a profile wiped takes every note with it. A reader who has notes worth keeping
 * and no copy of them anywhere is offered one — never made silently, and never nagged: a
 * dismissed offer comes back only after a while, and only if the notes changed since the copy.
 */

export const BACKUP_OFFER = {
  /** Never backed up: offered from this many notes on… */
  notes: 20,
  /** …or once the oldest note is this many days old. */
  days: 14,
  /** Backed up: offered again when the copy is this old and notes changed since. */
  againAfterDays: 30,
  /** A dismissed offer stays away this long. */
  snoozeDays: 14,
} as const;

export interface BackupFacts {
  notes: number;
  /** The oldest and the latest change of a note in the library (ISO times), null without notes. */
  oldestNoteAt: string | null;
  latestNoteAt: string | null;
  /** The last copy made: a backup file downloaded, or the member's file written to the group folder. */
  lastBackupAt: string | null;
  /** When the reader last dismissed the offer. */
  dismissedAt: string | null;
  now: number;
}

const DAY = 24 * 60 * 60 * 1000;
/** Days from an ISO time to `now` (ms), with fractions. */
export const daysSince = (iso: string, now: number) => (now - Date.parse(iso)) / DAY;

/** Whether to offer a backup now: 'first' (never made one), 'again' (the last one is old), or null. */
export function backupOffer(facts: BackupFacts): 'first' | 'again' | null {
  const { notes, oldestNoteAt, latestNoteAt, lastBackupAt, dismissedAt, now } = facts;
  if (notes === 0) return null;
  if (dismissedAt && daysSince(dismissedAt, now) < BACKUP_OFFER.snoozeDays) return null;
  if (!lastBackupAt) {
    const old = oldestNoteAt !== null && daysSince(oldestNoteAt, now) >= BACKUP_OFFER.days;
    return notes >= BACKUP_OFFER.notes || old ? 'first' : null;
  }
  const changedSince = latestNoteAt !== null && Date.parse(latestNoteAt) > Date.parse(lastBackupAt);
  return changedSince && daysSince(lastBackupAt, now) >= BACKUP_OFFER.againAfterDays ? 'again' : null;
}

/** The later of two optional ISO times. */
export const laterOf = (a: string | null | undefined, b: string | null | undefined): string | null =>
  !a ? (b ?? null) : !b ? a : Date.parse(a) >= Date.parse(b) ? a : b;
