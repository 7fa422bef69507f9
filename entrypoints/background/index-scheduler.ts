import type { PizhuDatabase } from '@/store/database';
import { mergePending } from '@/store/search-index';

/** Merging waits for this pause in writing, so a burst of edits is indexed once. */
const QUIET_MS = 1500;

/**
 * Returns a function that asks for the search index's pending documents to be merged soon.
 * Merging runs in batches, each its own transaction: if the service worker stops half-way, the
 * rest stays pending (searches still see it) and is merged next time.
 */
export function createIndexScheduler(db: PizhuDatabase): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      while ((await mergePending(db)) > 0);
    } catch (error) {
      console.warn('Pizhu: search index merge failed; it will be retried', error);
    } finally {
      running = false;
    }
  };
  return () => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(), QUIET_MS);
  };
}
