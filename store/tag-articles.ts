import type {
  DBCore,
  DBCoreKeyRange,
  DBCoreMutateRequest,
  DBCoreRangeType,
  DBCoreTable,
  DBCoreTransaction,
  Middleware,
  Table,
} from 'dexie';
import type { AnnotationRecord } from '@/utils/model/annotation';

/**
 * The tag filter's index, in two parts. Each annotation is stored with `tagArticles`, one
 * `tag \0 articleId` key per tag (a multiEntry index): whether an article still holds a tag is one
 * count on it. And the table `articleTags` holds one row per tag and article, its primary key the
 * compound [tag+articleId]: the articles holding a tag are one getAllKeys over the tag's range
 * (a multiEntry index gives its distinct keys only through a cursor, a step per article). Both are
 * derived here on every write to the notes, in the write's transaction, so no caller keeps them;
 * the field is dropped on every read through Dexie, so no record outside the database carries it.
 */
export const TAG_ARTICLES = 'tagArticles';
const TABLE = 'articleTags';
const SEPARATOR = '\u0000';

export const ARTICLE_TAGS_SCHEMA = { [TABLE]: '[tag+articleId], articleId' } as const;

export interface ArticleTag {
  tag: string;
  articleId: string;
}

export interface ArticleTagTables {
  articleTags: Table<ArticleTag, [string, string]>;
}

type Stored = AnnotationRecord & { [TAG_ARTICLES]?: string[] };

export const tagArticleKey = (tag: string, articleId: string) => `${tag}${SEPARATOR}${articleId}`;
const pairOfKey = (key: string): ArticleTag => {
  const at = key.indexOf(SEPARATOR);
  return { tag: key.slice(0, at), articleId: key.slice(at + 1) };
};

export function withTagArticles(record: AnnotationRecord): Stored {
  return { ...record, [TAG_ARTICLES]: record.tags.map((tag) => tagArticleKey(tag, record.articleId)) };
}

export function withoutTagArticles(record: Stored): AnnotationRecord {
  if (!record || !(TAG_ARTICLES in record)) return record;
  const { [TAG_ARTICLES]: _derived, ...plain } = record;
  return plain;
}

/** The ids of the articles holding `tag`: one read of the table's keys in the tag's range. */
export async function articleIdsWithTag(db: ArticleTagTables, tag: string): Promise<Set<string>> {
  // [tag] sorts before every [tag, id], and [tag, []] after them: an array sorts after any string.
  const keys = await db.articleTags.where(':id').between([tag], [tag, []], true, true).primaryKeys();
  return new Set(keys.map(([, articleId]) => articleId));
}

/** The `tag \0 articleId` keys of every article holding a tag, from the notes' index: fills the table once. */
export async function fillArticleTags(notes: Table<AnnotationRecord, string>, rows: Table<ArticleTag>) {
  const keys = (await notes.orderBy(TAG_ARTICLES).uniqueKeys()) as string[];
  await rows.bulkPut(keys.map(pairOfKey));
}

const pairsOf = (records: readonly (AnnotationRecord | undefined)[]) =>
  new Set(records.flatMap((record) => (record ? record.tags.map((tag) => tagArticleKey(tag, record.articleId)) : [])));

const only = (key: unknown): DBCoreKeyRange => ({ type: 1 as DBCoreRangeType, lower: key, upper: key });

/** Whether a transaction can hold the table: not an upgrade from before it existed. */
const holdsTable = (transaction: DBCoreTransaction) =>
  (transaction as unknown as IDBTransaction).objectStoreNames.contains(TABLE);

/**
 * After a write to notes: a row for each tag and article the written notes hold, and none left for
 * a tag and article that no note holds any more (`maybeGone`: what the write may have taken away).
 */
function settleRows(
  notes: DBCoreTable,
  rows: DBCoreTable,
  trans: DBCoreTransaction,
  held: ReadonlySet<string>,
  maybeGone: Iterable<string>,
) {
  const index = notes.schema.getIndexByKeyPath(TAG_ARTICLES)!;
  const gone = [...maybeGone].filter((key) => !held.has(key));
  const put = held.size > 0 ? rows.mutate({ type: 'put', trans, values: [...held].map(pairOfKey) }) : null;
  const checks = gone.map((key) =>
    notes.count({ trans, query: { index, range: only(key) } }).then((count) => (count === 0 ? key : null)),
  );
  return Promise.all([put, Promise.all(checks)]).then(([, counted]) => {
    const keys = counted
      .flatMap((key) => (key === null ? [] : [pairOfKey(key)]))
      .map(({ tag, articleId }) => [tag, articleId]);
    return keys.length > 0 ? rows.mutate({ type: 'delete', trans, keys }) : null;
  });
}

/** The rows of the articles `records` belong to: what a put may take away. */
function rowsOfArticles(rows: DBCoreTable, trans: DBCoreTransaction, records: readonly AnnotationRecord[]) {
  const index = rows.schema.getIndexByKeyPath('articleId')!;
  const articleIds = [...new Set(records.map((record) => record.articleId))];
  return Promise.all(
    articleIds.map((articleId) => rows.query({ trans, values: false, query: { index, range: only(articleId) } })),
  ).then((found) =>
    found.flatMap(({ result }) => (result as [string, string][]).map(([tag, id]) => tagArticleKey(tag, id))),
  );
}

/** `rowsTable` is asked for only in a transaction that holds it: an upgrade from before it knows no such table. */
function mutateNotes(notes: DBCoreTable, rowsTable: () => DBCoreTable, request: DBCoreMutateRequest) {
  const { trans } = request;
  if (request.type === 'add' || request.type === 'put') {
    const values = (request.values as AnnotationRecord[]).map(withTagArticles);
    const written = notes.mutate({ ...request, values });
    if (!holdsTable(trans)) return written;
    const rows = rowsTable();
    // Sent with the write, in the same tick: the rows the write may take away are read beside it.
    const before = request.type === 'put' ? rowsOfArticles(rows, trans, values) : Promise.resolve([]);
    return Promise.all([written, before]).then(([response, maybeGone]) => {
      const stored = values.filter((_, at) => !(at in response.failures));
      return settleRows(notes, rows, trans, pairsOf(stored), maybeGone).then(() => response);
    });
  }
  if (!holdsTable(trans)) return notes.mutate(request);
  const rows = rowsTable();
  // A deletion: the notes it removes are read first, for the tags and articles they held.
  const doomed =
    request.type === 'delete'
      ? notes.getMany({ trans, keys: request.keys })
      : notes
          .query({ trans, values: true, query: { index: notes.schema.primaryKey, range: request.range } })
          .then(({ result }) => result as AnnotationRecord[]);
  return doomed.then((records: (AnnotationRecord | undefined)[]) =>
    notes
      .mutate(request)
      .then((response) => settleRows(notes, rows, trans, new Set(), pairsOf(records)).then(() => response)),
  );
}

/** Derives the field and the table's rows on every write of an annotation, however it is written (bulk, modify, delete). */
export const tagArticlesMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'pizhu-tag-articles',
  create: (down) => ({
    ...down,
    transaction: (stores, mode, options) =>
      down.transaction(
        mode === 'readwrite' && stores.includes('annotations') && !stores.includes(TABLE) ? [...stores, TABLE] : stores,
        mode,
        options,
      ),
    table: (name) => {
      const table = down.table(name);
      if (name !== 'annotations') return table;
      return { ...table, mutate: (request) => mutateNotes(table, () => down.table(TABLE), request) };
    },
  }),
};
