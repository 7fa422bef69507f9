import { useEffect, useState } from 'preact/hooks';
import { lazyDatabase } from '@/store/lazy-database';
import { listAllAnnotations, versionsOf, type AnnotationListItem, type ArticleFilters } from '@/store/library-queries';
import type { AnnotationVersion } from '@/utils/model/annotation';
import { ROWS_PER_BATCH } from './use-article-rows';

/** Every note across articles that passes the filters, a batch at a time, with the versions a merge kept. */
export function useNoteList(options: {
  active: boolean;
  filters: ArticleFilters;
  revision: number;
  onError(error: unknown): void;
}) {
  const { active, filters, revision, onError } = options;
  const [notes, setNotes] = useState<{ total: number; items: AnnotationListItem[] } | null>(null);
  const [versions, setVersions] = useState<Map<string, AnnotationVersion[]>>(new Map());
  const noteFilters = {
    tag: filters.tag,
    color: filters.color,
    site: filters.site,
    author: filters.author,
    me: filters.me,
  };

  useEffect(() => {
    if (!active) return;
    lazyDatabase()
      .then((db) => listAllAnnotations(db, { ...noteFilters, offset: 0, limit: ROWS_PER_BATCH }))
      .then(setNotes, onError);
  }, [active, filters, revision]);
  // Edits that lost a merge conflict are shown under the note that won.
  useEffect(() => {
    if (notes) {
      void lazyDatabase()
        .then((db) =>
          versionsOf(
            db,
            notes.items.map((item) => item.annotation.id),
          ),
        )
        .then(setVersions, onError);
    }
  }, [notes]);

  const loadMore = async () => {
    if (!notes) return;
    try {
      const next = await listAllAnnotations(await lazyDatabase(), {
        ...noteFilters,
        offset: notes.items.length,
        limit: ROWS_PER_BATCH,
      });
      setNotes({ total: next.total, items: [...notes.items, ...next.items] });
    } catch (failure) {
      onError(failure);
    }
  };
  return { notes, versions, loadMore };
}
