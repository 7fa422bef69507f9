import { useEffect, useState } from 'preact/hooks';
import { t } from '@/runtime/translate';
import { callBackground } from '@/runtime/message-client';
import { requestOrigins } from '@/runtime/site-permissions';
import { memberIdSetting } from '@/runtime/member-id';
import { readSyncAccount, saveSyncAccount } from '@/runtime/group-sync-settings';
import { PizhuError } from '@/utils/errors';
import { folderUrlOf, originPatternOf, type SyncAccountInput } from '@/utils/sync/sync-account';
import { testConnection } from '@/utils/sync/test-connection';
import { WebdavClient } from '@/utils/sync/webdav-client';
import { ErrorNotice } from './ErrorNotice';
import { GroupSyncStatus } from './GroupSyncStatus';
import { MemberKeys } from './MemberKeys';

const EMPTY: SyncAccountInput = { server: '', user: '', password: '', folder: 'pizhu' };

const FIELDS = [
  { key: 'server', label: 'optionsSyncServer', type: 'url', placeholder: 'https://dav.jianguoyun.com/dav/' },
  { key: 'user', label: 'optionsSyncUser', type: 'text', placeholder: '' },
  { key: 'password', label: 'optionsSyncPassword', type: 'password', placeholder: '' },
  { key: 'folder', label: 'optionsSyncFolder', type: 'text', placeholder: 'pizhu' },
] as const;

type Notice = { kind: 'ok'; text: string } | { kind: 'error'; error: unknown } | null;

/**
 * 小组同步 in the options page: the WebDAV folder, 测试连接, and saving. The browser is asked
 * for that server's origin only (an optional host permission), in the click that saves or tests.
 */
export function GroupSyncSettings() {
  const [draft, setDraft] = useState<SyncAccountInput>(EMPTY);
  const [saved, setSaved] = useState<SyncAccountInput | null>(null);
  const [memberId, setMemberId] = useState('');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const [missingFolder, setMissingFolder] = useState(false);
  /** 测试连接 found that the server ignores If-Match: said until the next test. */
  const [conditionsIgnored, setConditionsIgnored] = useState(false);
  /** The settings 停止同步 cleared, kept until the page closes for 撤销. */
  const [stopped, setStopped] = useState<SyncAccountInput | null>(null);

  useEffect(() => {
    void readSyncAccount().then((account) => {
      setSaved(account);
      if (account) setDraft(account);
    });
    void memberIdSetting.getValue().then(setMemberId);
  }, []);

  /** Asks for the server's origin; must run inside the click (no await before it). */
  const withPermission = (then: (account: SyncAccountInput, folderUrl: string) => Promise<void>) => {
    let folderUrl: string;
    try {
      folderUrl = folderUrlOf(draft);
    } catch (error) {
      setNotice({ kind: 'error', error });
      return;
    }
    const account = { ...draft };
    setStopped(null);
    setBusy(true);
    setNotice({ kind: 'ok', text: t('optionsSyncTesting') });
    setMissingFolder(false);
    setConditionsIgnored(false);
    void requestOrigins([originPatternOf(folderUrl)])
      .then(async (granted) => {
        if (!granted) throw new PizhuError('sync-no-permission', 'the browser did not grant the origin');
        await then(account, folderUrl);
      })
      .catch((error: unknown) => {
        setNotice({ kind: 'error', error });
        setMissingFolder(error instanceof PizhuError && error.code === 'sync-folder-missing');
      })
      .finally(() => setBusy(false));
  };

  const clientFor = (account: SyncAccountInput, folderUrl: string) =>
    new WebdavClient({ folderUrl, user: account.user, password: account.password }, (input, init) =>
      fetch(input, init),
    );

  const test = (account: SyncAccountInput, folderUrl: string) =>
    testConnection(clientFor(account, folderUrl)).then(({ members, keepsConditions }) => {
      setConditionsIgnored(!keepsConditions);
      setNotice({ kind: 'ok', text: t('optionsSyncOk', String(members)) });
    });

  const save = async (account: SyncAccountInput, folderUrl: string) => {
    await test(account, folderUrl);
    await saveSyncAccount(account);
    setSaved(account);
    setNotice({ kind: 'ok', text: t('optionsSyncSaved') });
    await callBackground('sync.run', {}).catch(() => undefined);
  };

  const createFolder = () =>
    withPermission(async (account, folderUrl) => {
      await clientFor(account, folderUrl).createFolder(folderUrlOf({ server: account.server, folder: '' }));
      await test(account, folderUrl);
    });

  const stop = async () => {
    setStopped(saved);
    await saveSyncAccount(null);
    setSaved(null);
    setNotice({ kind: 'ok', text: t('optionsSyncStopped') });
  };

  /** Undo of 停止同步: the same account again (what the last sync saw was kept, for the same folder). */
  const undoStop = async () => {
    if (!stopped) return;
    await saveSyncAccount(stopped);
    setSaved(stopped);
    setDraft(stopped);
    setStopped(null);
    setNotice(null);
  };

  return (
    <section aria-labelledby="group-sync" data-testid="group-sync">
      <h2 id="group-sync">{t('optionsSyncHeading')}</h2>
      <p class="pz-muted">{t('optionsSyncHelp')}</p>
      <form
        class="pz-sync-form"
        onSubmit={(event) => {
          event.preventDefault();
          withPermission(save);
        }}
      >
        {FIELDS.map((field) => (
          <label key={field.key}>
            <span>{t(field.label)}</span>
            <input
              type={field.type}
              name={field.key}
              value={draft[field.key]}
              placeholder={field.placeholder}
              autocomplete={field.type === 'password' ? 'current-password' : 'off'}
              spellcheck={false}
              onInput={(event) => setDraft({ ...draft, [field.key]: event.currentTarget.value })}
            />
          </label>
        ))}
        <p>
          <button type="submit" class="primary" disabled={busy}>
            {t('optionsSyncSave')}
          </button>{' '}
          <button type="button" disabled={busy} onClick={() => withPermission(test)}>
            {t('optionsSyncTest')}
          </button>{' '}
          {saved && (
            <button type="button" disabled={busy} onClick={() => void stop()}>
              {t('optionsSyncStop')}
            </button>
          )}
        </p>
      </form>
      {notice?.kind === 'ok' && (
        <p role="status" data-testid="sync-notice">
          {notice.text}{' '}
          {stopped && (
            <button type="button" onClick={() => void undoStop()}>
              {t('optionsUndo')}
            </button>
          )}
        </p>
      )}
      {notice?.kind === 'error' && <ErrorNotice error={notice.error} />}
      {conditionsIgnored && <p data-testid="sync-conditions-ignored">{t('optionsSyncNoConditions')}</p>}
      {missingFolder && (
        <p>
          <button type="button" disabled={busy} onClick={createFolder}>
            {t('optionsSyncCreateFolder')}
          </button>
        </p>
      )}
      {memberId && <p class="pz-muted">{t('optionsSyncMember', memberId)}</p>}
      <MemberKeys />
      {saved && <GroupSyncStatus />}
    </section>
  );
}
