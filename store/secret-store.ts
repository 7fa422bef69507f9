import { requestResult } from './plain-database';

/**
 * Secrets (the group's WebDAV account and what the last sync saw of its folder) in the extension
 * origin's IndexedDB, in a database of their own. A content script runs in its page's origin, so
 * this database is out of its reach in Chromium and in Firefox alike — unlike `storage.local`,
 * which every content script of the extension may read. Only the background and extension pages
 * open it.
 */

export const SECRET_DATABASE_NAME = 'pizhu-secrets';
const STORE = 'secrets';

function openSecrets(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => {
      const db = request.result;
      db.onversionchange = () => db.close();
      resolve(db);
    };
    request.onerror = () => reject(request.error);
  });
}

/** Resolves once the transaction's writes are on disk. */
function transactionDone(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error);
  });
}

async function withSecrets<T>(
  mode: IDBTransactionMode,
  run: (store: IDBObjectStore) => IDBRequest,
  name: string,
): Promise<T> {
  const db = await openSecrets(name);
  try {
    const transaction = db.transaction(STORE, mode);
    const result = requestResult(run(transaction.objectStore(STORE)));
    await transactionDone(transaction);
    return (await result) as T;
  } finally {
    db.close();
  }
}

/** A secret, or undefined when none is kept under `key`. */
export const readSecret = <T>(key: string, name = SECRET_DATABASE_NAME): Promise<T | undefined> =>
  withSecrets<T | undefined>('readonly', (store) => store.get(key), name);

/** Keeps a secret under `key`, or forgets it (undefined); resolves once the write is on disk. */
export const writeSecret = async <T>(key: string, value: T | undefined, name = SECRET_DATABASE_NAME) => {
  await withSecrets<unknown>(
    'readwrite',
    (store) => (value === undefined ? store.delete(key) : store.put(value, key)),
    name,
  );
};

/**
 * Changes the secret under `key` in one transaction and returns what is kept (`change` gets
 * undefined when none is there, and forgets the secret by returning undefined): the background's
 * sync and an extension page changing the same secret at once each see the other's change.
 */
export async function changeSecret<T>(
  key: string,
  change: (current: T | undefined) => T | undefined,
  name = SECRET_DATABASE_NAME,
): Promise<T | undefined> {
  const db = await openSecrets(name);
  try {
    const transaction = db.transaction(STORE, 'readwrite');
    const store = transaction.objectStore(STORE);
    let kept: T | undefined;
    const read = store.get(key);
    // The write is made in the read's own callback, while the transaction is still active.
    read.onsuccess = () => {
      const current = read.result as T | undefined;
      kept = change(current);
      if (kept === current) return;
      if (kept === undefined) store.delete(key);
      else store.put(kept, key);
    };
    await transactionDone(transaction);
    return kept;
  } finally {
    db.close();
  }
}

/** Keeps `value` under `key` unless a secret is there already, and returns what is kept: two pages creating it at once end with one. */
export const keepFirstSecret = async <T>(key: string, value: T, name = SECRET_DATABASE_NAME): Promise<T> =>
  (await changeSecret<T>(key, (current) => current ?? value, name))!;
