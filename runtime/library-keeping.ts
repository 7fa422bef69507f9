import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';

/**
 * What keeps the library from being lost: the browser's promise not to evict it, and copies.
 */

/** When the reader last made a copy of their notes: a backup file, or their file in the group folder. */
export const lastBackupSetting = storage.defineItem<{ fileAt?: string; groupAt?: string }>('local:lastBackup', {
  fallback: {},
});

/** When the reader last dismissed the offer of a backup. */
export const backupOfferDismissedSetting = storage.defineItem<string | null>('local:backupOfferDismissed', {
  fallback: null,
});

export const recordBackup = async (kind: 'fileAt' | 'groupAt', at = new Date().toISOString()) =>
  lastBackupSetting.setValue({ ...(await lastBackupSetting.getValue()), [kind]: at });

/**
 * - `persistent`: the browser has marked the library's storage persistent (Firefox grants
 *   `navigator.storage.persist()` without a prompt to an extension with `unlimitedStorage`);
 * - `unlimited`: Chromium, which answers `persist()` by its own measure of a site's use but never
 *   evicts an extension's storage when the extension holds `unlimitedStorage`;
 * - `best-effort`: the browser may clear the library when the disk runs short.
 */
export type LibraryKeeping = 'persistent' | 'unlimited' | 'best-effort';

const isFirefox = () => typeof (browser.runtime as { getBrowserInfo?: unknown }).getBrowserInfo === 'function';

/**
 * Asks the browser to keep the library (the request needs a window: an extension page calls it,
 * the service worker cannot) and says how it is kept. Asked once per page, however many of its
 * parts want to know.
 */
export const keepLibrary = (): Promise<LibraryKeeping> => (asked ??= askToKeepLibrary());
let asked: Promise<LibraryKeeping> | undefined;

async function askToKeepLibrary(): Promise<LibraryKeeping> {
  const manager = navigator.storage;
  if (await manager?.persisted?.()) return 'persistent';
  if (await manager?.persist?.().catch(() => false)) return 'persistent';
  const unlimited = browser.runtime.getManifest().permissions?.includes('unlimitedStorage') ?? false;
  return unlimited && !isFirefox() ? 'unlimited' : 'best-effort';
}

/** How many bytes the extension's storage holds (the library is most of it), or null when the browser will not say. */
export async function libraryBytes(): Promise<number | null> {
  const estimate = await navigator.storage?.estimate?.().catch(() => null);
  return estimate?.usage ?? null;
}
