import { numberedFileName } from './file-name-parts';

/**
 * Writing notes into a folder the reader chose once (the File System Access API). The folder's handle
 * is given in, so the same code writes to a real folder, to the origin private file system in the
 * browser tests, and to a fake in the unit tests.
 */

type PermissionAnswer = 'granted' | 'denied' | 'prompt';

/** What is used of a FileSystemDirectoryHandle (the permission methods are Chromium's). */
export interface FolderHandle {
  readonly name: string;
  getFileHandle(
    name: string,
    options?: { create?: boolean },
  ): Promise<{
    createWritable(): Promise<{ write(data: string): Promise<void>; close(): Promise<void> }>;
  }>;
  queryPermission?(descriptor: { mode: 'readwrite' }): Promise<PermissionAnswer>;
  requestPermission?(descriptor: { mode: 'readwrite' }): Promise<PermissionAnswer>;
}

/**
 * Whether Pizhu may write in the folder: the browser drops a stored handle's permission when the pages
 * that used it close, and asks the reader again (`requestPermission` needs the reader's click).
 */
export async function folderWritable(folder: FolderHandle): Promise<boolean> {
  const mode = { mode: 'readwrite' } as const;
  if (!folder.queryPermission || (await folder.queryPermission(mode)) === 'granted') return true;
  return (await folder.requestPermission?.(mode)) === 'granted';
}

const isNotFound = (error: unknown) => (error as { name?: unknown } | null)?.name === 'NotFoundError';

/** Whether the folder holds a file of that name. */
async function exists(folder: FolderHandle, name: string): Promise<boolean> {
  try {
    await folder.getFileHandle(name);
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}

/**
 * Writes each note as a new file and returns the names written: a name the folder already holds gets a
 * number (`a-2.md`), so nothing there is ever overwritten.
 */
export async function writeNewFiles(folder: FolderHandle, notes: { name: string; text: string }[]) {
  const written: string[] = [];
  for (const note of notes) {
    let name = note.name;
    for (let copy = 2; await exists(folder, name); copy++) name = numberedFileName(note.name, copy);
    const writable = await (await folder.getFileHandle(name, { create: true })).createWritable();
    await writable.write(note.text);
    await writable.close();
    written.push(name);
  }
  return written;
}
