import type { IndexableType } from 'dexie';
import type { PizhuDatabase } from './database';
import type { StoredArticle } from '@/utils/model/article';
import type { AnnotationRecord } from '@/utils/model/annotation';
import {
  annotationSearchKey,
  annotationSearchText,
  articleSearchKey,
  articleSearchText,
} from '@/utils/search/search-documents';
import { indexDocuments } from './search-index';
import { clearTombstones } from './tombstones';
import { bulkGetPresent, primaryKeyByValue, primaryKeysWhere } from './index-lookups';
import { normalizeUrl } from '@/utils/url/normalize-url';
import { keptApartIdOf, planMerge, type LocalNotes, type MergeCounts, type MergePlan } from '@/utils/merge/merge-plan';
import type { ImportedNotes } from '@/utils/import/read-notes-file';
import { measureStage } from '@/utils/stage-timing';

export interface ImportProgress {
  done: number;
  total: number;
}

/** The tables a merge reads and writes, the search index's included. */
export const mergeTables = (db: PizhuDatabase) => [
  db.articles,
  db.annotations,
  db.annotationVersions,
  db.tombstones,
  db.searchDocs,
  db.searchPending,
];

/**
 * What of the database merging `files` looks at, in one read of each kind: the local articles of
 * their addresses, the ids their articles would take, every note they name (under its own id and
 * the id it gets when kept apart) and the keys of the versions already kept. Call inside the
 * merge's transaction. `known`: what the caller read already in it — the notes' keys (`heldKeys`),
 * notes it looked up by id and, when it knows them, the id of every article by address — so that
 * nothing is read twice.
 */
export async function readLocalNotes(
  db: PizhuDatabase,
  files: readonly ImportedNotes[],
  known?: {
    held: ReadonlySet<IndexableType> | null;
    notes: ReadonlyMap<string, AnnotationRecord>;
    articles?: ReadonlyMap<string, string> | null;
  },
): Promise<LocalNotes> {
  const urlKeys = [...new Set(files.flatMap((file) => file.articles.map((article) => normalizeUrl(article.url))))];
  const annotationIds = [
    ...new Set(
      files.flatMap((file) => file.annotations.flatMap((annotation) => [annotation.id, keptApartIdOf(annotation)])),
    ),
  ];
  const articleIds = [...new Set(files.flatMap((file) => file.articles.map((article) => article.id)))];
  // Every version kept before, the files' own and those of conflicts merged earlier, in one read
  // of the keys: versions are few beside the notes, and a key already kept is never added again.
  const articles = known?.articles;
  const [localArticleIds, idsTaken, localAnnotations, keptVersionKeys] = await Promise.all([
    articles ? articles : primaryKeyByValue(db.articles, 'urlKey', urlKeys),
    articles ? [...articles.values()] : primaryKeysWhere(db.articles, 'id', articleIds),
    bulkGetPresent(
      db.annotations,
      annotationIds.filter((id) => !known?.notes.has(id)),
      known?.held,
    ),
    db.annotationVersions.toCollection().primaryKeys(),
  ]);
  return {
    articleIdsByUrlKey: localArticleIds as ReadonlyMap<string, string>,
    articleIds: new Set(idsTaken as string[]),
    annotations: new Map([
      ...annotationIds.flatMap((id) => {
        const note = known?.notes.get(id);
        return note ? [[id, note] as const] : [];
      }),
      ...localAnnotations.flatMap((annotation) => (annotation ? [[annotation.id, annotation] as const] : [])),
    ]),
    versionKeys: new Set(keptVersionKeys),
  };
}

/** The search documents of records written by a merge. */
export function searchDocumentsOf(articles: readonly StoredArticle[], annotations: readonly AnnotationRecord[]) {
  return [
    ...articles.map((article) => ({ key: articleSearchKey(article.id), text: articleSearchText(article) })),
    ...annotations.map((annotation) => ({
      key: annotationSearchKey(annotation.id),
      text: annotationSearchText(annotation),
    })),
  ];
}

/**
 * Writes a merge plan: each record once, a table at a time in bulk. Only the articles the library
 * lacks are in the plan, so only they are sanitized. Returns the articles as stored.
 */
export async function writeMergePlan(
  db: PizhuDatabase,
  plan: MergePlan,
  options: { sanitizeHtml: (html: string) => string; revive?: boolean },
): Promise<StoredArticle[]> {
  const articles = plan.articles.map((article) => ({ ...article, html: options.sanitizeHtml(article.html) }));
  await Promise.all([
    db.articles.bulkAdd(articles),
    db.annotations.bulkPut(plan.annotations),
    db.annotationVersions.bulkAdd(plan.versions),
    options.revive
      ? clearTombstones(
          db,
          plan.annotations.map((annotation) => annotation.id),
        )
      : undefined,
  ]);
  return articles;
}

/**
 * Merges checked notes files into the database in one transaction: it all lands, or — a full
 * disk, a closed page — none of it does. The local records are read inside the same transaction,
 * so an edit made meanwhile in another tab is merged, not overwritten. `sanitizeHtml` cleans each
 * new article's HTML before it is stored, as for a clip.
 */
export async function importNotes(
  db: PizhuDatabase,
  files: readonly ImportedNotes[],
  options: {
    sanitizeHtml: (html: string) => string;
    onProgress?: (progress: ImportProgress) => void;
    now?: Date;
    /**
     * The reader brings notes back by hand (导入批注, a backup): one they had deleted is theirs
     * again, so its deletion no longer travels to the group. A sync leaves that to tombstones.
     */
    revive?: boolean;
  },
): Promise<MergeCounts> {
  const now = (options.now ?? new Date()).toISOString();
  return db.transaction('rw', mergeTables(db), async () => {
    const local = await measureStage('read', () => readLocalNotes(db, files));
    const plan = measureStage('plan', () => planMerge(local, files, { now, newId: () => crypto.randomUUID() }));
    const total = plan.articles.length + plan.annotations.length + plan.versions.length;
    options.onProgress?.({ done: 0, total });
    const articles = await measureStage('write', () => writeMergePlan(db, plan, options));
    // Left pending, as a clip is: the background folds them in once the import is done, and a
    // search scans what is pending meanwhile. Postings built here, a fold per million characters
    // of article text, made a 10,000-note import many times slower.
    await measureStage('index', () => indexDocuments(db, searchDocumentsOf(articles, plan.annotations)));
    options.onProgress?.({ done: total, total });
    return plan.counts;
  });
}
