import { storage } from 'wxt/utils/storage';
import type { Me } from '@/utils/annotate/member-filter';
import { displayNameSetting } from './user-settings';

/**
 * This install as a group member: its own file in the folder is named after it. In its own module,
 * apart from the sync account, so the content script can tell the reader's notes (只看我) without
 * reaching the secret store.
 */
export const memberIdSetting = storage.defineItem<string>('local:memberId', { init: () => crypto.randomUUID() });

/** The reader as their notes name them, for the member filter's 只看我. */
export async function readMe(): Promise<Me> {
  const [memberId, name] = await Promise.all([memberIdSetting.getValue(), displayNameSetting.getValue()]);
  return { memberId, name };
}
