import { useEffect, useRef, useState } from 'preact/hooks';
import { BackupButton } from '@/components/BackupButton';
import { ErrorNotice } from '@/components/ErrorNotice';
import { noteFacts, type NoteFacts } from '@/store/note-facts';
import { callBackground } from '@/runtime/message-client';
import { syncConfiguredSetting } from '@/runtime/group-sync-settings';
import { backupOfferDismissedSetting, keepLibrary, lastBackupSetting } from '@/runtime/library-keeping';
import { t } from '@/runtime/translate';
import { backupOffer, daysSince, laterOf } from '@/utils/backup-offer';

interface Offer {
  kind: 'first' | 'again';
  notes: number;
  days: number;
}

/**
 * The offer of a backup to a reader who has notes and no recent copy of them: a file, or their
 * file in the group folder when 小组同步 is set up. It says why, and goes when a copy is made or
 * the reader dismisses it (to come back after a while). Showing it also asks the browser to keep
 * the library, as every page that shows it is one the reader opened.
 */
export function BackupOffer(props: {
  /**
   * False until the page's first screen is shown: counting the notes walks the whole table, and
   * IndexedDB answers nothing else of the page meanwhile.
   */
  start?: boolean;
}) {
  const { start = true } = props;
  const [offer, setOffer] = useState<Offer | null>(null);
  const [grouped, setGrouped] = useState(false);
  const [syncing, setSyncing] = useState(false);
  const [error, setError] = useState<unknown>(null);

  // Read once per page: a copy being made changes when it was made, not the notes, and every
  // group sync records one — a count of the whole table after each would hold the database up.
  const facts = useRef<Promise<NoteFacts> | null>(null);

  const refresh = async () => {
    facts.current ??= noteFacts();
    const [notes, backup, dismissedAt, configured] = await Promise.all([
      facts.current,
      lastBackupSetting.getValue(),
      backupOfferDismissedSetting.getValue(),
      syncConfiguredSetting.getValue(),
    ]);
    const lastBackupAt = laterOf(backup.fileAt, backup.groupAt);
    const now = Date.now();
    const kind = backupOffer({ ...notes, lastBackupAt, dismissedAt, now });
    setGrouped(configured);
    setOffer(
      kind && {
        kind,
        notes: notes.notes,
        days: lastBackupAt ? Math.floor(daysSince(lastBackupAt, now)) : 0,
      },
    );
  };

  useEffect(() => {
    if (!start) return;
    void keepLibrary().catch(() => undefined);
    void refresh().catch(setError);
    const unwatch = lastBackupSetting.watch(() => void refresh().catch(setError));
    return unwatch;
  }, [start]);

  const toGroup = () => {
    setSyncing(true);
    setError(null);
    // A sync that ends well writes this member's file in the folder; the background records it,
    // and the watch above refreshes the offer.
    callBackground('sync.run', {})
      .catch(setError)
      .finally(() => setSyncing(false));
  };

  const dismiss = async () => {
    await backupOfferDismissedSetting.setValue(new Date().toISOString());
    setOffer(null);
  };

  if (!offer) return error ? <ErrorNotice error={error} /> : null;
  return (
    <section class="pz-notice" role="status" data-testid="backup-offer">
      <p>
        {offer.kind === 'first'
          ? t('backupOfferFirst', String(offer.notes))
          : t('backupOfferAgain', String(offer.days))}
      </p>
      <p>
        <BackupButton />{' '}
        {grouped && (
          <button type="button" disabled={syncing} onClick={toGroup}>
            {t('backupOfferGroup')}
          </button>
        )}{' '}
        <button type="button" onClick={() => void dismiss()}>
          {t('backupOfferLater')}
        </button>
      </p>
      {error !== null && <ErrorNotice error={error} />}
    </section>
  );
}
