import type { PizhuDatabase } from './database';

let database: Promise<PizhuDatabase> | null = null;

/**
 * The database for an extension page, through Dexie. Pages read it directly — they are in the
 * extension's origin, and reading without waking the background keeps the popup and the library
 * fast; changes that involve a tab or the search index's upkeep go through the background.
 * Dexie is loaded on first use, not with the extension page: first screens read with plain IndexedDB
 * (store/plain-database.ts) while it loads.
 */
export function lazyDatabase(): Promise<PizhuDatabase> {
  database ??= import('./database').then(({ openDatabase }) => openDatabase());
  return database;
}
