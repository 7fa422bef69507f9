import type { DBCore, Middleware } from 'dexie';
import type { AnnotationRecord } from '@/utils/model/annotation';

/**
 * The tag filter's index: each annotation is stored with `tagArticles`, one `tag \0 articleId` key
 * per tag (a multiEntry index), so the articles holding a tag are the index's distinct keys — read
 * without reading one note. The field is derived here on every write and dropped on every read
 * through Dexie, so no record outside the database ever carries it.
 */
export const TAG_ARTICLES = 'tagArticles';
const SEPARATOR = '\u0000';

type Stored = AnnotationRecord & { [TAG_ARTICLES]?: string[] };

export const tagArticleKey = (tag: string, articleId: string) => `${tag}${SEPARATOR}${articleId}`;

/** The range of keys of one tag, and the article id a key names. */
export const tagRange = (tag: string): [string, string] => [`${tag}${SEPARATOR}`, `${tag}${SEPARATOR}\uffff`];
export const articleIdOfKey = (key: string) => key.slice(key.indexOf(SEPARATOR) + 1);

export function withTagArticles(record: AnnotationRecord): Stored {
  return { ...record, [TAG_ARTICLES]: record.tags.map((tag) => tagArticleKey(tag, record.articleId)) };
}

export function withoutTagArticles(record: Stored): AnnotationRecord {
  if (!record || !(TAG_ARTICLES in record)) return record;
  const { [TAG_ARTICLES]: _derived, ...plain } = record;
  return plain;
}

/** Derives the field on every add and put of an annotation, however it is written (bulk, modify). */
export const tagArticlesMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'pizhu-tag-articles',
  create: (down) => ({
    ...down,
    table: (name) => {
      const table = down.table(name);
      if (name !== 'annotations') return table;
      return {
        ...table,
        mutate: (request) =>
          request.type === 'add' || request.type === 'put'
            ? table.mutate({ ...request, values: (request.values as AnnotationRecord[]).map(withTagArticles) })
            : table.mutate(request),
      };
    },
  }),
};
