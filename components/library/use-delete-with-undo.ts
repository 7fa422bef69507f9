import { useState } from 'preact/hooks';
import { deleteArticles, restoreArticles, type DeletedArticles } from '@/store/article-store';
import { lazyDatabase } from '@/store/lazy-database';

/** The articles the reader ticked, deleted with their notes together, and undo for the last deletion. */
export function useDeleteWithUndo(options: { onChanged(): void; onError(error: unknown): void }) {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [deleted, setDeleted] = useState<DeletedArticles | null>(null);

  const toggle = (id: string) =>
    setSelected((before) => {
      const next = new Set(before);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const deleteSelected = async () => {
    try {
      setDeleted(await deleteArticles(await lazyDatabase(), [...selected]));
      setSelected(new Set());
      options.onChanged();
    } catch (failure) {
      options.onError(failure);
    }
  };
  const undoDelete = async () => {
    if (!deleted) return;
    try {
      await restoreArticles(await lazyDatabase(), deleted);
      setDeleted(null);
      options.onChanged();
    } catch (failure) {
      options.onError(failure);
    }
  };
  return { selected, setSelected, toggle, deleted, deleteSelected, undoDelete };
}
