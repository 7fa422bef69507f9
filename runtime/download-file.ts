import type { ExportFile } from '@/utils/export/export-file';

/** Saves a file through the browser's downloads, from an extension page (no downloads permission needed). */
export function downloadFile(file: ExportFile) {
  const url = URL.createObjectURL(new Blob([file.data as BlobPart], { type: file.type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.name;
  link.click();
  // The download has its own copy once it started; a minute is plenty.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
