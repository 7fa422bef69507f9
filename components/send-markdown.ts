import { downloadFile } from '@/runtime/download-file';
import { t, type MessageKey } from '@/runtime/translate';
import { obsidianFolderSetting, obsidianVaultSetting } from '@/runtime/user-settings';
import { readMarkdownFolder } from '@/store/markdown-folder';
import type { ExportBundle } from '@/utils/export/export-bundle';
import type { ExportLabels } from '@/utils/export/export-labels';
import type { ExportSettings } from '@/utils/export/export-settings';
import { folderWritable, writeNewFiles } from '@/utils/export/folder-write';
import { markdownRoutes, type MarkdownRoute } from '@/utils/export/markdown-routes';
import { obsidianNewUri } from '@/utils/export/obsidian-uri';
import { writeClipboard } from './write-clipboard';

/** Whether this browser can write to a folder the reader chose (Chromium's File System Access API). */
export const canChooseFolder = () =>
  typeof (globalThis as { showDirectoryPicker?: unknown }).showDirectoryPicker === 'function';

/** The routes the reader set up and this browser offers, read when the export menu opens. */
export async function routesHere(): Promise<MarkdownRoute[]> {
  const folderWritableHere = canChooseFolder();
  const [vault, folder] = await Promise.all([
    obsidianVaultSetting.getValue(),
    folderWritableHere ? readMarkdownFolder() : undefined,
  ]);
  return markdownRoutes({ obsidianVault: vault, folderChosen: Boolean(folder), folderWritable: folderWritableHere });
}

/**
 * Hands an address of another app's scheme to the browser from a hidden frame, so this page stays as it is
 * whether or not the app is installed (Firefox shows an error page where no app takes the address).
 */
function openExternal(uri: string) {
  const frame = document.createElement('iframe');
  frame.hidden = true;
  frame.src = uri;
  document.body.append(frame);
  // The browser took the address when the frame started loading; the frame itself shows nothing.
  frame.addEventListener('load', () => frame.remove(), { once: true });
}

/** Why a send did not happen, in the UI's words (`sendWhy_…`). */
class SendRefused extends Error {
  constructor(readonly why: 'several' | 'clipboard' | 'folderGone' | 'permission' | 'folderFailed') {
    super(why);
  }
}

interface SendOptions {
  labels: ExportLabels;
  settings: ExportSettings;
}

async function send(route: MarkdownRoute, bundle: ExportBundle, options: SendOptions): Promise<string> {
  const { articleMarkdownNotes } = await import('@/utils/export/article-markdown-file');
  const notes = articleMarkdownNotes(bundle, { ...options, timeZone: options.settings.timeZone });
  if (route === 'obsidian') {
    // One clipboard, one note: a selection goes to a folder or the download.
    if (notes.length !== 1) throw new SendRefused('several');
    const [vault, folder] = await Promise.all([obsidianVaultSetting.getValue(), obsidianFolderSetting.getValue()]);
    const note = notes[0]!;
    const sent = obsidianNewUri({ vault, folder, fileName: note.name, text: note.text });
    if (sent.viaClipboard) await writeClipboard(note.text).catch(() => Promise.reject(new SendRefused('clipboard')));
    openExternal(sent.uri);
    return t(sent.viaClipboard ? 'sendObsidianClipboard' : 'sendObsidianDone', vault.trim());
  }
  const folder = await readMarkdownFolder();
  if (!folder) throw new SendRefused('folderGone');
  if (!(await folderWritable(folder).catch(() => false))) throw new SendRefused('permission');
  const written = await writeNewFiles(folder, notes).catch((error: unknown) => {
    console.warn('Pizhu: writing to the chosen folder failed', error);
    return Promise.reject(new SendRefused('folderFailed'));
  });
  return t('sendFolderDone', [folder.name, written.join('、')]);
}

/**
 * Sends 全文 Markdown by `route` and says what happened. Nothing is lost: when the send cannot happen
 * the same Markdown is downloaded, and the words say why and where it went.
 */
export async function sendMarkdown(route: MarkdownRoute, bundle: ExportBundle, options: SendOptions): Promise<string> {
  try {
    return await send(route, bundle, options);
  } catch (error) {
    if (!(error instanceof SendRefused)) throw error;
    const { buildExportFile } = await import('@/utils/export/export-file');
    const file = await buildExportFile(bundle, 'article-markdown', {
      labels: options.labels,
      settings: options.settings,
      collectionId: crypto.randomUUID(),
    });
    downloadFile(file);
    return t('sendFellBack', [t(`sendWhy_${error.why}` as MessageKey), file.name]);
  }
}
