import type { PizhuDatabase } from './database';

/**
 * Notes that know their member leave a tombstone when deleted, so group sync can tell the
 * others; the member's own tombstones travel in their file. An undo takes it back.
 */
export async function recordTombstones(
  db: PizhuDatabase,
  records: readonly { id: string; creatorId?: string }[],
  now = new Date(),
): Promise<void> {
  const deletedAt = now.toISOString();
  await db.tombstones.bulkPut(
    records.flatMap(({ id, creatorId }) => (creatorId ? [{ id, creatorId, deletedAt }] : [])),
  );
}

export const clearTombstones = (db: PizhuDatabase, ids: readonly string[]) => db.tombstones.bulkDelete([...ids]);
