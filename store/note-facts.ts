import { readStoredDatabase, requestResult } from './plain-database';

export interface NoteFacts {
  notes: number;
  /** The oldest and the latest change of a note (ISO times), null without notes. */
  oldestNoteAt: string | null;
  latestNoteAt: string | null;
}

/**
 * How many notes the library holds and the span of their changes: a count and the two ends of the
 * `updatedAt` index, read with plain IndexedDB so the page showing it need not load Dexie for it.
 */
export function noteFacts(name?: string): Promise<NoteFacts> {
  return readStoredDatabase(
    async (db) => {
      const annotations = db.transaction('annotations').objectStore('annotations');
      const end = async (direction: IDBCursorDirection) => {
        const cursor = await requestResult(annotations.index('updatedAt').openCursor(null, direction));
        return (cursor?.value as { updatedAt?: string } | undefined)?.updatedAt ?? null;
      };
      const [notes, oldestNoteAt, latestNoteAt] = await Promise.all([
        requestResult(annotations.count()),
        end('next'),
        end('prev'),
      ]);
      return { notes, oldestNoteAt, latestNoteAt };
    },
    { notes: 0, oldestNoteAt: null, latestNoteAt: null },
    name,
  );
}
