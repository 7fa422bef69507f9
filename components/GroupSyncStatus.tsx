import { useEffect, useState } from 'preact/hooks';
import { describeError, t, uiLanguage, type MessageKey } from '@/runtime/translate';
import { callBackground } from '@/runtime/message-client';
import { lastSyncSetting, syncConfiguredSetting, syncProgressSetting } from '@/runtime/group-sync-settings';
import { PizhuError } from '@/utils/errors';
import type { SyncOutcomeSummary } from '@/utils/sync/sync-outcome';
import type { SyncProgress } from '@/utils/sync/run-sync';
import { ErrorNotice } from './ErrorNotice';

const timeOf = (iso: string) =>
  new Date(iso).toLocaleString(uiLanguage(), { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });

/** The last sync in words: when, how it went, what arrived, and each file not merged and why. */
function OutcomeLines({ outcome }: { outcome: SyncOutcomeSummary }) {
  if (!outcome.ok) {
    const reason = describeError(new PizhuError(outcome.code ?? 'internal', ''));
    return (
      <p class="pz-error" role="alert" data-testid="sync-outcome" data-at={outcome.at}>
        {t('syncLastFailed', [timeOf(outcome.at), reason])}
      </p>
    );
  }
  const merged = outcome.merged;
  const changed = merged && merged.annotationsAdded + merged.annotationsUpdated + merged.repliesAdded + merged.deleted;
  return (
    <>
      <p data-testid="sync-outcome" data-at={outcome.at}>
        {t('syncLastOk', [timeOf(outcome.at), String(outcome.members ?? 0)])}
      </p>
      {merged && changed ? (
        <p class="pz-muted">
          {t('syncMerged', [
            String(merged.annotationsAdded),
            String(merged.annotationsUpdated),
            String(merged.repliesAdded),
            String(merged.deleted),
          ])}
        </p>
      ) : null}
      {outcome.refused?.map((file) => (
        <p class="pz-error" key={file.file} data-testid="sync-refused">
          {t('syncRefused', [
            file.file,
            t(`importProblem_${file.problem.replace(/-/g, '_')}` as MessageKey),
            file.where === '(root)' ? '—' : file.where,
          ])}
        </p>
      ))}
      {outcome.ignored?.map((file) => (
        <p class="pz-error" key={file.file} data-testid="sync-ignored">
          {t('syncIgnored', [file.file, String(file.records)])}
        </p>
      ))}
    </>
  );
}

/**
 * 同步 and how the last sync went, for the popup and the library; a link to set it up when it is
 * not (`compact`: nothing). The status follows storage, so a sync the background ran by itself
 * shows here as it ends, and `onSynced` lets the page list what arrived.
 */
export function GroupSyncStatus({ compact = false, onSynced }: { compact?: boolean; onSynced?: () => void }) {
  const [configured, setConfigured] = useState<boolean | null>(null);
  const [outcome, setOutcome] = useState<SyncOutcomeSummary | null>(null);
  const [running, setRunning] = useState(false);
  /** The background's sync under way, whoever started it (this page, another, an alarm). */
  const [progress, setProgress] = useState<SyncProgress | null>(null);
  /** A sync's own failures arrive through storage; this is the background not answering at all. */
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    void syncConfiguredSetting.getValue().then(setConfigured);
    void lastSyncSetting.getValue().then(setOutcome);
    void syncProgressSetting.getValue().then(setProgress);
    const unwatchProgress = syncProgressSetting.watch(setProgress);
    const unwatchAccount = syncConfiguredSetting.watch(setConfigured);
    const unwatchOutcome = lastSyncSetting.watch((next) => {
      setOutcome(next);
      onSynced?.();
    });
    return () => {
      unwatchAccount();
      unwatchOutcome();
      unwatchProgress();
    };
  }, []);

  if (configured === null) return null;
  if (!configured) {
    return compact ? null : (
      <p>
        <a href="/options.html#group-sync" target="_blank">
          {t('syncSetUp')}
        </a>
      </p>
    );
  }
  const sync = async () => {
    setRunning(true);
    setError(null);
    // The outcome, failed or not, arrives through storage.
    await callBackground('sync.run', {}).catch((failure: unknown) => {
      if (failure instanceof PizhuError && failure.code === 'unreachable') setError(failure);
    });
    setRunning(false);
  };
  const busy = running || progress !== null;
  return (
    <div class="pz-sync" data-testid="sync-status">
      <button type="button" disabled={busy} onClick={() => void sync()} data-testid="sync-now">
        {busy ? t('syncRunning') : t('syncNow')}
      </button>
      {progress ? (
        <p class="pz-muted" role="status" data-testid="sync-progress">
          {t('syncProgress', [
            String(progress.membersDone),
            String(progress.members),
            progress.notes.toLocaleString(uiLanguage()),
          ])}
        </p>
      ) : null}
      {busy ? null : outcome ? <OutcomeLines outcome={outcome} /> : <p class="pz-muted">{t('syncNever')}</p>}
      <ErrorNotice error={error} />
    </div>
  );
}
