import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { AnnotatorState, PageAnnotator } from '@/utils/annotate/page-annotator';
import type { HighlightColor } from '@/utils/highlight/colors';
import { t } from '@/utils/i18n/translate';
import { normalizeSpace } from '@/utils/text/normalize-space';
import { AnnotationsPanel } from './AnnotationsPanel';
import { HighlightPopover } from './HighlightPopover';
import type { Box } from './place-near';
import { SelectionToolbar } from './SelectionToolbar';

/** What the content script can ask of the in-page UI (the highlight shortcut, errors to show). */
export interface AnnotatorControls {
  highlightSelection(): void;
  reportError(error: unknown): void;
  notify(text: string): void;
}

export interface AnnotatorAppProps {
  annotator: PageAnnotator;
  /** The shadow host: events that come from it are the UI's own. */
  host: Element;
  /** Whether to offer highlighting on this page (an article, or one the user asked for). */
  enabled(): boolean;
  cite(quote: string): string;
  lastColor: { get(): HighlightColor; set(color: HighlightColor): void };
  loadTags(): Promise<string[]>;
  describeError(error: unknown): string;
  controls: AnnotatorControls;
}

const UNDO_NOTICE_MS = 10_000;
const NOTICE_MS = 3_000;

function boxOf(range: Range): Box | null {
  const rects = range.getClientRects();
  const first = rects[0];
  const last = rects[rects.length - 1];
  if (!first || !last) {
    const rect = range.getBoundingClientRect();
    return rect.width || rect.height ? rect : null;
  }
  return { top: first.top, bottom: last.bottom, left: first.left, right: first.right };
}

function caretAt(x: number, y: number): { node: Node; offset: number } | null {
  const withPosition = document as Document & { caretPositionFromPoint?(x: number, y: number): { offsetNode: Node; offset: number } | null };
  const position = withPosition.caretPositionFromPoint?.(x, y);
  if (position) return { node: position.offsetNode, offset: position.offset };
  const range = document.caretRangeFromPoint?.(x, y);
  return range ? { node: range.startContainer, offset: range.startOffset } : null;
}

function pageSelection(): Range | null {
  const selection = document.getSelection();
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null;
  return selection.getRangeAt(0).cloneRange();
}

/**
 * The reader's tools on the page: the selection toolbar, a highlight's popover, the panel of
 * the page's annotations, and notices (undo, failed saves). Everything is reachable by keyboard:
 * the highlight shortcut opens the new highlight's popover with its note focused, toolbars move
 * with the arrow keys, and Esc closes.
 */
export function AnnotatorApp(props: AnnotatorAppProps) {
  const { annotator, host, controls } = props;
  const [state, setState] = useState<AnnotatorState>(annotator.state());
  const [toolbar, setToolbar] = useState<{ range: Range; box: Box; focus: boolean } | null>(null);
  const [popover, setPopover] = useState<{ id: string; box: Box; focusNote: boolean } | null>(null);
  const [panelOpen, setPanelOpen] = useState(false);
  const [hint, setHint] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ text: string; error: boolean } | null>(null);
  const [knownTags, setKnownTags] = useState<string[]>([]);
  const latest = useRef({ toolbar, popover, props });
  latest.current = { toolbar, popover, props };

  // Layout effects run right after the first render, not after a paint that a hidden tab may
  // never get: the page's annotations and the reader's clicks must not wait for it.
  useLayoutEffect(() => annotator.subscribe(setState), [annotator]);

  const say = (text: string, error = false) => setNotice({ text, error });
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice]);
  useEffect(() => {
    if (!state.deleted) return;
    const timer = setTimeout(() => annotator.dismissUndo(), UNDO_NOTICE_MS);
    return () => clearTimeout(timer);
  }, [state.deleted]);

  const openPopover = (id: string, box: Box, focusNote: boolean) => {
    setToolbar(null);
    setPopover({ id, box, focusNote });
    props
      .loadTags()
      .then(setKnownTags)
      .catch(() => setKnownTags([]));
  };

  const copy = (quote: string) => {
    navigator.clipboard
      .writeText(props.cite(normalizeSpace(quote)))
      .then(() => say(t('copyDone')))
      .catch(() => say(t('copyFailed'), true));
  };

  const highlight = (range: Range, color: HighlightColor): string | null => {
    let id: string | null = null;
    try {
      id = annotator.create(range, color);
    } catch (error) {
      say(props.describeError(error), true);
    }
    if (!id) return null;
    props.lastColor.set(color);
    document.getSelection()?.removeAllRanges();
    setToolbar(null);
    return id;
  };

  const noteOn = (range: Range) => {
    const box = boxOf(range);
    const id = highlight(range, props.lastColor.get());
    if (id && box) openPopover(id, box, true);
  };

  controls.highlightSelection = () => {
    const range = pageSelection();
    if (range && props.enabled() && annotator.canAnnotate(range)) noteOn(range);
  };
  controls.reportError = (error) => say(props.describeError(error), true);
  controls.notify = (text) => say(text);

  useLayoutEffect(() => {
    const fromUi = (event: Event) => event.target === host;

    const offerToolbar = (focus: boolean) => {
      const range = pageSelection();
      const box = range && boxOf(range);
      if (!range || !box || !latest.current.props.enabled() || !annotator.canAnnotate(range)) {
        setToolbar(null);
        return;
      }
      setToolbar({ range, box, focus });
    };

    const onMouseUp = (event: MouseEvent) => {
      if (!fromUi(event)) setTimeout(() => offerToolbar(false), 0);
    };
    const onKeyUp = (event: KeyboardEvent) => {
      if (fromUi(event)) return;
      if (event.shiftKey || ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'a')) offerToolbar(false);
    };
    const onSelectionChange = () => {
      if (latest.current.toolbar && !pageSelection()) setToolbar(null);
    };
    const onMouseDown = (event: MouseEvent) => {
      if (!fromUi(event)) setPopover(null);
    };
    const onClick = (event: MouseEvent) => {
      if (fromUi(event) || pageSelection()) return;
      const caret = caretAt(event.clientX, event.clientY);
      const id = caret && annotator.idsAt(caret.node, caret.offset).at(-1);
      if (!id) return;
      const y = event.clientY;
      openPopover(id, { top: y - 12, bottom: y + 12, left: event.clientX - 20, right: event.clientX + 20 }, false);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setToolbar(null);
      setPopover(null);
      setPanelOpen(false);
    };
    let frame = 0;
    const onViewportChange = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const { toolbar: shownToolbar, popover: shownPopover } = latest.current;
        if (shownToolbar) {
          const box = boxOf(shownToolbar.range);
          setToolbar(box ? { ...shownToolbar, box, focus: false } : null);
        }
        if (shownPopover) {
          const range = annotator.rangeOf(shownPopover.id);
          const box = range && boxOf(range);
          if (box) setPopover({ ...shownPopover, box, focusNote: false });
        }
      });
    };

    const listeners: [EventTarget, string, EventListener][] = [
      [window, 'mouseup', onMouseUp as EventListener],
      [window, 'keyup', onKeyUp as EventListener],
      [document, 'selectionchange', onSelectionChange],
      [window, 'mousedown', onMouseDown as EventListener],
      [window, 'click', onClick as EventListener],
      [window, 'keydown', onKeyDown as EventListener],
      [window, 'scroll', onViewportChange],
      [window, 'resize', onViewportChange],
    ];
    for (const [target, type, listener] of listeners) target.addEventListener(type, listener, { capture: true, passive: true });
    return () => {
      for (const [target, type, listener] of listeners) target.removeEventListener(type, listener, { capture: true });
    };
  }, [annotator, host]);

  const shown = popover && annotator.get(popover.id);
  const unplaced = state.annotations.filter((annotation) => annotation.placement.status === 'unplaced').length;
  const failed = state.save.failed;

  return (
    <>
      {toolbar && (
        <SelectionToolbar
          anchor={toolbar.box}
          focus={toolbar.focus}
          onColor={(color) => highlight(toolbar.range, color)}
          onNote={() => noteOn(toolbar.range)}
          onCopy={() => copy(toolbar.range.toString())}
          onClose={() => setToolbar(null)}
        />
      )}
      {popover && shown && (
        <HighlightPopover
          key={popover.id}
          annotation={shown}
          anchor={popover.box}
          focusNote={popover.focusNote}
          saving={state.save.saving.includes(popover.id)}
          knownTags={knownTags}
          onUpdate={(part) => annotator.update(popover.id, part)}
          onDelete={() => {
            annotator.remove(popover.id);
            setPopover(null);
          }}
          onCopy={() => copy(shown.input.quote.exact)}
          onClose={() => setPopover(null)}
        />
      )}
      {panelOpen && (
        <AnnotationsPanel
          annotations={state.annotations}
          hint={hint}
          onClose={() => setPanelOpen(false)}
          onDelete={(id) => annotator.remove(id)}
          onShow={(id) => {
            const range = annotator.rangeOf(id);
            const before = range && boxOf(range);
            if (!range || !before) return;
            window.scrollBy({ top: before.top - window.innerHeight / 3, behavior: 'instant' });
            const box = boxOf(range);
            if (box) openPopover(id, box, false);
          }}
          onReattach={(id) => {
            const range = pageSelection();
            if (range && annotator.reattach(id, range)) {
              document.getSelection()?.removeAllRanges();
              setHint(null);
            } else {
              setHint(t('panelReattachHint'));
            }
          }}
        />
      )}
      {state.annotations.length > 0 && !panelOpen && (
        <button
          type="button"
          class="launcher"
          data-testid="launcher"
          onClick={() => {
            setHint(null);
            setPanelOpen(true);
          }}
        >
          {t('panelOpen', String(state.annotations.length))}
          {unplaced > 0 && <span class="warn"> · {t('panelUnplaced')} {unplaced}</span>}
        </button>
      )}
      <div class="notices" role="status" aria-live="polite">
        {state.deleted && (
          <div class="card notice" data-testid="undo-notice">
            {t('deletedNotice')}
            <button type="button" onClick={() => annotator.undoRemove()} data-action="undo">
              {t('undo')}
            </button>
          </div>
        )}
        {failed.length > 0 && (
          <div class="card notice error" role="alert" data-testid="save-failed">
            {t('saveFailed', [String(failed.length), props.describeError(failed[0]!.error)])}
            <button type="button" onClick={() => annotator.retryFailed()}>
              {t('saveRetry')}
            </button>
          </div>
        )}
        {notice && <div class={`card notice${notice.error ? ' error' : ''}`}>{notice.text}</div>}
      </div>
    </>
  );
}
