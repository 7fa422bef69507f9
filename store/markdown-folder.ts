import type { FolderHandle } from '@/utils/export/folder-write';
import { readSecret, writeSecret } from './secret-store';

/**
 * The folder the reader chose for 全文 Markdown, kept as its handle in the extension origin's IndexedDB
 * (a handle can be kept there and nowhere else; no content script reaches this database).
 */
const KEY = 'markdownFolder';

export const readMarkdownFolder = () => readSecret<FolderHandle>(KEY);

/** Keeps the chosen folder, or forgets it (undefined). */
export const writeMarkdownFolder = (folder: FolderHandle | undefined) => writeSecret(KEY, folder);
