import { useRef, useState } from 'preact/hooks';
import { ErrorNotice } from '@/components/ErrorNotice';
import { downloadFile } from '@/runtime/download-file';
import { uiExportLabels } from '@/runtime/export-labels';
import type { ExportBundle } from '@/utils/export/export-bundle';
import type { ExportFormat } from '@/utils/export/export-file';
import { t, type MessageKey } from '@/runtime/translate';

const FORMATS: [ExportFormat, MessageKey][] = [
  ['docx', 'exportWord'],
  ['markdown', 'exportMarkdown'],
  ['json', 'exportJson'],
  ['csv', 'exportCsv'],
];

type Status = { kind: 'working' } | { kind: 'done'; text: string } | { kind: 'failed'; error: unknown } | null;

/**
 * The export choices for what `load` reads (an article, a selection, everything): a file in each
 * format, or Markdown on the clipboard. It says when it is working, what it saved, and why not.
 */
export function ExportMenu(props: {
  label: string;
  load: () => Promise<ExportBundle>;
  base?: string;
  testId?: string;
  /** One format as a plain button instead of the menu (a backup is always JSON). */
  only?: ExportFormat;
}) {
  const [status, setStatus] = useState<Status>(null);
  const menu = useRef<HTMLDetailsElement>(null);
  const closeMenu = (refocus = false) => {
    if (!menu.current) return;
    menu.current.open = false;
    if (refocus) menu.current.querySelector('summary')?.focus();
  };

  const run = async (format: ExportFormat) => {
    closeMenu();
    setStatus({ kind: 'working' });
    try {
      const { buildExportFile } = await import('@/utils/export/export-file');
      const file = await buildExportFile(await props.load(), format, {
        labels: uiExportLabels(),
        collectionId: crypto.randomUUID(),
        base: props.base,
      });
      downloadFile(file);
      setStatus({ kind: 'done', text: t('exportDone', file.name) });
    } catch (error) {
      setStatus({ kind: 'failed', error });
    }
  };
  const copy = async () => {
    closeMenu();
    setStatus({ kind: 'working' });
    let markdown: string;
    try {
      const { exportMarkdown } = await import('@/utils/export/markdown-export');
      markdown = exportMarkdown(await props.load(), uiExportLabels());
    } catch (error) {
      setStatus({ kind: 'failed', error });
      return;
    }
    try {
      await navigator.clipboard.writeText(markdown);
      setStatus({ kind: 'done', text: t('exportCopied') });
    } catch {
      setStatus({ kind: 'done', text: t('exportCopyFailed') });
    }
  };

  const working = status?.kind === 'working';
  return (
    <div class="pz-export" data-testid={props.testId ?? 'export-menu'}>
      {props.only ? (
        <button
          type="button"
          disabled={working}
          data-testid={`export-${props.only}`}
          onClick={() => void run(props.only!)}
        >
          {props.label}
        </button>
      ) : (
        <details ref={menu} class="pz-menu" onKeyDown={(event) => event.key === 'Escape' && closeMenu(true)}>
          <summary>{props.label}</summary>
          <div class="pz-menu-items">
            {FORMATS.map(([format, label]) => (
              <button
                key={format}
                type="button"
                disabled={working}
                data-testid={`export-${format}`}
                onClick={() => void run(format)}
              >
                {t(label)}
              </button>
            ))}
            <button type="button" disabled={working} data-testid="export-copy" onClick={() => void copy()}>
              {t('exportCopyMarkdown')}
            </button>
          </div>
        </details>
      )}
      {status?.kind === 'working' && (
        <span role="status" class="pz-muted">
          {t('exportWorking')}
        </span>
      )}
      {status?.kind === 'done' && (
        <span role="status" class="pz-muted" data-testid="export-status">
          {status.text}
        </span>
      )}
      {status?.kind === 'failed' && <ErrorNotice error={status.error} />}
    </div>
  );
}
