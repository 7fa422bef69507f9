import type { PizhuDatabase } from './database';
import type { StoredArticle } from '@/utils/model/article';
import {
  annotationSearchKey,
  annotationSearchText,
  articleSearchKey,
  articleSearchText,
} from '@/utils/search/search-documents';
import { indexDocuments } from './search-index';
import { clearTombstones } from './tombstones';
import { normalizeUrl } from '@/utils/url/normalize-url';
import { keptApartIdOf, planMerge, type MergeCounts } from '@/utils/import/merge-plan';
import type { ImportedNotes } from '@/utils/import/read-notes-file';

export interface ImportProgress {
  done: number;
  total: number;
}

/** Records are written in slices of this many, to report progress in between. */
const SLICE = 200;

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
  const urlKeys = [...new Set(files.flatMap((file) => file.articles.map((article) => normalizeUrl(article.url))))];
  // Both ids a copy may land under: its own, and the one it gets when it is kept apart.
  const annotationIds = [
    ...new Set(
      files.flatMap((file) => file.annotations.flatMap((annotation) => [annotation.id, keptApartIdOf(annotation)])),
    ),
  ];
  const articleIds = [...new Set(files.flatMap((file) => file.articles.map((article) => article.id)))];
  const versionKeys = [...new Set(files.flatMap((file) => file.versions.map((version) => version.key)))];

  return db.transaction(
    'rw',
    [db.articles, db.annotations, db.annotationVersions, db.tombstones, db.searchDocs, db.searchPending],
    async () => {
      // Versions kept before: those the files carry, and those of conflicts merged earlier.
      const [localArticles, idsTaken, localAnnotations, fileVersionKeys, conflictVersionKeys] = await Promise.all([
        db.articles.where('urlKey').anyOf(urlKeys).toArray(),
        db.articles.where('id').anyOf(articleIds).primaryKeys(),
        db.annotations.bulkGet(annotationIds),
        db.annotationVersions.where('key').anyOf(versionKeys).primaryKeys(),
        db.annotationVersions.where('annotationId').anyOf(annotationIds).primaryKeys(),
      ]);
      const plan = planMerge(
        {
          articlesByUrlKey: new Map(localArticles.map((article) => [article.urlKey, article])),
          articleIds: new Set(idsTaken as string[]),
          annotations: new Map(
            localAnnotations.flatMap((annotation) => (annotation ? [[annotation.id, annotation]] : [])),
          ),
          versionKeys: new Set([...fileVersionKeys, ...conflictVersionKeys] as string[]),
        },
        files,
        { now, newId: () => crypto.randomUUID() },
      );
      const total = plan.articles.length + plan.annotations.length + plan.versions.length;
      let done = 0;
      const report = (count: number) => {
        done += count;
        options.onProgress?.({ done, total });
      };
      report(0);
      for (let start = 0; start < plan.articles.length; start += SLICE) {
        // Only the articles the library lacks are stored, so only they are sanitized (a few ms each).
        const slice: StoredArticle[] = plan.articles
          .slice(start, start + SLICE)
          .map((article) => ({ ...article, html: options.sanitizeHtml(article.html) }));
        await db.articles.bulkAdd(slice);
        await indexDocuments(
          db,
          slice.map((article) => ({ key: articleSearchKey(article.id), text: articleSearchText(article) })),
        );
        report(slice.length);
      }
      for (let start = 0; start < plan.annotations.length; start += SLICE) {
        const slice = plan.annotations.slice(start, start + SLICE);
        await db.annotations.bulkPut(slice);
        if (options.revive)
          await clearTombstones(
            db,
            slice.map((annotation) => annotation.id),
          );
        await indexDocuments(
          db,
          slice.map((annotation) => ({
            key: annotationSearchKey(annotation.id),
            text: annotationSearchText(annotation),
          })),
        );
        report(slice.length);
      }
      for (let start = 0; start < plan.versions.length; start += SLICE) {
        const slice = plan.versions.slice(start, start + SLICE);
        await db.annotationVersions.bulkAdd(slice);
        report(slice.length);
      }
      return plan.counts;
    },
  );
}
