import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { t } from '@/runtime/translate';
import { frameAnnotationOf, type FrameRequest, type FrameView } from '@/utils/annotate/frame-messages';
import type { AnnotatorState, PageAnnotator } from '@/utils/annotate/page-annotator';
import { normalizeSpace } from '@/utils/text/normalize-space';
import type { FramePlace, NoteFrameHost } from '@/runtime/note-frame-host';
import { readMe } from '@/runtime/member-id';
import { pageSelection } from './page-listeners';
import { boxOf, placeNear, type Box } from './place-near';
import { whenPageIdle } from '@/utils/schedule/slices';

const POPOVER_WIDTH = 320;
const PANEL_WIDTH = 340;
const MARGIN = 8;

/** The card shown in the note frame: one highlight's popover or the page's panel. */
export type Card = { kind: 'popover'; id: string; box: Box; opened: number } | { kind: 'panel'; opened: number };

/**
 * The note frame and what it shows: a highlight's note next to it, or the page's list of notes at
 * the side. Requests from the frame (edits, deletes, 定位, 重新附着…) act on the annotator; only a
 * change of card moves the keyboard into the frame.
 */
export function useNoteCard(options: {
  annotator: PageAnnotator;
  state: AnnotatorState;
  createFrame(onRequest: (request: FrameRequest) => void): NoteFrameHost;
  cite(quote: string): Promise<string>;
  /** A popover is opening: the selection toolbar makes way. */
  onPopover(): void;
}) {
  const { annotator, state } = options;
  const [card, setCard] = useState<Card | null>(null);
  const [frameHeight, setFrameHeight] = useState(280);
  const [hint, setHint] = useState<string | null>(null);
  const latestCard = useRef(card);
  latestCard.current = card;
  const opened = useRef(0);

  const openPopover = (id: string, box: Box) => {
    options.onPopover();
    setCard({ kind: 'popover', id, box, opened: ++opened.current });
  };
  const openPanel = () => {
    setHint(null);
    setCard({ kind: 'panel', opened: ++opened.current });
  };
  const closePopover = () => {
    if (latestCard.current?.kind === 'popover') setCard(null);
  };
  /** The open popover follows its passage as the page scrolls or reflows. */
  const followPassage = () => {
    const shownCard = latestCard.current;
    if (shownCard?.kind !== 'popover') return;
    const range = annotator.rangeOf(shownCard.id);
    const box = range && boxOf(range);
    if (box) setCard({ ...shownCard, box });
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
        closePopover();
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
      case 'filter':
        void readMe().then((me) => annotator.filterMembers(request.memberFilter, me));
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
  // The frame (an extension page loading in the page) is put in once the page is idle after the
  // tools mounted, in a task of its own, or at once when a card is shown before that.
  const frame = useRef<NoteFrameHost | null>(null);
  const frameNow = () => (frame.current ??= options.createFrame((request) => frameRequests.current(request)));
  useEffect(() => {
    let mounted = true;
    void whenPageIdle().then(() => mounted && frameNow());
    return () => {
      mounted = false;
    };
  }, []);

  const shown = card?.kind === 'popover' ? annotator.get(card.id) : undefined;
  const focusedFor = useRef(0);
  // The citation may wait for the page to be read (away from it); until then 复制 copies the quote.
  const quote = shown ? normalizeSpace(shown.input.quote.exact) : null;
  const [cited, setCited] = useState({ quote: '', citation: '' });
  useEffect(() => {
    if (quote === null) return;
    let current = true;
    options
      .cite(quote)
      .then((citation) => current && setCited({ quote, citation }))
      .catch((error) => console.warn('Pizhu: no citation', error));
    return () => {
      current = false;
    };
  }, [quote]);
  useLayoutEffect(() => {
    let view: FrameView = { view: 'hidden' };
    let place: FramePlace | null = null;
    if (card?.kind === 'popover' && shown) {
      const width = Math.min(POPOVER_WIDTH, window.innerWidth - 2 * MARGIN);
      place = { ...placeNear(card.box, { width, height: frameHeight }, 'below'), width, height: frameHeight };
      view = {
        view: 'popover',
        annotation: frameAnnotationOf(shown, annotator.passageOf(card.id)),
        saving: state.save.saving.includes(card.id),
        citation: cited.quote === quote ? cited.citation : (quote ?? ''),
        opened: card.opened,
      };
    } else if (card?.kind === 'panel') {
      const width = Math.min(PANEL_WIDTH, window.innerWidth);
      place = { top: 0, left: window.innerWidth - width, width, height: window.innerHeight };
      view = {
        view: 'panel',
        annotations: state.annotations.map((shownOne) =>
          frameAnnotationOf(shownOne, annotator.passageOf(shownOne.input.id)),
        ),
        hint,
        outOfTime: state.outOfTime,
        opened: card.opened,
        memberFilter: state.memberFilter,
        members: state.members,
      };
    }
    const focus = card !== null && focusedFor.current !== card.opened;
    if (card) focusedFor.current = card.opened;
    if (view.view !== 'hidden' || frame.current) frameNow().show(view, place, focus);
  }, [card, shown, state, hint, frameHeight, cited]);
  // A popover whose annotation is gone (deleted here or elsewhere) closes.
  useEffect(() => {
    if (card?.kind === 'popover' && !shown) setCard(null);
  }, [card, shown]);

  return {
    /** A request from elsewhere (the side panel) acts as the frame's own would. */
    act: onFrameRequest,
    panelOpen: card?.kind === 'panel',
    openPopover,
    openPanel,
    closePopover,
    closeCard: () => setCard(null),
    followPassage,
  };
}
