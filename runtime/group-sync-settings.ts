import { storage } from 'wxt/utils/storage';
import { readSecret, writeSecret } from '@/store/secret-store';
import type { SyncAccountInput } from '@/utils/sync/sync-account';
import type { SyncProgress, SyncState } from '@/utils/sync/run-sync';
import type { SyncOutcomeSummary } from '@/utils/sync/sync-outcome';

/*
 * 小组同步's settings. The account (server, user, password) and what the last sync saw of the
 * folder (its address and ETags) are kept in the secret store, the extension origin's IndexedDB,
 * which no content script can open; `storage.local`, which every content script of the extension
 * may read, holds only whether sync is set up, this install's member id and how the last sync went.
 */

const ACCOUNT = 'syncAccount';
const STATE = 'syncState';

/** Whether 小组同步 is set up: all that extension storage says of the account (pages watch it). */
export const syncConfiguredSetting = storage.defineItem<boolean>('local:syncConfigured', { fallback: false });

/** Where versions before the secret store kept the account and the sync state. */
const legacyAccount = storage.defineItem<SyncAccountInput | null>('local:syncAccount', { fallback: null });
const legacyState = storage.defineItem<SyncState | null>('local:syncState', { fallback: null });

/**
 * Moves an account and sync state an earlier version left in `storage.local` into the secret
 * store, and deletes them there once the secret store holds them. Runs once in each context (the
 * background when it starts, an extension page before its first read), so an upgraded install
 * keeps its group without the password staying readable, and a sync reads storage.local no more.
 */
export const moveSyncSecretsOutOfStorage = (): Promise<void> =>
  (moved ??= moveLegacySecrets().catch((error: unknown) => {
    moved = undefined;
    throw error;
  }));
let moved: Promise<void> | undefined;

async function moveLegacySecrets(): Promise<void> {
  const [account, state] = await Promise.all([legacyAccount.getValue(), legacyState.getValue()]);
  if (!account && !state) return;
  if (account && (await readSecret(ACCOUNT)) === undefined) await writeSecret(ACCOUNT, account);
  if (state && (await readSecret(STATE)) === undefined) await writeSecret(STATE, state);
  if (account) await syncConfiguredSetting.setValue(true);
  await Promise.all([legacyAccount.removeValue(), legacyState.removeValue()]);
}

/** The group's account, or null until the user saves one. */
export async function readSyncAccount(): Promise<SyncAccountInput | null> {
  await moveSyncSecretsOutOfStorage();
  return (await readSecret<SyncAccountInput>(ACCOUNT)) ?? null;
}

/** Saves the account (null: 停止同步), then says in extension storage whether sync is set up. */
export async function saveSyncAccount(account: SyncAccountInput | null): Promise<void> {
  await writeSecret(ACCOUNT, account ?? undefined);
  await syncConfiguredSetting.setValue(account !== null);
}

/** What the last sync saw in the folder (ETags), so the next one reads only what changed. */
export async function readSyncState(): Promise<SyncState | null> {
  await moveSyncSecretsOutOfStorage();
  return (await readSecret<SyncState>(STATE)) ?? null;
}

export const saveSyncState = (state: SyncState): Promise<void> => writeSecret(STATE, state);

/** How the last sync went, for the popup and the library. */
export const lastSyncSetting = storage.defineItem<SyncOutcomeSummary | null>('local:lastSync', { fallback: null });

/**
 * The sync under way, in figures, for every page that shows it; null when none is. Left set by a
 * sync the browser cut short, so the background knows to resume it when it starts again.
 */
export const syncProgressSetting = storage.defineItem<SyncProgress | null>('local:syncProgress', { fallback: null });
