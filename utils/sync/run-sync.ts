import { PizhuError } from '../errors';
import { ImportFileError } from '../import/import-file-error';
import { sha256Hex } from './content-hash';
import { memberFileName, memberOfFileName } from './sync-account';
import { readMemberFile, type MemberFileNotes } from './member-file';
import type { MemberSeal } from './member-seal';
import { isStrongEtag } from './change-key';
import { measureStage } from '../stage-timing';
import { ServerAsksToWait, type WebdavClient, type WebdavTraffic, type WriteCondition } from './webdav-client';

/** What a member remembers between syncs, per group folder. */
export interface SyncState {
  /** The folder this state is about: a new folder starts afresh. */
  folderUrl: string;
  /**
   * The change key (`change-key.ts`) of the member's own file as last written or read; null when
   * it is not known (a write the server answered without an ETag): the next sync reads it.
   */
  ownKey: string | null;
  /** A digest of the text last written or read there, to know whether the library changed since. */
  ownDigest: string | null;
  /** The library's revision (`SyncLibrary.revision`) that text was built at; while it holds, the file is not built again. */
  ownRevision?: string | null;
  /** The change key of every other member's file as last merged (or refused), by file name. */
  seen: Record<string, string>;
  /** When the server asked to be left alone until (ms since 1970), and how many times in a row it asked. */
  waitUntil?: number;
  waits?: number;
}

export const freshSyncState = (folderUrl: string): SyncState => ({
  folderUrl,
  ownKey: null,
  ownDigest: null,
  seen: {},
});

/** The back-off after the server asked to wait `waits` times in a row: 2, 4, 8 … minutes, at most an hour. */
export const waitAfter = (waits: number) => Math.min(60, 2 ** Math.max(1, waits)) * 60_000;

export interface SyncMergeCounts {
  annotationsAdded: number;
  annotationsUpdated: number;
  conflicts: number;
  repliesAdded: number;
  deleted: number;
  /** Records a file held about notes, replies or deletions not its member's: ignored. */
  ignored: number;
}

/** The library's side of a sync. */
export interface SyncLibrary {
  /** The member's own file as it would be written now. */
  ownFileText(): Promise<string>;
  /** Changes whenever the member's own file would: read before building it (null: unknown, build it). */
  revision(): Promise<string | null>;
  /** Merges checked files of members into the library, all or nothing. */
  merge(files: readonly MemberFileNotes[]): Promise<SyncMergeCounts>;
}

export interface RefusedFile {
  file: string;
  problem: ImportFileError['problem'];
  where: string;
}

export interface IgnoredClaims {
  file: string;
  records: number;
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
  /** Files merged that also spoke for other members (what they said about them was ignored). */
  ignored: IgnoredClaims[];
  traffic: WebdavTraffic;
}

/** What the member's own file says, as compared between syncs: the signed format's text before its signature. */
const bodyDigest = (body: string) => sha256Hex(`signed-v1\n${body}`);

/** How far a sync is, in figures: members' files merged of those to read, and notes received. */
export interface SyncProgress {
  membersDone: number;
  members: number;
  notes: number;
}

/** A write that lost a race (412, or read back as someone else's) is retried this many times, merging first. */
const MAX_ATTEMPTS = 4;

const emptyCounts = (): SyncMergeCounts => ({
  annotationsAdded: 0,
  annotationsUpdated: 0,
  conflicts: 0,
  repliesAdded: 0,
  deleted: 0,
  ignored: 0,
});

function addCounts(total: SyncMergeCounts, more: SyncMergeCounts) {
  for (const key of Object.keys(total) as (keyof SyncMergeCounts)[]) total[key] += more[key];
}

export interface SyncOptions {
  client: WebdavClient;
  memberId: string;
  library: SyncLibrary;
  /** Signs this member's file and checks every file read against its member's pinned key. */
  seal: MemberSeal;
  state: SyncState;
  saveState: (state: SyncState) => Promise<void>;
  /** Told after the listing and after each file, in figures a page can show. */
  onProgress?: (progress: SyncProgress) => Promise<void>;
}

/**
 * One sync of a member with the group folder:
 * 1. list the folder (PROPFIND, one request — all an unchanged folder costs);
 * 2. read only the files whose change key differs from the one last seen, or that have none yet,
 *    each checked as hostile input — signed by its member's pinned key, not older than one read
 *    before — and limited to what its member may speak for, and merge each as it is read (the
 *    member's own file too, when another of their browsers wrote it);
 * 3. write the member's own file, signed, only when its text changed: with `If-Match` on the strong
 *    ETag just listed, `If-None-Match: *` only when the listing did not show the file, and no
 *    condition when there is no ETag to hold it to. A write the answer gives no strong ETag for
 *    is read back and its content hash compared: someone else's text there (a server that
 *    ignores conditions, or a write between ours and the read) is merged and written again, like
 *    a lost race (412).
 * The state is saved after each step that succeeded, so a failure later costs nothing already
 * done. When the server asks to wait (503, 429, 坚果云's `BlockedTemporarily`), no request is sent
 * until its `Retry-After` and a doubling back-off have passed.
 */
export async function runSync(options: SyncOptions & { now?: () => number }): Promise<SyncReport> {
  const { saveState } = options;
  const now = options.now ?? Date.now;
  const { waitUntil, waits = 0 } = options.state;
  if (waitUntil !== undefined && now() < waitUntil)
    throw new ServerAsksToWait(
      waitUntil - now(),
      `the server asked to wait until ${new Date(waitUntil).toISOString()}`,
    );
  let saved = options.state;
  const save = async (state: SyncState) => {
    saved = state;
    await saveState(state);
  };
  try {
    const report = await syncOnce({ ...options, state: saved, saveState: save });
    if (waits > 0 || waitUntil !== undefined) await save({ ...saved, waits: 0, waitUntil: undefined });
    return report;
  } catch (error) {
    if (error instanceof ServerAsksToWait) {
      const pause = Math.max(error.retryAfterMs ?? 0, waitAfter(waits + 1));
      await save({ ...saved, waits: waits + 1, waitUntil: now() + pause });
    }
    throw error;
  }
}

async function syncOnce(options: SyncOptions): Promise<SyncReport> {
  const { client, memberId, library, seal, saveState } = options;
  let state = options.state;
  const ownName = memberFileName(memberId);
  const report: SyncReport = {
    members: 0,
    filesRead: 0,
    merged: emptyCounts(),
    wrote: false,
    refused: [],
    ignored: [],
    traffic: client.traffic,
  };
  const refuse = (file: string, error: unknown): null => {
    if (!(error instanceof ImportFileError)) throw error;
    report.refused.push({ file, problem: error.problem, where: error.where });
    return null;
  };
  /**
   * Reads a member's file and checks it: downloaded, its signature held to the member's pinned
   * key, read as hostile input. A refused one is reported and gives null; a failure of the
   * server or the network ends the sync, as before.
   */
  const readChecked = async (name: string): Promise<{ body: string; file: MemberFileNotes } | null> => {
    try {
      const { text, bytes } = await measureStage('download', () => client.get(name));
      const member = memberOfFileName(name)!;
      const body = await measureStage('signature', () => seal.open(member, text));
      return { body, file: measureStage('check', () => readMemberFile(body, member, bytes)) };
    } catch (error) {
      return refuse(name, error);
    }
  };
  /** Merges a checked file; one the library refuses (ImportFileError) is reported and changes nothing. */
  const mergeChecked = async (name: string, file: MemberFileNotes): Promise<boolean> => {
    try {
      const counts = await library.merge([file]);
      addCounts(report.merged, counts);
      if (counts.ignored > 0) report.ignored.push({ file: name, records: counts.ignored });
      return true;
    } catch (error) {
      return refuse(name, error) ?? false;
    }
  };
  const readBack = (name: string) =>
    client.get(name).catch((error: unknown) => {
      if (error instanceof ImportFileError) return null;
      throw error;
    });
  const checkedOrNull = async (text: string, bytes: number) => {
    try {
      return readMemberFile(await seal.open(memberId, text), memberId, bytes);
    } catch (error) {
      if (error instanceof ImportFileError) return null;
      throw error;
    }
  };
  for (let attempt = 1; ; attempt += 1) {
    const listed = (await client.list()).filter((entry) => memberOfFileName(entry.name) !== null);
    report.members = listed.length;
    const own = listed.find((entry) => entry.name === ownName) ?? null;
    // A file refused for a key the user has accepted since is read again, changed or not.
    const rereads = await seal.rereads();
    const changed = listed.filter((entry) =>
      entry.key === null
        ? true
        : entry.name === ownName
          ? entry.key !== state.ownKey
          : state.seen[entry.name] !== entry.key || rereads.has(memberOfFileName(entry.name)!),
    );
    // Each file is merged and remembered as it is read: a sync cut short keeps what it merged. The
    // key remembered is the listing's: a write after it makes the next listing differ, so the file
    // is read again.
    let notes = 0;
    await options.onProgress?.({ membersDone: 0, members: changed.length, notes });
    // The next file is downloaded and checked while this one is written: the worker would
    // otherwise sit idle while the database writes, and then the database while the worker checks.
    // Never more than one file ahead, so at most two members' files are held at a time.
    const settled = <T>(promise: Promise<T>) =>
      promise.then(
        (value) => ({ value }),
        (error: unknown) => ({ error }),
      );
    let next = changed.length > 0 ? settled(readChecked(changed[0]!.name)) : null;
    // What was merged is remembered (and shown) in turn while the next file merges: each save
    // follows the merge it records, a failed save stops the sync at the next file, and the sync
    // goes on to its own file, or fails, only once every save is done.
    let saving = Promise.resolve();
    let failedSave: { error: unknown } | null = null;
    const inTurn = (work: () => Promise<void>) => {
      saving = saving.then(work).catch((error: unknown) => {
        failedSave ??= { error };
      });
    };
    try {
      for (const [done, entry] of changed.entries()) {
        if (failedSave) break;
        report.filesRead += 1;
        const ready = await next!;
        if ('error' in ready) throw ready.error;
        next = done + 1 < changed.length ? settled(readChecked(changed[done + 1]!.name)) : null;
        const checked = ready.value;
        const merged = checked !== null && (await mergeChecked(entry.name, checked.file));
        const body = merged ? checked.body : null;
        notes += merged ? checked.file.annotations.length : 0;
        if (entry.name === ownName) {
          state = {
            ...state,
            ownKey: entry.key,
            ownDigest: body === null ? null : await bodyDigest(body),
            ownRevision: null,
          };
        } else if (entry.key) {
          // A refused file is not read again until it changes.
          state = { ...state, seen: { ...state.seen, [entry.name]: entry.key } };
        }
        const reached = { state, progress: { membersDone: done + 1, members: changed.length, notes } };
        inTurn(async () => {
          await saveState(reached.state);
          await options.onProgress?.(reached.progress);
        });
      }
    } finally {
      // The file read ahead settles too (its pins saved): nothing of this sync runs on after it.
      await Promise.all([next, saving]);
    }
    if (failedSave) throw (failedSave as { error: unknown }).error;

    // The file as last written or read is still there, and nothing it is built from changed since.
    const revision = await library.revision();
    const ownUnchanged = own !== null && own.key !== null && own.key === state.ownKey;
    if (ownUnchanged && revision !== null && revision === state.ownRevision) return report;
    const text = await library.ownFileText();
    // The digest names the signed format too: a file an older, unsigning version wrote is written again, signed.
    const digest = await bodyDigest(text);
    if (ownUnchanged && digest === state.ownDigest) {
      state = { ...state, ownRevision: revision };
      await saveState(state);
      return report;
    }
    const condition: WriteCondition =
      own === null ? { absent: true } : isStrongEtag(own.etag) ? { etag: own.etag } : { unconditional: true };
    try {
      const signed = await seal.sign(text);
      const { etag } = await client.put(ownName, signed, condition);
      report.wrote = true;
      if (etag) {
        state = { ...state, ownKey: etag, ownDigest: digest, ownRevision: revision };
        await saveState(state);
        return report;
      }
      // No ETag for this write: read it back. Our text there is ours under the key its answer
      // gives; a member's file with other text was written since, by another browser of this
      // member, and is merged before writing again. Anything else the server answers is not
      // trusted with a key: the next sync reads the file as it reads any other.
      const back = await readBack(ownName);
      const ours = back !== null && back.text === signed;
      const checked = back && !ours ? await checkedOrNull(back.text, back.bytes) : null;
      const trusted = back && (ours || checked);
      state = {
        ...state,
        ownKey: trusted ? back.key : null,
        ownDigest: ours ? digest : null,
        ownRevision: ours ? revision : null,
      };
      await saveState(state);
      if (!checked) return report;
      addCounts(report.merged, await library.merge([checked]));
      if (attempt >= MAX_ATTEMPTS) throw new PizhuError('sync-busy', 'the written file kept changing under us');
    } catch (error) {
      if (!(error instanceof PizhuError) || error.code !== 'sync-busy' || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}
