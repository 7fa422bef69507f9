import { useRef, useState } from 'preact/hooks';
import { ErrorNotice } from '@/components/ErrorNotice';
import { t, type MessageKey } from '@/runtime/translate';
import type { ImportProgress } from '@/store/merge-notes';
import type { MergeCounts } from '@/utils/merge/merge-plan';

type Status =
  | { kind: 'reading' }
  | { kind: 'writing'; progress: ImportProgress }
  | { kind: 'done'; counts: MergeCounts }
  | { kind: 'failed'; error: unknown }
  | null;

/**
 * 导入笔记: members' JSON exports (several at once) merged into the library, all or nothing, with
 * progress while it writes and a summary of what changed — or what was wrong, and where.
 */
export function ImportNotes(props: { label: string; onImported?: () => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState<Status>(null);

  const start = async (files: File[]) => {
    if (files.length === 0) return;
    setStatus({ kind: 'reading' });
    try {
      const { importFiles } = await import('@/runtime/import-files');
      const counts = await importFiles(files, (progress) => setStatus({ kind: 'writing', progress }));
      setStatus({ kind: 'done', counts });
      props.onImported?.();
    } catch (error) {
      setStatus({ kind: 'failed', error });
    }
  };

  const busy = status?.kind === 'reading' || status?.kind === 'writing';
  return (
    <div class="pz-import">
      <button
        type="button"
        disabled={busy}
        data-testid="import-notes"
        onClick={() => input.current?.click()}
        title={t('importHelp')}
      >
        {props.label}
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,.jsonld,application/json,application/ld+json"
        multiple
        hidden
        data-testid="import-file"
        onChange={(event) => {
          const files = [...(event.currentTarget.files ?? [])];
          event.currentTarget.value = '';
          void start(files);
        }}
      />
      {status?.kind === 'reading' && (
        <span role="status" class="pz-muted">
          {t('importReading')}
        </span>
      )}
      {status?.kind === 'writing' && (
        <span role="status" class="pz-muted">
          <progress max={status.progress.total || 1} value={status.progress.done} />{' '}
          {t('importWriting', [String(status.progress.done), String(status.progress.total)])}
        </span>
      )}
      {status?.kind === 'done' && (
        <p role="status" class="pz-notice" data-testid="import-result">
          {importSummary(status.counts)}
        </p>
      )}
      {status?.kind === 'failed' && <ErrorNotice error={status.error} />}
    </div>
  );
}

/** What an import did, naming only what happened (no "0 conflicts"). */
function importSummary(counts: MergeCounts): string {
  const parts: [number, MessageKey][] = [
    [counts.articlesAdded, 'importPartArticles'],
    [counts.annotationsAdded, 'importPartAdded'],
    [counts.annotationsUpdated, 'importPartUpdated'],
    [counts.unchanged, 'importPartUnchanged'],
    [counts.conflicts, 'importPartConflicts'],
    [counts.keptApart, 'importPartKeptApart'],
  ];
  const said = parts.filter(([count]) => count > 0).map(([count, key]) => t(key, String(count)));
  return said.length === 0 ? t('importNothing') : t('importDone', said.join(t('importListSeparator')));
}
