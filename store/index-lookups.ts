import type { IndexableType, Table } from 'dexie';

/**
 * The primary keys of the records whose `index` holds any of `values`, read as exact lookups sent
 * together: IndexedDB answers them back to back, where an `anyOf` cursor waits on a round trip for
 * every value it jumps to — thousands of them, most absent, in a group's join.
 */
export async function primaryKeysWhere<T, K, I>(
  table: Table<T, K, I>,
  index: string,
  values: readonly IndexableType[],
): Promise<K[]> {
  return (await Promise.all(values.map((value) => table.where(index).equals(value).primaryKeys()))).flat();
}

/** The first record under each of `values` of a unique index, read as in `primaryKeysWhere`. */
export async function recordsWhere<T, K, I>(
  table: Table<T, K, I>,
  index: string,
  values: readonly IndexableType[],
): Promise<T[]> {
  const found = await Promise.all(values.map((value) => table.where(index).equals(value).first()));
  return found.filter((record) => record !== undefined);
}
