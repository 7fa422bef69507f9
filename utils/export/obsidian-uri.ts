import { safeNamePart } from './file-name-parts';

/**
 * Sending a note to an Obsidian vault through its `obsidian://new` URI, as Obsidian documents it
 * (https://help.obsidian.md/uri, "Create note"): `vault` names the vault, `file` is the path from the
 * vault's root (`.md` may be left off), `content` is the note's text, and `clipboard` takes the text from
 * the clipboard instead. Values are percent-encoded, `/` as `%2F` and a space as `%20`, as the page asks.
 * Neither `append` nor `overwrite` is ever sent: a note already in the vault is not changed.
 */

/**
 * The longest URI sent with the text in it. Operating systems hand custom-scheme URIs to the app through
 * paths with limits of their own (2,048 characters is the common floor), and each Chinese character is
 * 9 characters encoded: past this the text goes through the clipboard.
 */
export const OBSIDIAN_URI_LIMIT = 2_000;

/** Characters Obsidian refuses in a file name, or that break its links (`#`, `^`, `[`, `]`, `|`). */
const OBSIDIAN_UNSAFE = /[#^[\]|]+/g;

/** A folder or file name as one segment of a vault path: safe, never `.`/`..`, never hidden. */
function segment(text: string): string {
  return safeNamePart(text.replace(OBSIDIAN_UNSAFE, ' '), 100).replace(/^\.+/, '').trim();
}

/**
 * The note's path in the vault: the reader's folder (any depth, `/` or `\` between parts, no way above the
 * vault's root) and the file's name without `.md`.
 */
export function obsidianNotePath(folder: string, fileName: string): string {
  const parts = folder
    .split(/[\\/]+/)
    .map(segment)
    .filter(Boolean);
  return [...parts, segment(fileName.replace(/\.md$/i, '')) || 'Pizhu'].join('/');
}

export interface ObsidianSend {
  /** The address to open. */
  uri: string;
  /** Whether the note's text must be on the clipboard before the address is opened. */
  viaClipboard: boolean;
}

/** The `obsidian://new` address for one note: its text inside when short enough, else through the clipboard. */
export function obsidianNewUri(
  note: { vault: string; folder: string; fileName: string; text: string },
  limit = OBSIDIAN_URI_LIMIT,
): ObsidianSend {
  const start = `obsidian://new?vault=${encodeURIComponent(note.vault.trim())}&file=${encodeURIComponent(obsidianNotePath(note.folder, note.fileName))}`;
  const withContent = `${start}&content=${encodeURIComponent(note.text)}`;
  return withContent.length <= limit
    ? { uri: withContent, viaClipboard: false }
    : { uri: `${start}&clipboard=1`, viaClipboard: true };
}
