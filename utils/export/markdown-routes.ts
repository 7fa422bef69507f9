/**
 * Where 全文 Markdown can go without a file dialog, by what the reader set up and what the browser offers:
 * an Obsidian vault (one note at a time: its text travels in the address or on the one clipboard), a
 * folder chosen once (where the browser has the File System Access API: Chromium, not Firefox). The
 * download is always there besides.
 */
export type MarkdownRoute = 'obsidian' | 'folder';

export function markdownRoutes(offer: {
  obsidianVault: string;
  folderChosen: boolean;
  /** Whether the browser can write to a chosen folder (`showDirectoryPicker` exists). */
  folderWritable: boolean;
}): MarkdownRoute[] {
  const routes: MarkdownRoute[] = [];
  if (offer.obsidianVault.trim()) routes.push('obsidian');
  if (offer.folderWritable && offer.folderChosen) routes.push('folder');
  return routes;
}
