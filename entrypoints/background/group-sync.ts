import { browser } from 'wxt/browser';
import type { PizhuDatabase } from '@/store/database';
import { claimOwnNotes, syncLibrary } from '@/store/group-sync-store';
import { PizhuError, storageErrorCode } from '@/utils/errors';
import { folderUrlOf, originPatternOf } from '@/utils/sync/sync-account';
import { freshSyncState, runSync } from '@/utils/sync/run-sync';
import { WebdavClient } from '@/utils/sync/webdav-client';
import { displayNameSetting } from '@/runtime/user-settings';
import { recordBackup } from '@/runtime/library-keeping';
import { readSigningIdentity, syncSeal } from '@/runtime/member-keys';
import {
  lastSyncSetting,
  moveSyncSecretsOutOfStorage,
  readSyncAccount,
  readSyncState,
  saveSyncState,
  syncConfiguredSetting,
  syncProgressSetting,
} from '@/runtime/group-sync-settings';
import type { SyncOutcomeSummary as SyncOutcome } from '@/utils/sync/sync-outcome';

const PERIODIC_ALARM = 'pizhu-sync';
const SOON_ALARM = 'pizhu-sync-soon';
/** While the browser runs, the group's notes arrive at least this often. */
const PERIOD_MINUTES = 15;
/** A sync after edits waits for this pause in writing (alarms allow 30 s at the least). */
const AFTER_EDITS_MINUTES = 0.5;

/**
 * Group sync in the background: on the 同步 button, after local edits once writing pauses, and
 * every 15 minutes (alarms, so a stopped service worker is woken for it). One sync at a time; a
 * failure is recorded for the popup and retried at the next occasion — the library never waits
 * on the server, and nothing local is touched by a failed sync.
 */
export function createGroupSync(db: PizhuDatabase, onMerged: () => Promise<void>) {
  let running: Promise<SyncOutcome> | null = null;
  // An account an earlier version kept in storage.local leaves it as soon as this version runs.
  void moveSyncSecretsOutOfStorage().catch((error: unknown) =>
    console.warn('Pizhu: the sync account could not be moved to the secret store yet', error),
  );

  const syncOnce = async (): Promise<SyncOutcome> => {
    const at = () => new Date().toISOString();
    try {
      const account = await readSyncAccount();
      if (!account) throw new PizhuError('sync-not-set-up', 'no group sync account');
      const folderUrl = folderUrlOf(account);
      if (!(await browser.permissions.contains({ origins: [originPatternOf(folderUrl)] })))
        throw new PizhuError('sync-no-permission', `no host permission for ${originPatternOf(folderUrl)}`);
      // The member this browser writes for is the signing identity's, not storage.local's copy.
      const [{ member: memberId }, name, saved] = await Promise.all([
        readSigningIdentity(),
        displayNameSetting.getValue(),
        readSyncState(),
      ]);
      await claimOwnNotes(db, memberId, name);
      const report = await runSync({
        client: new WebdavClient({ folderUrl, user: account.user, password: account.password }, (input, init) =>
          fetch(input, init),
        ),
        memberId,
        library: syncLibrary(db, { id: memberId, name }, browser.runtime.getManifest().version),
        seal: await syncSeal(name),
        state: saved?.folderUrl === folderUrl ? saved : freshSyncState(folderUrl),
        saveState: saveSyncState,
        // Every open page shows the figures; they outlive the page that asked for the sync.
        onProgress: (progress) => syncProgressSetting.setValue(progress),
      });
      // What arrived is folded into the search index in bulk before the sync counts as done.
      if (report.filesRead > 0) await onMerged();
      const outcome: SyncOutcome = {
        at: at(),
        ok: true,
        members: report.members,
        merged: report.merged,
        refused: report.refused,
        ignored: report.ignored,
      };
      await lastSyncSetting.setValue(outcome);
      // The member's file in the folder now holds every note of theirs: a copy, should this browser lose the library.
      await recordBackup('groupAt', outcome.at);
      return outcome;
    } catch (error) {
      const code = error instanceof PizhuError ? error.code : (storageErrorCode(error) ?? 'internal');
      console.warn('Pizhu: group sync failed; it will be tried again', error);
      await lastSyncSetting.setValue({ at: at(), ok: false, code });
      throw error;
    }
  };

  const syncNow = (): Promise<SyncOutcome> => {
    if (running) return running;
    // Chromium stops an idle service worker after 30 s, and a first sync into a large group
    // merges for longer than that in one transaction; an extension API call resets the timer.
    const keepAlive = setInterval(() => void browser.runtime.getPlatformInfo(), 20_000);
    running = syncOnce().finally(() => {
      clearInterval(keepAlive);
      running = null;
      void syncProgressSetting.setValue(null);
    });
    return running;
  };

  /** Runs a sync by itself (an alarm, after edits): its outcome is recorded, not thrown. */
  const syncQuietly = async () => {
    if (!(await readSyncAccount())) return;
    await syncNow().catch(() => undefined);
  };

  // A sync the browser cut short (closed, or the worker stopped) left its figures behind: it goes
  // on now. The files it merged are remembered by ETag, so only the rest are read and merged.
  void syncProgressSetting.getValue().then((progress) => {
    if (progress) void syncQuietly();
  });

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === PERIODIC_ALARM || alarm.name === SOON_ALARM) void syncQuietly();
  });
  void browser.alarms.get(PERIODIC_ALARM).then((alarm) => {
    if (!alarm) void browser.alarms.create(PERIODIC_ALARM, { periodInMinutes: PERIOD_MINUTES });
  });

  return {
    syncNow,
    /** Local notes changed: sync once writing pauses (a new alarm replaces the pending one). */
    afterEdit: async () => {
      if (await syncConfiguredSetting.getValue())
        await browser.alarms.create(SOON_ALARM, { delayInMinutes: AFTER_EDITS_MINUTES });
    },
  };
}
