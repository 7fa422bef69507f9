import { useEffect, useState } from 'preact/hooks';
import { t } from '@/runtime/translate';
import { obsidianFolderSetting, obsidianVaultSetting } from '@/runtime/user-settings';
import { readMarkdownFolder, writeMarkdownFolder } from '@/store/markdown-folder';
import type { FolderHandle } from '@/utils/export/folder-write';
import { ErrorNotice } from './ErrorNotice';
import { SettingTextField } from './SettingTextField';
import { canChooseFolder } from './send-markdown';

type DirectoryPicker = (options: { id: string; mode: 'readwrite' }) => Promise<FolderHandle>;

/** The folder 全文 Markdown is written to, chosen once; where the browser cannot, says the download stays. */
function MarkdownFolderField() {
  const [folder, setFolder] = useState<string | null | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => void readMarkdownFolder().then((kept) => setFolder(kept?.name ?? null), setError), []);
  if (!canChooseFolder()) return <p class="pz-muted">{t('optionsFolderUnsupported')}</p>;

  const choose = async () => {
    try {
      // The picker asks for writing at once, so the first send needs no second question.
      const picker = (globalThis as unknown as { showDirectoryPicker: DirectoryPicker }).showDirectoryPicker;
      const chosen = await picker({ id: 'pizhu-markdown', mode: 'readwrite' });
      await writeMarkdownFolder(chosen);
      setFolder(chosen.name);
      setError(null);
    } catch (failure) {
      // Closing the picker is no error.
      if ((failure as { name?: unknown } | null)?.name !== 'AbortError') setError(failure);
    }
  };
  const forget = async () => {
    await writeMarkdownFolder(undefined).then(() => setFolder(null), setError);
  };
  return (
    <div data-testid="markdown-folder">
      <p role="status">{folder ? t('optionsFolderChosen', folder) : folder === null && t('optionsFolderNone')}</p>
      <button type="button" onClick={() => void choose()}>
        {t('optionsChooseFolder')}
      </button>{' '}
      {folder && (
        <button type="button" onClick={() => void forget()}>
          {t('optionsForgetFolder')}
        </button>
      )}
      <ErrorNotice error={error} />
    </div>
  );
}

/** Where 全文 Markdown is sent without a save dialog: an Obsidian vault and its folder, a folder on disk. */
export function MarkdownSendFields() {
  return (
    <section data-testid="markdown-send">
      <h3>{t('optionsSendHeading')}</h3>
      <p class="pz-muted">{t('optionsSendHelp')}</p>
      <SettingTextField
        id="obsidian-vault"
        heading={t('optionsObsidianVault')}
        help={t('optionsObsidianVaultHelp')}
        setting={obsidianVaultSetting}
        clean={(value) => value.trim()}
        maxLength={200}
      />
      <SettingTextField
        id="obsidian-folder"
        heading={t('optionsObsidianFolder')}
        help={t('optionsObsidianFolderHelp')}
        setting={obsidianFolderSetting}
        clean={(value) => value.trim()}
        maxLength={300}
      />
      <MarkdownFolderField />
    </section>
  );
}
