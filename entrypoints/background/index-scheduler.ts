import type { PizhuDatabase } from '@/store/database';
import { mergePending } from '@/store/search-index';

/** Merging waits for this pause in writing, so a burst of edits is indexed once. */
const QUIET_MS = 1500;

/**
 * Folds the search index's pending documents into it: `later` once writing pauses, `now` right
 * away (a sync that merged members' files, so their notes are searchable when it ends). Folds run
 * one at a time, each its own transaction: if the service worker stops half-way, the rest stays
 * pending (searches still see it) and is merged next time.
 */
export function createIndexScheduler(db: PizhuDatabase): { later: () => void; now: () => Promise<void> } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let folding: Promise<void> = Promise.resolve();
  const now = () => {
    clearTimeout(timer);
    folding = folding.then(async () => {
      try {
        while ((await mergePending(db)) > 0);
      } catch (error) {
        console.warn('Pizhu: search index merge failed; it will be retried', error);
      }
    });
    return folding;
  };
  return {
    later: () => {
      clearTimeout(timer);
      timer = setTimeout(() => void now(), QUIET_MS);
    },
    now,
  };
}
