import type { DBCore, DBCoreTransaction, Middleware, Table } from 'dexie';

/**
 * A token that changes with every write to what a member publishes (articles, notes, replies,
 * deletions), however it is written and from whichever page: group sync keeps the token its own
 * file was built at, and while both are unchanged it need not build the file again to know there
 * is nothing to send. The token is written in the same transaction as the change, so it never
 * says "unchanged" about a change that was stored.
 */
export const LOCAL_REVISION_SCHEMA = { localRevision: 'id' } as const;

const TABLE = 'localRevision';
const ID = 'library';
const WATCHED = new Set(['articles', 'annotations', 'replies', 'tombstones']);

/** Whether a transaction can hold the token: not an upgrade from before the table existed. */
const holdsToken = (transaction: DBCoreTransaction) =>
  (transaction as unknown as IDBTransaction).objectStoreNames.contains(TABLE);

/** Widens every read-write transaction over a watched table to the token's, and renews the token after each write. */
export const localRevisionMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'pizhu-local-revision',
  create: (down) => ({
    ...down,
    transaction: (stores, mode, options) =>
      down.transaction(
        mode === 'readwrite' && stores.some((store) => WATCHED.has(store)) && !stores.includes(TABLE)
          ? [...stores, TABLE]
          : stores,
        mode,
        options,
      ),
    table: (name) => {
      const table = down.table(name);
      if (!WATCHED.has(name)) return table;
      return {
        ...table,
        // Sent with the write, in the same tick: awaiting it first would let Dexie's transaction commit early.
        mutate: (request) => {
          const written = table.mutate(request);
          if (!holdsToken(request.trans)) return written;
          const renewed = down.table(TABLE).mutate({
            type: 'put',
            trans: request.trans,
            values: [{ id: ID, token: crypto.randomUUID() }],
          });
          return renewed.then(() => written);
        },
      };
    },
  }),
};

export interface LocalRevisionTables {
  localRevision: Table<{ id: string; token: string }, string>;
}

/** The library's current token; null before its first write. */
export async function readLocalRevision(db: LocalRevisionTables): Promise<string | null> {
  return (await db.localRevision.get(ID))?.token ?? null;
}

/**
 * Puts back the token a transaction started with, in that transaction, after writes that changed
 * nothing the member publishes (others' notes merged in): the member's file need not be built again.
 */
export async function keepLocalRevision(db: LocalRevisionTables, token: string): Promise<void> {
  await db.localRevision.put({ id: ID, token });
}
