import type { AnnotationStore } from '@/utils/annotate/page-annotator';
import { PizhuError } from '@/utils/errors';
import { callBackground } from './message-client';

/** Changes go to the background, on the live page and in the reader alike. */
export const backgroundAnnotationStore: AnnotationStore = {
  save: (input, base) => callBackground('annotation.save', base ? { ...input, base } : input),
  delete: (id) => callBackground('annotation.delete', { id }),
  restore: (record) => callBackground('annotation.restore', record),
};

const RETRYABLE: readonly string[] = ['unreachable', 'internal', 'storage-failed'];

/** Worth retrying: the background was unreachable (starting up) or a write failed for now. */
export function isRetryableError(error: unknown): boolean {
  return !(error instanceof PizhuError) || RETRYABLE.includes(error.code);
}
