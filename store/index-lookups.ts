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
  return (await primaryKeysEach(table, index, values)).flat();
}

/** The primary keys under each of `values`, in their order, asked for together. */
const primaryKeysEach = <T, K, I>(table: Table<T, K, I>, index: string, values: readonly IndexableType[]) =>
  Promise.all(values.map((value) => table.where(index).equals(value).primaryKeys()));

/** The first record under each of `values` of a unique index, read as in `primaryKeysWhere`. */
export async function recordsWhere<T, K, I>(
  table: Table<T, K, I>,
  index: string,
  values: readonly IndexableType[],
): Promise<T[]> {
  const found = await Promise.all(values.map((value) => table.where(index).equals(value).first()));
  return found.filter((record) => record !== undefined);
}

/**
 * The primary key under each of `values` of a unique index, read as in `primaryKeysWhere`: only
 * keys cross over, never the records (an article's whole text, for a merge that needs its id).
 */
export async function primaryKeyByValue<T, K, I>(
  table: Table<T, K, I>,
  index: string,
  values: readonly IndexableType[],
): Promise<Map<IndexableType, K>> {
  const found = await primaryKeysEach(table, index, values);
  return new Map(values.flatMap((value, at) => (found[at]!.length > 0 ? [[value, found[at]![0]!] as const] : [])));
}

/** Every primary key a table holds, in one request. */
export async function heldKeys<T, K, I>(table: Table<T, K, I>): Promise<Set<IndexableType>> {
  return new Set<IndexableType>((await table.toCollection().primaryKeys()) as IndexableType[]);
}

/**
 * A table holding more than this many records per key to look up is asked for each key (one
 * request each), not for all of its keys: in a large group's join, reading every note's key for
 * each member's file took a third of the time (143 s of a 408 s join of 100 × 1,000 notes).
 */
const KEYS_PER_LOOKUP = 8;

/**
 * The keys to filter `lookups` lookups with (`heldKeys`), or null when the table is so much larger
 * that asking for each key costs less than reading all of them.
 */
export async function heldKeysFor<T, K, I>(table: Table<T, K, I>, lookups: number): Promise<Set<IndexableType> | null> {
  return (await table.count()) > lookups * KEYS_PER_LOOKUP ? null : heldKeys(table);
}

/**
 * `table.bulkGet(keys)` that asks only for the keys the table holds (`held`, from `heldKeys`): the
 * thousands of absent keys of a group's join or an import would each be a request of their own.
 * With `held` null (`heldKeysFor`), each key is asked for.
 */
export async function bulkGetPresent<T, K extends IndexableType, I>(
  table: Table<T, K, I>,
  keys: readonly K[],
  held?: ReadonlySet<IndexableType> | null,
): Promise<(T | undefined)[]> {
  if (keys.length === 0) return [];
  if (held === null) return table.bulkGet([...keys]);
  const inTable = held ?? (await heldKeys(table));
  const present = [...new Set(keys.filter((key) => inTable.has(key)))];
  const found = await table.bulkGet(present);
  const byKey = new Map(present.map((key, index) => [key, found[index]]));
  return keys.map((key) => byKey.get(key));
}
