/** The User Timing measures a merge leaves (read, plan, write, index), for bench:sync and bench:export. */
export const MERGE_STAGE_PREFIX = 'pizhu:merge-';

/**
 * Runs one stage of a merge and leaves a User Timing measure of it, so a benchmark can split where
 * the time goes without a profiler; cheap enough to leave in (one entry per stage per merge).
 */
export function measureStage<T>(stage: string, run: () => T): T {
  const start = performance.now();
  const done = () => performance.measure(`${MERGE_STAGE_PREFIX}${stage}`, { start, end: performance.now() });
  const result = run();
  // Dexie's promises are thenables of their own: chained with `then`, they stay in the transaction.
  if (result && typeof (result as { then?: unknown }).then === 'function')
    return (result as unknown as PromiseLike<unknown>).then(
      (value) => {
        done();
        return value;
      },
      (error: unknown) => {
        done();
        throw error;
      },
    ) as T;
  done();
  return result;
}
