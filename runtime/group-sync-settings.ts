import { storage } from 'wxt/utils/storage';
import type { SyncAccountInput } from '@/utils/sync/sync-account';
import type { SyncState } from '@/utils/sync/run-sync';
import type { SyncOutcomeSummary } from '@/utils/sync/sync-outcome';

/**
 * 小组同步's settings, in the extension's own storage: the password goes nowhere but its server.
 * Null until the user saves them.
 */
export const syncAccountSetting = storage.defineItem<SyncAccountInput | null>('local:syncAccount', { fallback: null });

/** This install as a group member: its own file in the folder is named after it. */
export const memberIdSetting = storage.defineItem<string>('local:memberId', { init: () => crypto.randomUUID() });

/** What the last sync saw in the folder (ETags), so the next one reads only what changed. */
export const syncStateSetting = storage.defineItem<SyncState | null>('local:syncState', { fallback: null });

/** How the last sync went, for the popup and the library. */
export const lastSyncSetting = storage.defineItem<SyncOutcomeSummary | null>('local:lastSync', { fallback: null });
