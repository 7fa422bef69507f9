import { storage } from 'wxt/utils/storage';
import type { HighlightColor } from '@/utils/highlight/colors';

/**
 * The user's settings, in the extension's own storage (never the page's). The display name goes
 * on every annotation so a study group's merged notes say who wrote what.
 *
 * Each is marked pure: WXT's `defineItem` reads its item from storage as it is defined, so the
 * content script, which uses few of them, would otherwise ask for all of them in the page's first task.
 */
export const displayNameSetting = /* @__PURE__ */ storage.defineItem<string>('local:displayName', { fallback: '' });

/** Whether the reader was asked for a display name once (asked before the first note, skippable). */
export const namePromptedSetting = /* @__PURE__ */ storage.defineItem<boolean>('local:namePrompted', {
  fallback: false,
});

/** The colour the highlight shortcut uses: the last one the reader picked. */
export const lastColorSetting = /* @__PURE__ */ storage.defineItem<HighlightColor>('local:lastColor', {
  fallback: 'yellow',
});

export interface ReaderSettings {
  font: 'song' | 'hei';
  /** Body text size in pixels. */
  size: number;
  theme: 'light' | 'dark';
}

export const READER_SIZES = { min: 14, max: 26, step: 2 } as const;

/** How the reader shows long Chinese text: 宋体 or 黑体, the size, light or dark. */
export const readerSetting = /* @__PURE__ */ storage.defineItem<ReaderSettings>('local:reader', {
  fallback: { font: 'song', size: 18, theme: 'light' },
});

/** Sites (host names) whose images the reader shows in clipped copies without asking again. */
export const remoteImageSitesSetting = /* @__PURE__ */ storage.defineItem<string[]>('local:remoteImageSites', {
  fallback: [],
});

/** The study group named in the 批注稿's header: set once, offered on every export. */
/** How 全文 Markdown marks a highlight: `==…==` for Obsidian and Logseq, or `<mark>` with its colour. */
export const markdownMarksSetting = /* @__PURE__ */ storage.defineItem<'equals' | 'html'>('local:markdownMarks', {
  fallback: 'equals',
});

export const studyGroupSetting = /* @__PURE__ */ storage.defineItem<string>('local:studyGroup', { fallback: '' });

/** Sites (host names) where the reader allowed selecting text that the page forbids (see selection-freedom.ts). */
export const freeSelectionSitesSetting = /* @__PURE__ */ storage.defineItem<string[]>('local:freeSelectionSites', {
  fallback: [],
});

/** The Obsidian vault 全文 Markdown is sent to (its name or id), and the folder in it; empty: not set up. */
export const obsidianVaultSetting = /* @__PURE__ */ storage.defineItem<string>('local:obsidianVault', { fallback: '' });
export const obsidianFolderSetting = /* @__PURE__ */ storage.defineItem<string>('local:obsidianFolder', {
  fallback: '',
});

/** Keeps 允许选择 for a site, or forgets it; pages of the site follow the change at once. */
export async function rememberFreeSelection(site: string, on: boolean): Promise<void> {
  const sites = await freeSelectionSitesSetting.getValue();
  await freeSelectionSitesSetting.setValue(on ? [...new Set([...sites, site])] : sites.filter((each) => each !== site));
}
