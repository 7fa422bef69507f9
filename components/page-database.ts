import { openDatabase, type PizhuDatabase } from '@/utils/db/database';

let database: PizhuDatabase | null = null;

/**
 * The database for an extension page. Pages read it directly — they are in the extension's
 * origin, and reading without waking the background keeps the popup and the library fast;
 * changes that involve a tab or the search index's upkeep go through the background.
 */
export function pageDatabase(): PizhuDatabase {
  database ??= openDatabase();
  return database;
}
