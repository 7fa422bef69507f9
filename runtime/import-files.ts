import { ImportFileError } from '@/utils/import/import-file-error';
import { importNotes, type ImportProgress } from '@/store/merge-notes';
import type { MergeCounts } from '@/utils/merge/merge-plan';
import { readNotesFile, type ImportedNotes } from '@/utils/import/read-notes-file';
import { callBackground } from './message-client';
import { sanitizeHtml } from '@/utils/sanitize/sanitize-html';
import { lazyDatabase } from '@/store/lazy-database';

/** Reads every chosen file and checks it; one bad file refuses them all, before anything is written. */
async function readAll(files: readonly File[]): Promise<ImportedNotes[]> {
  const read: ImportedNotes[] = [];
  for (const file of files) {
    try {
      read.push(readNotesFile(await file.text(), file.size));
    } catch (error) {
      if (error instanceof ImportFileError) error.fileName = file.name;
      throw error;
    }
  }
  return read;
}

/**
 * Merges members' notes files into the library, all or nothing. Loaded when a file is chosen:
 * the checks, the merge and the sanitizer are not needed before.
 */
export async function importFiles(
  files: readonly File[],
  onProgress: (progress: ImportProgress) => void,
): Promise<MergeCounts> {
  const read = await readAll(files);
  const counts = await importNotes(await lazyDatabase(), read, {
    sanitizeHtml: (html) => sanitizeHtml(html, window),
    onProgress,
    revive: true,
  });
  // The worker folds the new search documents in; searches see them before that too.
  void callBackground('library.changed', {}).catch(() => undefined);
  return counts;
}
