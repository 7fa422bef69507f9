/**
 * Pizhu's errors as they travel between its parts and reach the UI. Kept apart from the message
 * schemas so a page can word an error without loading the validation library.
 */

/** Error codes travel; the UI turns them into zh_CN/en text (`error_<code>` in the locales). */
export const ERROR_CODES = [
  'bad-message',
  'unknown-message',
  'forbidden-sender',
  'bad-payload',
  'no-content-script',
  'not-extractable',
  'page-changed',
  'page-too-complex',
  'page-too-long',
  'storage-full',
  'storage-failed',
  'storage-unavailable',
  'permission-denied',
  'unreachable',
  'not-yours',
  'sync-not-set-up',
  'sync-insecure',
  'sync-no-permission',
  'sync-unreachable',
  'sync-auth',
  'sync-forbidden',
  'sync-folder-missing',
  'sync-quota',
  'sync-busy',
  'sync-server',
  'sync-bad-answer',
  'sync-timeout',
  'sync-cut-off',
  'sync-too-large',
  'sync-wait',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export class PizhuError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PizhuError';
  }
}

/** The error and, when Dexie wrapped it (an aborted transaction, a failed open), the one inside. */
function errorNames(error: unknown): string[] {
  return [error, (error as { inner?: unknown } | null)?.inner]
    .map((item) => (item as { name?: unknown } | null)?.name)
    .filter((name): name is string => typeof name === 'string');
}

/**
 * What kind of storage failure an error is: the disk is full, or the browser does not let the
 * extension store anything (Firefox set to never remember history fails the IndexedDB open with
 * InvalidStateError — seen in Firefox ESR 153 by tests/e2e/firefox-history.e2e.ts).
 */
export function storageErrorCode(error: unknown): 'storage-full' | 'storage-unavailable' | null {
  const names = errorNames(error);
  if (names.some((name) => name === 'QuotaExceededError' || name === 'QuotaExceeded')) return 'storage-full';
  if (names.some((name) => ['InvalidStateError', 'MissingAPIError', 'OpenFailedError', 'SecurityError'].includes(name)))
    return 'storage-unavailable';
  return null;
}
