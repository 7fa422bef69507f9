/**
 * How a sync knows a file in the folder changed without reading it — a key that changes with
 * every write, and that never trusts a server's silence:
 * - a strong ETag, where the server gives one (it changes with the content);
 * - else the modification time and size (and a weak ETag, if any), but only once the second of
 *   that modification is over by the server's own clock: a second write within the same second
 *   and of the same size would keep the key, so such a file has no key yet and is read again;
 * - else none: the file is read at every sync.
 */

export interface FileFacts {
  etag: string | null;
  /** `getlastmodified` / `Last-Modified`, an HTTP date. */
  modified: string | null;
  size: number | null;
}

/** A weak ETag (`W/"…"`) need not change with every byte, and `If-Match` never matches one. */
export const isStrongEtag = (etag: string | null | undefined): etag is string =>
  typeof etag === 'string' && etag.length > 0 && !etag.startsWith('W/');

/** The file's change key; `serverNow` is the server's `Date` when it described the file (ms), if it said. */
export function changeKey(file: FileFacts, serverNow: number | null): string | null {
  if (isStrongEtag(file.etag)) return file.etag;
  const modified = file.modified === null ? NaN : Date.parse(file.modified);
  if (!Number.isFinite(modified) || file.size === null || serverNow === null) return null;
  if (Math.floor(modified / 1000) >= Math.floor(serverNow / 1000)) return null;
  return `${new Date(modified).toISOString()}|${file.size}${file.etag ? `|${file.etag}` : ''}`;
}
