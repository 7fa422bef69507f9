import { Fragment } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { ErrorNotice } from '@/components/ErrorNotice';
import { downloadFile } from '@/runtime/download-file';
import { uiExportLabels, userExportSettings } from '@/runtime/export-labels';
import { studyGroupSetting } from '@/runtime/user-settings';
import type { ExportBundle } from '@/utils/export/export-bundle';
import type { ExportFormat } from '@/utils/export/export-file';
import type { ExportSettings } from '@/utils/export/export-settings';
import { t, type MessageKey } from '@/runtime/translate';
import type { MarkdownRoute } from '@/utils/export/markdown-routes';
import { HandInForm } from './HandInForm';
import { routesHere, sendMarkdown } from './send-markdown';
import { writeClipboard } from './write-clipboard';

/** Each format with its name and the one line that says what it is for. */
const FORMATS: [ExportFormat, MessageKey, MessageKey][] = [
  ['annotated-docx', 'exportAnnotatedDocx', 'exportAnnotatedDocxHelp'],
  ['docx', 'exportWord', 'exportWordHelp'],
  ['annotated-html', 'exportAnnotatedHtml', 'exportAnnotatedHtmlHelp'],
  ['article-markdown', 'exportArticleMarkdown', 'exportArticleMarkdownHelp'],
  ['markdown', 'exportMarkdown', 'exportMarkdownHelp'],
  ['json', 'exportJson', 'exportJsonHelp'],
  ['csv', 'exportCsv', 'exportCsvHelp'],
];

/** Where 全文 Markdown goes without a file dialog, once the reader set it up: name and help line. */
const ROUTES: Record<MarkdownRoute, [MessageKey, MessageKey]> = {
  obsidian: ['sendToObsidian', 'sendToObsidianHelp'],
  folder: ['sendToFolder', 'sendToFolderHelp'],
};

/** The files that are handed in, whose header names the group, the member and the date. */
const HAND_IN: readonly ExportFormat[] = ['annotated-docx', 'annotated-html'];

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
  /** Called once a file was handed to the browser to save. */
  onSaved?: () => void;
}) {
  const [status, setStatus] = useState<Status>(null);
  const [handIn, setHandIn] = useState<{ format: ExportFormat; start: ExportSettings } | null>(null);
  const [routes, setRoutes] = useState<MarkdownRoute[]>([]);
  const menu = useRef<HTMLDetailsElement>(null);
  const closeMenu = (refocus = false) => {
    if (!menu.current) return;
    menu.current.open = false;
    if (refocus) menu.current.querySelector('summary')?.focus();
  };

  /** A hand-in asks for its header first; the other formats export at once. */
  const choose = async (format: ExportFormat) => {
    closeMenu();
    try {
      const start = await userExportSettings();
      if (HAND_IN.includes(format)) setHandIn({ format, start });
      else await run(format, start);
    } catch (error) {
      setStatus({ kind: 'failed', error });
    }
  };

  const run = async (format: ExportFormat, settings: ExportSettings) => {
    setHandIn(null);
    setStatus({ kind: 'working' });
    try {
      if (HAND_IN.includes(format)) await studyGroupSetting.setValue(settings.study.group.trim());
      const { buildExportFile } = await import('@/utils/export/export-file');
      const file = await buildExportFile(await props.load(), format, {
        labels: uiExportLabels(),
        settings,
        collectionId: crypto.randomUUID(),
        base: props.base,
      });
      downloadFile(file);
      props.onSaved?.();
      setStatus({ kind: 'done', text: t('exportDone', file.name) });
    } catch (error) {
      setStatus({ kind: 'failed', error });
    }
  };
  const sendTo = async (route: MarkdownRoute) => {
    closeMenu();
    setStatus({ kind: 'working' });
    try {
      const text = await sendMarkdown(route, await props.load(), {
        labels: uiExportLabels(),
        settings: await userExportSettings(),
      });
      props.onSaved?.();
      setStatus({ kind: 'done', text });
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
      markdown = exportMarkdown(await props.load(), uiExportLabels(), await userExportSettings());
    } catch (error) {
      setStatus({ kind: 'failed', error });
      return;
    }
    try {
      await writeClipboard(markdown);
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
          onClick={() => void choose(props.only!)}
        >
          {props.label}
        </button>
      ) : (
        <details
          ref={menu}
          class="pz-menu"
          onKeyDown={(event) => event.key === 'Escape' && closeMenu(true)}
          // Read as the menu opens: the options page may have changed them since this page loaded.
          onToggle={(event) => event.currentTarget.open && void routesHere().then(setRoutes, () => setRoutes([]))}
        >
          <summary>{props.label}</summary>
          <div class="pz-menu-items">
            {FORMATS.map(([format, label, help]) => (
              <Fragment key={format}>
                <button
                  type="button"
                  disabled={working}
                  data-testid={`export-${format}`}
                  onClick={() => void choose(format)}
                >
                  {t(label)}
                  <small class="pz-muted">{t(help)}</small>
                </button>
                {/* The sends the reader set up, right under the download of the same Markdown. */}
                {format === 'article-markdown' &&
                  routes.map((route) => (
                    <button
                      key={route}
                      type="button"
                      disabled={working}
                      data-testid={`send-${route}`}
                      onClick={() => void sendTo(route)}
                    >
                      {t(ROUTES[route][0])}
                      <small class="pz-muted">{t(ROUTES[route][1])}</small>
                    </button>
                  ))}
              </Fragment>
            ))}
            <button type="button" disabled={working} data-testid="export-copy" onClick={() => void copy()}>
              {t('exportCopyMarkdown')}
            </button>
          </div>
        </details>
      )}
      {handIn && (
        <HandInForm
          start={handIn.start}
          lang={uiExportLabels().lang}
          withFace={handIn.format === 'annotated-docx'}
          submit={(settings) => void run(handIn.format, settings)}
          cancel={() => {
            setHandIn(null);
            menu.current?.querySelector('summary')?.focus();
          }}
        />
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
