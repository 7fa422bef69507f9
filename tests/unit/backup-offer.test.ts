import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@/store/database';
import { noteFacts } from '@/store/note-facts';
import { highlight, outlinedArticle } from '../support/notes-fixture';
import { BACKUP_OFFER, backupOffer, laterOf, type BackupFacts } from '@/utils/backup-offer';

const DAY = 86_400_000;
const NOW = Date.parse('2026-06-01T00:00:00Z');
const ago = (days: number) => new Date(NOW - days * DAY).toISOString();
const facts = (more: Partial<BackupFacts>): BackupFacts => ({
  notes: 1,
  oldestNoteAt: ago(1),
  latestNoteAt: ago(1),
  lastBackupAt: null,
  dismissedAt: null,
  now: NOW,
  ...more,
});

describe('when Pizhu offers a backup', () => {
  it('offers a first backup from enough notes or from old notes, never for an empty or young library', () => {
    expect(backupOffer(facts({ notes: 0, oldestNoteAt: null, latestNoteAt: null }))).toBeNull();
    expect(backupOffer(facts({ notes: BACKUP_OFFER.notes - 1 }))).toBeNull();
    expect(backupOffer(facts({ notes: BACKUP_OFFER.notes }))).toBe('first');
    expect(backupOffer(facts({ notes: 1, oldestNoteAt: ago(BACKUP_OFFER.days - 1) }))).toBeNull();
    expect(backupOffer(facts({ notes: 1, oldestNoteAt: ago(BACKUP_OFFER.days) }))).toBe('first');
  });

  it('offers again only when the copy is old and the notes changed since', () => {
    const old = ago(BACKUP_OFFER.againAfterDays);
    expect(backupOffer(facts({ notes: 500, lastBackupAt: old, latestNoteAt: ago(1) }))).toBe('again');
    expect(
      backupOffer(facts({ notes: 500, lastBackupAt: old, latestNoteAt: ago(BACKUP_OFFER.againAfterDays + 1) })),
    ).toBeNull();
    expect(
      backupOffer(facts({ notes: 500, lastBackupAt: ago(BACKUP_OFFER.againAfterDays - 1), latestNoteAt: ago(0) })),
    ).toBeNull();
  });

  it('stays away for a while once dismissed, then comes back', () => {
    const many = { notes: 100, oldestNoteAt: ago(100) };
    expect(backupOffer(facts({ ...many, dismissedAt: ago(BACKUP_OFFER.snoozeDays - 1) }))).toBeNull();
    expect(backupOffer(facts({ ...many, dismissedAt: ago(BACKUP_OFFER.snoozeDays) }))).toBe('first');
  });

  it('counts the later of a backup file and the group folder’s copy', () => {
    expect(laterOf(ago(3), ago(1))).toBe(ago(1));
    expect(laterOf(undefined, ago(2))).toBe(ago(2));
    expect(laterOf(ago(2), null)).toBe(ago(2));
    expect(laterOf(undefined, undefined)).toBeNull();
  });
});

describe('what the offer is decided on', () => {
  const name = `facts-${crypto.randomUUID()}`;
  const db = openDatabase(name);
  afterAll(async () => db.delete());

  it('counts the notes and reads the oldest and latest change without loading the whole library', async () => {
    expect(await noteFacts(`none-${crypto.randomUUID()}`)).toEqual({
      notes: 0,
      oldestNoteAt: null,
      latestNoteAt: null,
    });
    const article = outlinedArticle('http://www.test.gov.cn/a/content_1.htm', '文章');
    await highlight(db, article, '坚持问题导向', { author: '小王', time: 3_000 });
    await highlight(db, article, '明确目标', { author: '小王', time: 1_000 });
    await highlight(db, article, '压实责任', { author: '小王', time: 2_000 });
    expect(await noteFacts(name)).toEqual({
      notes: 3,
      oldestNoteAt: new Date(1_000).toISOString(),
      latestNoteAt: new Date(3_000).toISOString(),
    });
  });
});
