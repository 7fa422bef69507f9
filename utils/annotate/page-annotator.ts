import { describeRange } from '../anchor/describe-range';
import { placeAnchors, resolveAnchors, type Placement } from '../anchor/resolve-anchors';
import type { TextAnchor } from '../anchor/selectors';
import { buildTextIndex, indexSteps, rangeOfOffsets, type TextIndex } from '../anchor/text-index';
import { deadlineAfter, PageLimitError, type Deadline } from '../dom/page-limits';
import { runInSlices, runToEnd, type SliceClock, type Steps } from '../schedule/slices';
import type { HighlightColor } from '../highlight/colors';
import type { Painter } from '../highlight/paint-highlights';
import {
  EDITABLE_FIELDS,
  editableOf,
  sameFieldValue,
  type AnnotationInput,
  type AnnotationRecord,
  type EditableFields,
} from '../model/annotation';
import { newId } from '../model/new-id';
import { groupPassages, memberKeyOf, type Passage } from './group-passages';
import { memberNames, passesMemberFilter, type Me } from './member-filter';
import { createSaveQueue, type SaveQueueState } from './save-queue';

/** Where the annotator's changes go: the background, through the message protocol. */
export interface AnnotationStore {
  /** `base`: the colour, note and tags last seen stored, so edits elsewhere since are kept. */
  save(input: AnnotationInput, base?: EditableFields): Promise<AnnotationRecord>;
  delete(id: string): Promise<unknown>;
  restore(record: AnnotationRecord): Promise<AnnotationRecord>;
}

export interface PageAnnotation {
  input: AnnotationInput;
  /** The stored record as last saved (author, times); null until the first save lands. */
  saved: AnnotationRecord | null;
  placement: Placement;
}

export interface AnnotatorState {
  /** Placed annotations in reading order, then the unplaced ones (未定位), oldest first. */
  annotations: PageAnnotation[];
  save: SaveQueueState;
  /** The last deleted annotation, while its undo is offered. */
  deleted: PageAnnotation | null;
  /** Annotations left unplaced because placing them ran out of time (worth trying again). */
  outOfTime: number;
  /** Whose notes are shown and painted (see member-filter.ts); the others are kept, not lost. */
  memberFilter: string;
  /** The names of everyone with a note on the page, shown or not: the filter's choices. */
  members: string[];
}

type Change =
  { kind: 'save'; annotation: PageAnnotation } | { kind: 'delete' } | { kind: 'restore'; annotation: PageAnnotation };

export type EditablePart = Partial<Pick<AnnotationInput, 'color' | 'note' | 'tags'>>;

export interface PageAnnotatorOptions {
  /** The page's address at the time of a change (a single-page site may change it). */
  url: () => string;
  /** The element holding the article text; asked again whenever the page changed. */
  root: () => Element;
  painter: Painter;
  store: AnnotationStore;
  isRetryable(error: unknown): boolean;
  retryDelaysMs?: readonly number[];
  /**
   * The time placing the page's annotations may take on its main thread: on its own after a
   * change of the page, and when the reader asks to try again (`patient`).
   */
  anchoringDeadline?: (patient: boolean) => Deadline;
  /**
   * On a live page: placing runs in slices that give the page its turn (with this clock), within
   * the same time in all — building the text index, searching and painting never block the page
   * for long. Without it (tests, the reader) placing is done at once, within `anchoringDeadline`.
   */
  slices?: { clock?: SliceClock };
}

/** A stored annotation as the annotator holds it, not yet placed on the page. */
export function storedAnnotation(record: AnnotationRecord): PageAnnotation {
  const { id, url, quote, position, color, note, tags } = record;
  return { input: { id, url, quote, position, color, note, tags }, saved: record, placement: { status: 'unplaced' } };
}

/** Placing annotations blocks the page: at most this long on its own, longer when asked. */
const ANCHORING_MS = { automatic: 300, patient: 3_000 } as const;

export type PageAnnotator = ReturnType<typeof createPageAnnotator>;

function byReadingOrder(a: PageAnnotation, b: PageAnnotation): number {
  const placedA = a.placement.status !== 'unplaced';
  const placedB = b.placement.status !== 'unplaced';
  if (placedA !== placedB) return placedA ? -1 : 1;
  if (a.placement.status !== 'unplaced' && b.placement.status !== 'unplaced') {
    return a.placement.start - b.placement.start || a.placement.end - b.placement.end;
  }
  // Not saved yet means newest: after every timestamp.
  return (a.saved?.createdAt ?? '~').localeCompare(b.saved?.createdAt ?? '~');
}

/**
 * The annotations of one page: anchors them on the article text, paints them, and sends every
 * change through a save queue. The page is never trusted to stay put: after it changes, the text
 * index is built again before a selection is described or anchors are resolved.
 */
export function createPageAnnotator(options: PageAnnotatorOptions) {
  const { painter, store } = options;
  const annotations = new Map<string, PageAnnotation>();
  /** The stored annotations the member filter leaves out: neither painted nor listed. */
  const filteredOut = new Map<string, PageAnnotation>();
  let memberFilter = '';
  let me: Me = { memberId: null, name: '' };
  /** A highlight not saved yet is the reader's own, just made: always shown. */
  const shows = ({ saved }: PageAnnotation) => !saved || passesMemberFilter(saved, memberFilter, me);
  let index: TextIndex | null = null;
  let deleted: PageAnnotation | null = null;
  const listeners = new Set<(state: AnnotatorState) => void>();
  /** The passages of the placed, saved highlights, and each highlight's passage. */
  let passageById = new Map<string, Passage>();

  const queue = createSaveQueue<Change>({
    isRetryable: options.isRetryable,
    retryDelaysMs: options.retryDelaysMs,
    onChange: () => notify(),
    async send(id, change) {
      if (change.kind === 'delete') {
        await store.delete(id);
        return;
      }
      const { annotation } = change;
      const sent = annotation.input;
      const record =
        change.kind === 'restore' && annotation.saved
          ? await store.restore({ ...annotation.saved, ...sent })
          : await store.save(sent, annotation.saved ? editableOf(annotation.saved) : undefined);
      annotation.saved = record;
      adoptEditsFromElsewhere(annotation, sent, record);
      notify();
    },
  });

  /**
   * Another tab may have changed a field this page left alone: the stored record has it, and the
   * page takes it unless the user changed that field again since the save was sent.
   */
  function adoptEditsFromElsewhere(annotation: PageAnnotation, sent: AnnotationInput, record: AnnotationRecord) {
    const adopted: Partial<EditableFields> = {};
    for (const field of EDITABLE_FIELDS) {
      if (sameFieldValue(annotation.input[field], sent[field]) && !sameFieldValue(record[field], sent[field]))
        Object.assign(adopted, { [field]: record[field] });
    }
    if (Object.keys(adopted).length === 0) return;
    annotation.input = { ...annotation.input, ...adopted };
    // A save answered after its annotation was deleted must not paint it back: only undo does.
    if (adopted.color && annotations.get(annotation.input.id) === annotation) {
      paint(annotation, currentIndex());
      if (painter.touchesDom) index = null;
    }
  }

  function state(): AnnotatorState {
    const list = [...annotations.values()];
    const outOfTime = list.filter(({ placement }) => placement.status === 'unplaced' && placement.outOfTime).length;
    return {
      annotations: list.sort(byReadingOrder),
      save: queue.state(),
      deleted,
      outOfTime,
      memberFilter,
      members: memberNames([...list, ...filteredOut.values()].map(({ saved }) => ({ author: saved?.author ?? '' }))),
    };
  }

  /**
   * Joins the placed highlights into passages and tells the painter how many members marked
   * each. A highlight not saved yet counts once it is (its author is known only then).
   */
  function paintDensity() {
    const spans = [...annotations.values()].flatMap(({ input, saved, placement }) =>
      saved && placement.status !== 'unplaced'
        ? [{ id: input.id, start: placement.start, end: placement.end, member: memberKeyOf(saved), name: saved.author }]
        : [],
    );
    const next = new Map<string, Passage>();
    for (const passage of groupPassages(spans)) for (const id of passage.ids) next.set(id, passage);
    for (const id of annotations.keys()) painter.density(id, next.get(id)?.members ?? 0);
    passageById = next;
  }

  function notify() {
    paintDensity();
    const snapshot = state();
    for (const listener of listeners) listener(snapshot);
  }

  function currentIndex(): TextIndex {
    const root = options.root();
    if (!index || index.root !== root) index = buildTextIndex(root);
    return index;
  }

  function paint(annotation: PageAnnotation, text: TextIndex) {
    const { placement } = annotation;
    const range = placement.status === 'unplaced' ? null : rangeOfOffsets(text, placement.start, placement.end);
    if (range) painter.paint(annotation.input.id, range, annotation.input.color);
    else painter.unpaint(annotation.input.id);
  }

  const anchoringDeadline =
    options.anchoringDeadline ?? ((patient) => deadlineAfter(patient ? ANCHORING_MS.patient : ANCHORING_MS.automatic));

  /**
   * Paints what was placed, a highlight a step; every other annotation keeps its paint (one made
   * while placing ran), and the notes the member filter hides lose theirs. Ranges first, paint
   * after: wrapper painting splits text nodes the index points into, and a range follows its text
   * as the page changes between two steps.
   */
  function* paintSteps(placedOn: TextIndex, list: PageAnnotation[], placements: readonly Placement[]): Steps<void> {
    list.forEach((annotation, number) => (annotation.placement = placements[number]!));
    // Taking wrappers off joins the text nodes the index points into: they go first, and the text
    // is read again (its offsets, which placements are, stay the same).
    let text = placedOn;
    if (painter.touchesDom) {
      painter.clear();
      text = buildTextIndex(placedOn.root);
    } else for (const hidden of filteredOut.values()) painter.unpaint(hidden.input.id);
    const shown = [...annotations.values()].map((annotation) => ({
      annotation,
      range:
        annotation.placement.status === 'unplaced'
          ? null
          : rangeOfOffsets(text, annotation.placement.start, annotation.placement.end),
    }));
    for (const { annotation, range } of shown) {
      yield;
      if (range) painter.paint(annotation.input.id, range, annotation.input.color);
      else painter.unpaint(annotation.input.id);
    }
    if (painter.touchesDom) index = null;
    notify();
  }

  /** Each placing in slices has a number: a newer one makes an older one moot. */
  let placing = 0;
  /** Changes of the page so far: a text index read before the last one is out of date. */
  let changes = 0;

  /** Anchors every annotation on the current text and paints the ones placed. */
  function anchorAll(patient = false) {
    const list = [...annotations.values()];
    const inputs = list.map((annotation) => annotation.input);
    if (!options.slices) {
      const text = currentIndex();
      runToEnd(paintSteps(text, list, resolveAnchors(text.text, inputs, anchoringDeadline(patient))));
      return;
    }
    const mine = ++placing;
    const changesBefore = changes;
    const root = options.root();
    const known = index?.root === root ? index : null;
    function* steps(): Steps<{ text: TextIndex; placements: Placement[] }> {
      const text = known ?? (yield* indexSteps(root));
      return { text, placements: yield* placeAnchors(text.text, inputs) };
    }
    void runInSlices(steps(), {
      clock: options.slices.clock,
      budgetMs: patient ? ANCHORING_MS.patient : ANCHORING_MS.automatic,
      stale: () => placing !== mine,
    }).then(
      (done) => {
        if (!done || placing !== mine) return;
        if (changes === changesBefore) index = done.text;
        // Painted in slices too; a newer placing paints over what this one had no time for.
        return runInSlices(paintSteps(done.text, list, done.placements), {
          clock: options.slices?.clock,
          stale: () => placing !== mine,
        });
      },
      (error: unknown) => {
        if (!(error instanceof PageLimitError) || placing !== mine) throw error;
        // The time was spent before the text was read: everything waits for 重试.
        for (const annotation of list) annotation.placement = { status: 'unplaced', outOfTime: true };
        notify();
      },
    );
  }

  function anchorOf(range: Range): TextAnchor | null {
    const text = currentIndex();
    if (!text.root.contains(range.commonAncestorContainer) && !range.intersectsNode(text.root)) return null;
    return describeRange(text, range);
  }

  return {
    subscribe(listener: (state: AnnotatorState) => void): () => void {
      listeners.add(listener);
      listener(state());
      return () => listeners.delete(listener);
    },
    state,

    /** Takes the page's stored annotations and places them. */
    load(records: readonly AnnotationRecord[]) {
      annotations.clear();
      filteredOut.clear();
      for (const record of records) {
        const annotation = storedAnnotation(record);
        (shows(annotation) ? annotations : filteredOut).set(record.id, annotation);
      }
      anchorAll();
    },

    /**
     * Shows and paints only the notes that pass the member filter (everyone's, the reader's own,
     * one member's); the passages' member counts are of what is shown.
     */
    filterMembers(filter: string, who: Me) {
      memberFilter = filter;
      me = who;
      const all = [...annotations.values(), ...filteredOut.values()];
      annotations.clear();
      filteredOut.clear();
      for (const annotation of all)
        (shows(annotation) ? annotations : filteredOut).set(annotation.input.id, annotation);
      anchorAll();
    },

    /** The page changed under the highlights, or the reader asks to try again (`patient`): anchor again. */
    reanchor: anchorAll,

    /** The text index no longer matches the page. */
    pageChanged() {
      changes++;
      index = null;
    },

    hasUnplaced(): boolean {
      return [...annotations.values()].some((annotation) => annotation.placement.status === 'unplaced');
    },

    /** Whether a selection lies in the article text, so it can be highlighted. */
    canAnnotate(range: Range): boolean {
      return anchorOf(range) !== null;
    },

    /** Highlights a selection; returns the new annotation's id, or null when the range holds no article text. */
    create(range: Range, color: HighlightColor, note = ''): string | null {
      const anchor = anchorOf(range);
      if (!anchor) return null;
      const input: AnnotationInput = { id: newId(), url: options.url(), ...anchor, color, note, tags: [] };
      const annotation: PageAnnotation = {
        input,
        saved: null,
        placement: { status: 'exact', start: anchor.position.start, end: anchor.position.end },
      };
      annotations.set(input.id, annotation);
      paint(annotation, currentIndex());
      if (painter.touchesDom) index = null;
      queue.put(input.id, { kind: 'save', annotation });
      return input.id;
    },

    update(id: string, part: EditablePart) {
      const annotation = annotations.get(id);
      if (!annotation) return;
      const recolor = part.color !== undefined && part.color !== annotation.input.color;
      annotation.input = { ...annotation.input, ...part };
      if (recolor) {
        paint(annotation, currentIndex());
        if (painter.touchesDom) index = null;
      }
      queue.put(id, { kind: 'save', annotation });
      notify();
    },

    /** Moves an annotation (one that could not be placed, say) onto the selected text. */
    reattach(id: string, range: Range): boolean {
      const annotation = annotations.get(id);
      const anchor = annotation && anchorOf(range);
      if (!annotation || !anchor) return false;
      annotation.input = { ...annotation.input, ...anchor, url: options.url() };
      annotation.placement = { status: 'exact', start: anchor.position.start, end: anchor.position.end };
      paint(annotation, currentIndex());
      if (painter.touchesDom) index = null;
      queue.put(id, { kind: 'save', annotation });
      notify();
      return true;
    },

    remove(id: string) {
      const annotation = annotations.get(id);
      if (!annotation) return;
      annotations.delete(id);
      painter.unpaint(id);
      if (painter.touchesDom) index = null;
      deleted = annotation;
      queue.put(id, { kind: 'delete' });
      notify();
    },

    /** Puts the last deleted annotation back, with its author and creation time. */
    undoRemove() {
      const annotation = deleted;
      if (!annotation) return;
      deleted = null;
      annotations.set(annotation.input.id, annotation);
      anchorAll();
      queue.put(annotation.input.id, annotation.saved ? { kind: 'restore', annotation } : { kind: 'save', annotation });
    },

    /** Forgets the offer to undo (its notice was dismissed). */
    dismissUndo() {
      deleted = null;
      notify();
    },

    retryFailed: () => queue.retryFailed(),
    idle: () => queue.idle(),

    /** Highlights under a point of the page, innermost last. */
    idsAt(node: Node, offset: number): string[] {
      return painter.idsAt(node, offset).filter((id) => annotations.has(id));
    },

    /** The passage a highlight lies in: how many members marked it, and who. */
    passageOf(id: string): Passage | null {
      return passageById.get(id) ?? null;
    },

    rangeOf(id: string): Range | null {
      const annotation = annotations.get(id);
      if (!annotation || annotation.placement.status === 'unplaced') return null;
      return rangeOfOffsets(currentIndex(), annotation.placement.start, annotation.placement.end);
    },

    get(id: string): PageAnnotation | undefined {
      return annotations.get(id);
    },
  };
}
