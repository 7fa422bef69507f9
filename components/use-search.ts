import { useEffect, useState } from 'preact/hooks';
import type { SearchHit } from '@/store/library-queries';
import { lazyDatabase } from '../store/lazy-database';

/** Results arrive as the user types; a slower, older search never overwrites a newer one. */
const TYPING_PAUSE_MS = 120;

export function useSearch(query: string, limit: number) {
  const [result, setResult] = useState<{ query: string; hits: SearchHit[]; more: boolean } | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const wanted = query.trim();
    if (!wanted) {
      setResult(null);
      return;
    }
    let current = true;
    // Search and Dexie are loaded with the first keystroke, during the typing pause, not with the page.
    const loading = Promise.all([lazyDatabase(), import('@/store/library-queries')]);
    const timer = setTimeout(() => {
      loading
        .then(([db, { searchLibrary }]) => searchLibrary(db, wanted, limit))
        .then(
          (found) => current && (setResult({ query: wanted, ...found }), setError(null)),
          (failure) => current && setError(failure),
        );
    }, TYPING_PAUSE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query, limit]);
  return { result, error };
}
