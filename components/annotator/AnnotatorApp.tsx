import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { frameAnnotationOf, type FrameRequest, type FrameView } from '@/utils/annotate/frame-messages';
import type { AnnotatorState, PageAnnotator } from '@/utils/annotate/page-annotator';
import type { HighlightColor } from '@/utils/highlight/colors';
import { t } from '@/utils/i18n/translate';
import { normalizeSpace } from '@/utils/text/normalize-space';
import type { FramePlace, NoteFrameHost } from './note-frame-host';
import { placeNear, type Box } from './place-near';
import { SelectionToolbar } from './SelectionToolbar';
import { listenToPage, pageSelection } from './page-listeners';

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
  /** Where notes are shown and edited, out of the page's reach. */
  createFrame(onRequest: (request: FrameRequest) => void): NoteFrameHost;
  cite(quote: string): string;
  lastColor: { get(): HighlightColor; set(color: HighlightColor): void };
  describeError(error: unknown): string;
  controls: AnnotatorControls;
}

const UNDO_NOTICE_MS = 10_000;
const NOTICE_MS = 3_000;
const POPOVER_WIDTH = 320;
const PANEL_WIDTH = 340;
const MARGIN = 8;

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

/** The card shown in the note frame: one highlight's popover or the page's panel. */
type Card = { kind: 'popover'; id: string; box: Box; opened: number } | { kind: 'panel'; opened: number };

/**
 * The reader's tools on the page: the selection toolbar, the launcher and notices (undo, failed
 * saves) here, and a highlight's note or the page's list of notes in the note frame. Everything
 * is reachable by keyboard: the highlight shortcut opens the new highlight's note, toolbars move
 * with the arrow keys, and Esc closes.
 */
export function AnnotatorApp(props: AnnotatorAppProps) {
  const { annotator, host, controls } = props;
  const [state, setState] = useState<AnnotatorState>(annotator.state());
  const [toolbar, setToolbar] = useState<{ range: Range; box: Box; focus: boolean } | null>(null);
  const [card, setCard] = useState<Card | null>(null);
  const [frameHeight, setFrameHeight] = useState(280);
  const [hint, setHint] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ text: string; error: boolean } | null>(null);
  const latest = useRef({ toolbar, card });
  latest.current = { toolbar, card };
  const opened = useRef(0);

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

  const openPopover = (id: string, box: Box) => {
    setToolbar(null);
    setCard({ kind: 'popover', id, box, opened: ++opened.current });
  };

  const showOnPage = (id: string) => {
    const range = annotator.rangeOf(id);
    const before = range && boxOf(range);
    if (!range || !before) return;
    window.scrollBy({ top: before.top - window.innerHeight / 3, behavior: 'instant' });
    const box = boxOf(range);
    if (box) openPopover(id, box);
  };

  const onFrameRequest = (request: FrameRequest) => {
    switch (request.type) {
      case 'update':
        annotator.update(request.id, request.part);
        break;
      case 'delete':
        annotator.remove(request.id);
        if (latest.current.card?.kind === 'popover') setCard(null);
        break;
      case 'show':
        showOnPage(request.id);
        break;
      case 'reattach': {
        const range = pageSelection();
        if (range && annotator.reattach(request.id, range)) {
          document.getSelection()?.removeAllRanges();
          setHint(null);
        } else {
          setHint(t('panelReattachHint'));
        }
        break;
      }
      case 'retry':
        annotator.reanchor(true);
        break;
      case 'close':
        setCard(null);
        break;
      case 'height':
        setFrameHeight(request.height);
        break;
    }
  };
  const frameRequests = useRef(onFrameRequest);
  frameRequests.current = onFrameRequest;
  const [frame] = useState(() => props.createFrame((request) => frameRequests.current(request)));

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
    if (id && box) openPopover(id, box);
  };

  controls.highlightSelection = () => {
    const range = pageSelection();
    if (range && annotator.canAnnotate(range)) noteOn(range);
  };
  controls.reportError = (error) => say(props.describeError(error), true);
  controls.notify = (text) => say(text);

  useLayoutEffect(
    () =>
      listenToPage({
        host,
        offerToolbar(focus) {
          const range = pageSelection();
          const box = range && boxOf(range);
          if (!range || !box || !annotator.canAnnotate(range)) setToolbar(null);
          else setToolbar({ range, box, focus });
        },
        selectionGone() {
          if (latest.current.toolbar) setToolbar(null);
        },
        pressedOutside() {
          if (latest.current.card?.kind === 'popover') setCard(null);
        },
        clickedAt(node, offset, x, y) {
          const id = annotator.idsAt(node, offset).at(-1);
          if (id) openPopover(id, { top: y - 12, bottom: y + 12, left: x - 20, right: x + 20 });
        },
        escape() {
          setToolbar(null);
          setCard(null);
        },
        viewportChanged() {
          const { toolbar: shownToolbar, card: shownCard } = latest.current;
          if (shownToolbar) {
            const box = boxOf(shownToolbar.range);
            setToolbar(box ? { ...shownToolbar, box, focus: false } : null);
          }
          if (shownCard?.kind === 'popover') {
            const range = annotator.rangeOf(shownCard.id);
            const box = range && boxOf(range);
            if (box) setCard({ ...shownCard, box });
          }
        },
      }),
    [annotator, host],
  );

  // The frame shows the open card; only a change of card moves the keyboard into it.
  const shown = card?.kind === 'popover' ? annotator.get(card.id) : undefined;
  const focusedFor = useRef(0);
  useLayoutEffect(() => {
    let view: FrameView = { view: 'hidden' };
    let place: FramePlace | null = null;
    if (card?.kind === 'popover' && shown) {
      const width = Math.min(POPOVER_WIDTH, window.innerWidth - 2 * MARGIN);
      place = { ...placeNear(card.box, { width, height: frameHeight }, 'below'), width, height: frameHeight };
      view = {
        view: 'popover',
        annotation: frameAnnotationOf(shown),
        saving: state.save.saving.includes(card.id),
        citation: props.cite(normalizeSpace(shown.input.quote.exact)),
        opened: card.opened,
      };
    } else if (card?.kind === 'panel') {
      const width = Math.min(PANEL_WIDTH, window.innerWidth);
      place = { top: 0, left: window.innerWidth - width, width, height: window.innerHeight };
      view = { view: 'panel', annotations: state.annotations.map(frameAnnotationOf), hint, outOfTime: state.outOfTime, opened: card.opened };
    }
    const focus = card !== null && focusedFor.current !== card.opened;
    if (card) focusedFor.current = card.opened;
    frame.show(view, place, focus);
  }, [card, shown, state, hint, frameHeight]);
  // A popover whose annotation is gone (deleted here or elsewhere) closes.
  useEffect(() => {
    if (card?.kind === 'popover' && !shown) setCard(null);
  }, [card, shown]);

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
          onCopy={() => {
            navigator.clipboard
              .writeText(props.cite(normalizeSpace(toolbar.range.toString())))
              .then(() => say(t('copyDone')))
              .catch(() => say(t('copyFailed'), true));
          }}
          onClose={() => setToolbar(null)}
        />
      )}
      {/* Shown on every page Pizhu runs on, quietly before the first note: Pizhu is here. */}
      {card?.kind !== 'panel' && (
        <button
          type="button"
          class={state.annotations.length > 0 ? 'launcher' : 'launcher quiet'}
          data-testid="launcher"
          onClick={() => {
            setHint(null);
            setCard({ kind: 'panel', opened: ++opened.current });
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
