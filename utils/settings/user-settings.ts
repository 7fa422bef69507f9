import { storage } from 'wxt/utils/storage';
import type { HighlightColor } from '../highlight/colors';
import { DISPLAY_NAME_MAX_LENGTH } from '../model/annotation';

/**
 * The user's settings, in the extension's own storage (never the page's). The display name goes
 * on every annotation so a study group's merged notes say who wrote what.
 */
export const displayNameSetting = storage.defineItem<string>('local:displayName', { fallback: '' });

/** The colour the highlight shortcut uses: the last one the reader picked. */
export const lastColorSetting = storage.defineItem<HighlightColor>('local:lastColor', { fallback: 'yellow' });

export function cleanDisplayName(name: string): string {
  return name.replace(/\s+/g, ' ').trim().slice(0, DISPLAY_NAME_MAX_LENGTH);
}
