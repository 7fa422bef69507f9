import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { t } from '@/runtime/translate';
import type { FrameRequest } from '@/utils/annotate/frame-messages';
import type { AnnotatorState, PageAnnotator } from '@/utils/annotate/page-annotator';
import type { HighlightColor } from '@/utils/highlight/colors';
import { normalizeSpace } from '@/utils/text/normalize-space';
import type { PageToolsCommand, PageToolsCommands } from './page-tools-commands';
import type { NoteFrameHost } from '@/runtime/note-frame-host';
import { MarkedBy } from './MarkedBy';
import { Notices } from './Notices';
import { listenToPage, pageSelection } from './page-listeners';
import { boxOf, type Box } from './place-near';
import { SelectionToolbar } from './SelectionToolbar';
import { useNoteCard } from './use-note-card';
import type { SelectionChoice } from './SelectionOffer';
import { writeClipboard } from '../write-clipboard';

export interface PageToolsAppProps {
  annotator: PageAnnotator;
  /** The shadow host: events that come from it are the UI's own. */
  host: Element;
  /** Where notes are shown and edited, out of the page's reach. */
  createFrame(onRequest: (request: FrameRequest) => void): NoteFrameHost;
  cite(quote: string): Promise<string>;
  lastColor: { get(): HighlightColor; set(color: HighlightColor): void };
  describeError(error: unknown): string;
  commands: PageToolsCommands;
  /** The copy command's path, for a page without `navigator.clipboard` (see own-copy.ts). */
  ownCopy?: (text: string) => boolean;
  /** Selecting where the page forbids it (on web pages, not in the reader). */
  selection?: SelectionChoice;
  /** Whether the launcher shows with this many notes on the page (always, unless said otherwise). */
  showLauncher?: (count: number) => boolean;
  /** Whether the reader may have selected a passage before the tools were listening (see noteEarlySelection). */
  selectedEarly?: () => boolean;
}

/** "3 人划线：…" shown at a point of the viewport. */
interface Tip {
  names: string[];
  x: number;
  y: number;
}

/** Who marked the passage at a point of the page, when two or more members did. */
function tipAt(annotator: PageAnnotator, at: { node: Node; offset: number; x: number; y: number }): Tip | null {
  const id = annotator.idsAt(at.node, at.offset).at(-1);
  const passage = id ? annotator.passageOf(id) : null;
  return passage && passage.members >= 2 ? { names: passage.names, x: at.x, y: at.y } : null;
}

/** How long 撤销 is offered after a delete (on the page and in the side panel). */
export const UNDO_NOTICE_MS = 10_000;
const NOTICE_MS = 3_000;

/**
 * The reader's tools on the page: the selection toolbar, the launcher and notices (undo, failed
 * saves) here, and a highlight's note or the page's list of notes in the note frame. Everything
 * is reachable by keyboard: the highlight shortcut opens the new highlight's note, toolbars move
 * with the arrow keys, and Esc closes.
 */
export function PageToolsApp(props: PageToolsAppProps) {
  const { annotator, host } = props;
  const [state, setState] = useState<AnnotatorState>(annotator.state());
  const [toolbar, setToolbar] = useState<{ range: Range; box: Box; focus: boolean } | null>(null);
  const [notice, setNotice] = useState<{ text: string; error: boolean } | null>(null);
  const [hover, setHover] = useState<Tip | null>(null);
  const [keyboardTip, setKeyboardTip] = useState<Tip | null>(null);
  const latestToolbar = useRef(toolbar);
  latestToolbar.current = toolbar;
  const card = useNoteCard({
    annotator,
    state,
    createFrame: props.createFrame,
    cite: props.cite,
    onPopover: () => setToolbar(null),
  });

  // Layout effects run right after the first render, not after a paint that a hidden tab may
  // never get: the page's annotations and the reader's clicks must not wait for it.
  useLayoutEffect(() => annotator.subscribe(setState), [annotator]);

  const say = (text: string, error = false) => setNotice({ text, error });
  // Where 允许选择 is on, a selection the page cleared is still the reader's.
  const readerSelection = () => pageSelection() ?? props.selection?.freedom.heldSelection() ?? null;
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

  const highlight = (range: Range, color: HighlightColor): string | null => {
    let id: string | null = null;
    try {
      id = annotator.create(range, color);
    } catch (error) {
      say(props.describeError(error), true);
    }
    if (!id) return null;
    props.lastColor.set(color);
    props.selection?.freedom.releaseSelection();
    document.getSelection()?.removeAllRanges();
    setToolbar(null);
    return id;
  };

  const noteOn = (range: Range) => {
    const box = boxOf(range);
    const id = highlight(range, props.lastColor.get());
    if (id && box) card.openPopover(id, box);
  };

  const onCommand = (command: PageToolsCommand) => {
    if (command.type === 'highlight-selection') {
      const range = readerSelection();
      if (range && annotator.canAnnotate(range)) noteOn(range);
    } else if (command.type === 'report-error') say(props.describeError(command.error), true);
    else if (command.type === 'notify') say(command.text);
    else if (command.action.type === 'undo') {
      if (annotator.state().deleted?.input.id === command.action.id) annotator.undoRemove();
    } else card.act(command.action);
  };
  const latestOnCommand = useRef(onCommand);
  latestOnCommand.current = onCommand;
  useLayoutEffect(() => props.commands.listen((command) => latestOnCommand.current(command)), [props.commands]);

  const latestCard = useRef(card);
  latestCard.current = card;
  useLayoutEffect(
    () =>
      listenToPage(
        {
          host,
          offerToolbar(focus) {
            const range = readerSelection();
            const box = range && boxOf(range);
            if (!range || !box || !annotator.canAnnotate(range)) setToolbar(null);
            else setToolbar({ range, box, focus });
          },
          selectionGone() {
            if (latestToolbar.current) setToolbar(null);
          },
          pressedOutside() {
            latestCard.current.closePopover();
          },
          clickedAt(node, offset, x, y) {
            const id = annotator.idsAt(node, offset).at(-1);
            if (id) latestCard.current.openPopover(id, { top: y - 12, bottom: y + 12, left: x - 20, right: x + 20 });
          },
          hoveredAt(at) {
            setHover(at && tipAt(annotator, at));
          },
          keyboardAt(at) {
            setKeyboardTip(at && tipAt(annotator, at));
          },
          escape() {
            setHover(null);
            setKeyboardTip(null);
            setToolbar(null);
            latestCard.current.closeCard();
          },
          viewportChanged() {
            const shownToolbar = latestToolbar.current;
            if (shownToolbar) {
              const box = boxOf(shownToolbar.range);
              setToolbar(box ? { ...shownToolbar, box, focus: false } : null);
            }
            latestCard.current.followPassage();
          },
        },
        props.selectedEarly?.(),
      ),
    [annotator, host],
  );

  const unplaced = state.annotations.filter((annotation) => annotation.placement.status === 'unplaced').length;

  return (
    <>
      {toolbar && (
        <SelectionToolbar
          anchor={toolbar.box}
          focus={toolbar.focus}
          onColor={(color) => highlight(toolbar.range, color)}
          onNote={() => noteOn(toolbar.range)}
          onCopy={() => {
            props
              .cite(normalizeSpace(toolbar.range.toString()))
              .then((citation) => writeClipboard(citation, props.ownCopy))
              .then(() => say(t('copyDone')))
              .catch(() => say(t('copyFailed'), true));
          }}
          onClose={() => setToolbar(null)}
        />
      )}
      {/* Shown on every page Pizhu runs on, quietly before the first note: Pizhu is here. */}
      {!card.panelOpen && (props.showLauncher?.(state.annotations.length) ?? true) && (
        <button
          type="button"
          class={state.annotations.length > 0 ? 'launcher' : 'launcher quiet'}
          data-testid="launcher"
          onClick={card.openPanel}
        >
          {t('panelOpen', String(state.annotations.length))}
          {unplaced > 0 && (
            <span class="warn">
              {' '}
              · {t('panelUnplaced')} {unplaced}
            </span>
          )}
        </button>
      )}
      {hover && (
        <div class="hover-tip" role="tooltip" style={{ left: `${hover.x + 12}px`, top: `${hover.y + 16}px` }}>
          <MarkedBy names={hover.names} />
        </div>
      )}
      {/* Always there, so a screen reader hears who marked the passage the keyboard reached. */}
      <div role="status" class="keyboard-tip" data-testid="keyboard-tip">
        {keyboardTip && (
          <div class="hover-tip" style={{ left: `${keyboardTip.x}px`, top: `${keyboardTip.y + 4}px` }}>
            <MarkedBy names={keyboardTip.names} />
          </div>
        )}
      </div>
      <Notices
        annotator={annotator}
        state={state}
        notice={notice}
        describeError={props.describeError}
        selection={props.selection}
      />
    </>
  );
}
