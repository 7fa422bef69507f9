import { useEffect, useState } from 'preact/hooks';
import { ErrorNotice } from '@/components/ErrorNotice';
import { ReplyThread, useReplies } from '@/components/ReplyThread';
import { writeClipboard } from '@/components/write-clipboard';
import { AnnotationsPanel } from '@/components/page-tools/AnnotationsPanel';
import { HighlightPopover } from '@/components/page-tools/HighlightPopover';
import { UNDO_NOTICE_MS } from '@/components/page-tools/PageToolsApp';
import { GroupSummaryBox } from '@/components/GroupSummaryBox';
import { callBackground } from '@/runtime/message-client';
import { t } from '@/runtime/translate';
import { citeQuote } from '@/utils/annotate/citation';
import { frameAnnotationOf } from '@/utils/annotate/frame-messages';
import { storedAnnotation } from '@/utils/annotate/page-annotator';
import { summarizeGroup } from '@/utils/export/group-summary';
import type { AnnotationRecord } from '@/utils/model/annotation';
import { normalizeSpace } from '@/utils/text/normalize-space';
import { useSidePanelNotes } from './use-side-panel-notes';

/** A stored note as the page's list shows it, with who else marked its passage. */
const listed = (record: AnnotationRecord, markedBy: ReadonlyMap<string, string[]>) => {
  const names = markedBy.get(record.id) ?? [];
  return frameAnnotationOf(
    { ...storedAnnotation(record), placement: { status: 'exact', ...record.position } },
    { members: names.length, names },
  );
};

/**
 * The browser's side panel: the active tab's notes with their threads and the group's summary,
 * following the tab as the reader switches tabs or pages. Its actions are the page's list's: a
 * note's button goes to it on the page and opens it here to edit; delete (with undo) and edits are
 * done by the page's own tools, so the page's highlights change with them.
 */
export function SidePanelApp() {
  const [error, setError] = useState<unknown>(null);
  const notes = useSidePanelNotes(setError);
  const [open, setOpen] = useState<{ id: string; opened: number } | null>(null);
  const [deleted, setDeleted] = useState<string | null>(null);
  const [knownTags, setKnownTags] = useState<string[]>([]);
  const [copyState, setCopyState] = useState<string | null>(null);
  const replies = useReplies(notes.shown.map((record) => record.id));

  useEffect(() => {
    setOpen(null);
    setDeleted(null);
  }, [notes.tab?.tabId, notes.tab?.status?.url]);
  useEffect(() => {
    if (!deleted) return;
    const timer = setTimeout(() => setDeleted(null), UNDO_NOTICE_MS);
    return () => clearTimeout(timer);
  }, [deleted]);
  useEffect(() => {
    setCopyState(null);
    if (open) callBackground('annotations.tags', {}).then(setKnownTags, () => setKnownTags([]));
  }, [open?.id]);

  const summary = notes.article ? summarizeGroup(notes.article, notes.records, []) : null;
  const markedBy = new Map(
    (summary?.passages ?? []).flatMap((passage) => passage.ids.map((id) => [id, passage.names] as const)),
  );
  const shown = notes.shown.map((record) => listed(record, markedBy));
  const opened = open && notes.shown.find((record) => record.id === open.id);
  const openedView = opened && listed(opened, markedBy);

  const goTo = (id: string) => {
    notes.act({ type: 'show', id });
    setOpen((before) => ({ id, opened: (before?.opened ?? 0) + 1 }));
  };
  const remove = (id: string) => {
    notes.act({ type: 'delete', id });
    setDeleted(id);
    if (open?.id === id) setOpen(null);
  };

  const status = notes.tab?.status;
  if (!status) {
    return (
      <main class="side-panel">
        <p class="pz-muted" data-testid="side-panel-away">
          {t('sidePanelNoPage')}
        </p>
        <ErrorNotice error={error} />
      </main>
    );
  }
  // A note's page is stored with it; until its record is read, the page's own report names it.
  const citationSource = notes.article ?? {
    title: status.metadata?.title ?? '',
    source: status.metadata?.source ?? null,
    publishedText: status.metadata?.publishedText ?? null,
    publishedAt: status.metadata?.publishedAt ?? null,
    url: status.url,
  };
  return (
    <main class="side-panel" data-testid="side-panel">
      <h1>
        <bdi>{citationSource.title}</bdi>
      </h1>
      <ErrorNotice error={error ?? replies.error} />
      {deleted && (
        <div class="card notice" role="status" data-testid="undo-notice">
          {t('deletedNotice')}
          <button
            type="button"
            data-action="undo"
            onClick={() => {
              notes.act({ type: 'undo', id: deleted });
              setDeleted(null);
            }}
          >
            {t('undo')}
          </button>
        </div>
      )}
      {opened && openedView && (
        <HighlightPopover
          key={opened.id}
          annotation={openedView}
          saving={false}
          opened={open.opened}
          copyState={copyState}
          knownTags={knownTags}
          mine={!opened.creatorId || !replies.memberId || opened.creatorId === replies.memberId}
          thread={<ReplyThread {...replies.threadOf(opened.id, opened.creatorId)} />}
          onUpdate={(part) => notes.act({ type: 'update', id: opened.id, part })}
          onDelete={() => remove(opened.id)}
          onCopy={() =>
            writeClipboard(citeQuote(normalizeSpace(opened.quote.exact), citationSource))
              .then(() => setCopyState(t('copyDone')))
              .catch(() => setCopyState(t('copyFailed')))
          }
          onClose={() => setOpen(null)}
        />
      )}
      <AnnotationsPanel
        annotations={shown}
        hint={null}
        outOfTime={0}
        // Every stored note is listed as placed here: 未定位 and its retry are the page's own list's.
        onRetry={() => undefined}
        onShow={goTo}
        onDelete={remove}
        onReattach={() => undefined}
        onClose={() => window.close()}
        threadOf={(id) => <ReplyThread {...replies.threadOf(id, notes.shown.find((r) => r.id === id)?.creatorId)} />}
        members={notes.members}
        memberFilter={notes.member}
        onMemberFilter={notes.setMember}
      />
      {notes.article && <GroupSummaryBox article={notes.article} records={notes.records} onGo={goTo} />}
    </main>
  );
}
