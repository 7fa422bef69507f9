import { PizhuError } from '../errors';
import { ImportFileError } from '../import/import-file-error';
import type { ImportedNotes } from '../import/read-notes-file';
import { memberFileName, memberOfFileName } from './sync-account';
import { readMemberFile } from './member-file';
import type { WebdavClient, WebdavTraffic } from './webdav-client';

/** What a member remembers between syncs, per group folder. */
export interface SyncState {
  /** The folder this state is about: a new folder starts afresh. */
  folderUrl: string;
  /** The ETag of the member's own file as last written or read. */
  ownEtag: string | null;
  /** A digest of the text last written, to know whether the library changed since. */
  ownDigest: string | null;
  /** The ETag of every other member's file as last merged (or refused), by file name. */
  seen: Record<string, string>;
}

export const freshSyncState = (folderUrl: string): SyncState => ({
  folderUrl,
  ownEtag: null,
  ownDigest: null,
  seen: {},
});

export interface SyncMergeCounts {
  annotationsAdded: number;
  annotationsUpdated: number;
  conflicts: number;
  repliesAdded: number;
  deleted: number;
}

/** The library's side of a sync. */
export interface SyncLibrary {
  /** The member's own file as it would be written now. */
  ownFileText(): Promise<string>;
  /** Merges checked files of members into the library, all or nothing. */
  merge(files: readonly ImportedNotes[]): Promise<SyncMergeCounts>;
}

export interface RefusedFile {
  file: string;
  problem: ImportFileError['problem'];
  where: string;
}

export interface SyncReport {
  /** Member files in the folder, this member's own included. */
  members: number;
  /** Files read because they changed since the last sync. */
  filesRead: number;
  merged: SyncMergeCounts;
  /** Whether the member's own file was written. */
  wrote: boolean;
  /** Files that were not merged, and why (a hostile or broken file changes nothing). */
  refused: RefusedFile[];
  traffic: WebdavTraffic;
}

/** How far a sync is, in figures: members' files merged of those to read, and notes received. */
export interface SyncProgress {
  membersDone: number;
  members: number;
  notes: number;
}

/** A write that lost a race (412) is retried this many times, listing again first. */
const MAX_ATTEMPTS = 4;

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

const emptyCounts = (): SyncMergeCounts => ({
  annotationsAdded: 0,
  annotationsUpdated: 0,
  conflicts: 0,
  repliesAdded: 0,
  deleted: 0,
});

function addCounts(total: SyncMergeCounts, more: SyncMergeCounts) {
  for (const key of Object.keys(total) as (keyof SyncMergeCounts)[]) total[key] += more[key];
}

/**
 * One sync of a member with the group folder:
 * 1. list the folder (PROPFIND, one request — all an unchanged folder costs);
 * 2. read only the files whose ETag changed, each checked as hostile input and limited to what
 *    its member may speak for, and merge each as it is read (the member's own file too, when
 *    another of their browsers wrote it);
 * 3. write the member's own file only when its text changed, with `If-Match` on the ETag just
 *    listed (or `If-None-Match: *` for a first write), so no write replaces a version not merged
 *    here; a lost race (412) starts again from the listing.
 * The state is saved after each step that succeeded, so a failure later costs nothing already done.
 */
export async function runSync(options: {
  client: WebdavClient;
  memberId: string;
  library: SyncLibrary;
  state: SyncState;
  saveState: (state: SyncState) => Promise<void>;
  onProgress?: (progress: SyncProgress) => Promise<void>;
}): Promise<SyncReport> {
  const { client, memberId, library, saveState } = options;
  let state = options.state;
  const ownName = memberFileName(memberId);
  const report: SyncReport = {
    members: 0,
    filesRead: 0,
    merged: emptyCounts(),
    wrote: false,
    refused: [],
    traffic: client.traffic,
  };
  for (let attempt = 1; ; attempt += 1) {
    const listed = (await client.list()).filter((entry) => memberOfFileName(entry.name) !== null);
    report.members = listed.length;
    const own = listed.find((entry) => entry.name === ownName) ?? null;
    const changed = listed.filter((entry) =>
      entry.name === ownName
        ? entry.etag === null || entry.etag !== state.ownEtag
        : entry.etag === null || state.seen[entry.name] !== entry.etag,
    );
    // Each file is merged and remembered as it is read: a sync cut short keeps what it merged, and
    // no more than one member's file is in memory at a time.
    let notes = 0;
    await options.onProgress?.({ membersDone: 0, members: changed.length, notes });
    for (const [done, entry] of changed.entries()) {
      report.filesRead += 1;
      try {
        const { text, bytes } = await client.get(entry.name);
        const file = readMemberFile(text, memberOfFileName(entry.name)!, bytes);
        notes += file.annotations.length;
        addCounts(report.merged, await library.merge([file]));
      } catch (error) {
        if (!(error instanceof ImportFileError)) throw error;
        report.refused.push({ file: entry.name, problem: error.problem, where: error.where });
      }
      // A refused file is not read again until it changes.
      if (entry.name !== ownName && entry.etag) {
        state = { ...state, seen: { ...state.seen, [entry.name]: entry.etag } };
        await saveState(state);
      }
      await options.onProgress?.({ membersDone: done + 1, members: changed.length, notes });
    }

    const text = await library.ownFileText();
    const digest = await sha256(text);
    if (own && own.etag !== null && own.etag === state.ownEtag && digest === state.ownDigest) return report;
    try {
      const etag = await client.put(ownName, text, own?.etag ?? null);
      report.wrote = true;
      state = { ...state, ownEtag: etag, ownDigest: digest };
      await saveState(state);
      return report;
    } catch (error) {
      if (!(error instanceof PizhuError) || error.code !== 'sync-busy' || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}
