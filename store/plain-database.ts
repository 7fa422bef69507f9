import { DATABASE_NAME } from './database-name';

/*
 * Pizhu's database read with plain IndexedDB, for first screens. Dexie is two thirds of the
 * extension pages' script: parsing it before the first screen was most of the popup's and the
 * library's own time to ready, so those pages read their first records without it and load Dexie
 * on first use (lazy-database.ts). The records are the objects Dexie wrote (it stores
 * them as they are), and the indexes read here have existed since schema version 1.
 */

export function requestResult<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/**
 * Opens the database as it is, or gives null when nothing has been stored yet: creating it, and
 * upgrading its schema, is left to Dexie.
 */
function openStoredDatabase(name: string): Promise<IDBDatabase | null> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onsuccess = () => {
      const db = request.result;
      // A newer version of the extension upgrading the schema must not wait for this page.
      db.onversionchange = () => db.close();
      resolve(db);
    };
    request.onerror = (event) => {
      if (request.error?.name !== 'AbortError') return reject(request.error);
      event.preventDefault();
      resolve(null);
    };
  });
}

/**
 * Runs `read` on the stored database and closes it, or gives `empty` when there is none yet.
 * An open the browser refuses (storage turned off) rejects, for the page to say so.
 */
export async function readStoredDatabase<T>(
  read: (db: IDBDatabase) => Promise<T>,
  empty: T,
  name = DATABASE_NAME,
): Promise<T> {
  const db = await openStoredDatabase(name);
  if (!db) return empty;
  try {
    return await read(db);
  } finally {
    db.close();
  }
}

/** What `take` makes of each record a cursor passes (undefined: not wanted), `skip` of them left out, at most `limit`. */
export function walkCursor<C extends IDBCursor, T>(
  request: IDBRequest<C | null>,
  take: (cursor: C) => T | undefined,
  skip: number,
  limit: number,
): Promise<T[]> {
  const found: T[] = [];
  let skipped = 0;
  return new Promise((resolve, reject) => {
    request.onsuccess = () => {
      const cursor = request.result;
      if (!cursor || found.length >= limit) return resolve(found);
      const item = take(cursor);
      if (item !== undefined && skipped++ >= skip) found.push(item);
      cursor.continue();
    };
    request.onerror = () => reject(request.error);
  });
}
