import { PizhuError } from '@/utils/errors';
import { unclippedArticle } from './article-store';
import type { ArticleExtract } from '@/utils/model/article';
import {
  EDITABLE_FIELDS,
  editableOf,
  sameFieldValue,
  type AnnotationRecord,
  type AnnotationSave,
  type EditableFields,
} from '@/utils/model/annotation';
import { indexDocuments, unindexDocuments } from './search-index';
import { normalizeUrl } from '@/utils/url/normalize-url';
import type { PizhuDatabase } from './database';
import { clearTombstones, recordTombstones } from './tombstones';
import {
  annotationSearchKey,
  annotationSearchText,
  articleSearchKey,
  articleSearchText,
} from '@/utils/search/search-documents';

/**
 * The fields a save changes: those the page changed from what it last saw (`base`). The others
 * keep their stored value, which another tab may have changed meanwhile — no lost update.
 */
function mergeEdit(existing: AnnotationRecord | undefined, input: AnnotationSave): EditableFields {
  const fields = editableOf(input);
  if (!existing || !input.base) return fields;
  for (const field of EDITABLE_FIELDS) {
    if (sameFieldValue(input[field], input.base[field])) (fields as Record<string, unknown>)[field] = existing[field];
  }
  return fields;
}

/**
 * A stored annotation stays on the page it was made on: a save or a restore that would move it to
 * another address, or a content script reaching for another page's annotation, is refused.
 * `ownPage` is the address of the page a content script runs in (null for extension pages).
 */
function checkSamePage(existing: AnnotationRecord | undefined, urlKey: string | null, what: string) {
  if (existing && urlKey !== null && existing.urlKey !== urlKey) {
    throw new PizhuError('forbidden-sender', `${what}: the annotation belongs to another page`);
  }
}

/**
 * Another member's note arrived through group sync: it is theirs to change. Members answer it
 * with a reply instead; a note from before sync (no member) stays editable.
 */
function checkOwnNote(existing: AnnotationRecord | undefined, memberId: string | undefined) {
  if (existing?.creatorId && memberId && existing.creatorId !== memberId) {
    throw new PizhuError('not-yours', 'another member made this note');
  }
}

/**
 * Saves an annotation (new or edited) in one transaction with the article it belongs to. An
 * article that was only read, not clipped, is created from `loadArticle` with no clip date, so
 * the library can list it; its annotations then follow it when it is clipped later.
 */
export async function saveAnnotation(
  db: PizhuDatabase,
  save: AnnotationSave,
  options: { author: string; memberId?: string; loadArticle: () => Promise<ArticleExtract>; now?: Date },
): Promise<AnnotationRecord> {
  const { base: _base, ...input } = save;
  const urlKey = normalizeUrl(input.url);
  const timestamp = (options.now ?? new Date()).toISOString();
  // The page is asked for its article before the transaction: IndexedDB transactions end when
  // they wait on anything but the database.
  const known = await db.articles.where('urlKey').equals(urlKey).first();
  const extract = known ? null : await options.loadArticle();
  return db.transaction('rw', [db.articles, db.annotations, db.searchDocs, db.searchPending], async () => {
    let article = await db.articles.where('urlKey').equals(urlKey).first();
    if (!article && extract) {
      article = unclippedArticle(extract, urlKey, timestamp);
      await db.articles.add(article);
      await indexDocuments(db, [{ key: articleSearchKey(article.id), text: articleSearchText(article) }]);
    }
    if (!article) throw new Error('the annotation has no article to belong to');
    const existing = await db.annotations.get(input.id);
    checkSamePage(existing, urlKey, 'save');
    checkOwnNote(existing, options.memberId);
    const creatorId = existing ? existing.creatorId : options.memberId;
    const record: AnnotationRecord = {
      ...input,
      ...mergeEdit(existing, save),
      articleId: article.id,
      urlKey,
      author: existing?.author ?? options.author,
      ...(creatorId ? { creatorId } : {}),
      createdAt: existing?.createdAt ?? timestamp,
      updatedAt: timestamp,
    };
    await db.annotations.put(record);
    await indexDocuments(db, [{ key: annotationSearchKey(record.id), text: annotationSearchText(record) }]);
    await db.articles.update(article.id, { updatedAt: timestamp });
    return record;
  });
}

/** The annotations of a page, oldest first (their reading order comes from anchoring). */
export async function listAnnotationsForUrl(db: PizhuDatabase, url: string): Promise<AnnotationRecord[]> {
  const annotations = await db.annotations.where('urlKey').equals(normalizeUrl(url)).toArray();
  return annotations.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/**
 * Deletes an annotation and returns it, so the UI can offer undo by saving it again. With
 * `ownPage`, only an annotation of that page is deleted.
 */
export async function deleteAnnotation(
  db: PizhuDatabase,
  id: string,
  ownPage: string | null = null,
): Promise<AnnotationRecord | null> {
  return db.transaction('rw', [db.annotations, db.tombstones, db.searchDocs, db.searchPending], async () => {
    const existing = (await db.annotations.get(id)) ?? null;
    checkSamePage(existing ?? undefined, ownPage && normalizeUrl(ownPage), 'delete');
    if (existing) {
      await db.annotations.delete(id);
      await recordTombstones(db, [existing]);
    }
    await unindexDocuments(db, [annotationSearchKey(id)]);
    return existing;
  });
}

/** Puts a deleted annotation back exactly as it was (undo). */
export async function restoreAnnotation(db: PizhuDatabase, record: AnnotationRecord): Promise<AnnotationRecord> {
  return db.transaction(
    'rw',
    [db.articles, db.annotations, db.tombstones, db.searchDocs, db.searchPending],
    async () => {
      const article = await db.articles.get(record.articleId);
      if (!article || article.urlKey !== record.urlKey || normalizeUrl(record.url) !== record.urlKey) {
        throw new Error('the annotation does not belong to a stored article');
      }
      checkSamePage(await db.annotations.get(record.id), record.urlKey, 'restore');
      await db.annotations.put(record);
      await clearTombstones(db, [record.id]);
      await indexDocuments(db, [{ key: annotationSearchKey(record.id), text: annotationSearchText(record) }]);
      return record;
    },
  );
}

/** Tags in use, most used first, for suggestions while tagging. */
export async function listTags(db: PizhuDatabase, limit = 200): Promise<string[]> {
  const counts = new Map<string, number>();
  await db.annotations.orderBy('tags').eachKey((tag) => {
    const name = String(tag);
    counts.set(name, (counts.get(name) ?? 0) + 1);
  });
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'zh'))
    .slice(0, limit)
    .map(([tag]) => tag);
}

/** How many stored annotations carry no author's name. */
export function countUnsigned(db: PizhuDatabase): Promise<number> {
  return db.annotations.where('author').equals('').count();
}

/**
 * Puts the user's name on the annotations made before they set one. Their edit times stay: the
 * name says who wrote them, it is not an edit.
 */
export function signUnsigned(db: PizhuDatabase, author: string): Promise<number> {
  return db.annotations.where('author').equals('').modify({ author });
}
