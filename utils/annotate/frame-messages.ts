import * as v from 'valibot';
import type { PageAnnotation } from './page-annotator';
import type { Passage } from './group-passages';
import {
  AnnotationIdSchema,
  DISPLAY_NAME_MAX_LENGTH,
  EditablePartSchema,
  HighlightColorSchema,
} from '../model/annotation';

/**
 * The private channel between the in-page tools and the note frame — the extension page that
 * shows a highlight's note and the page's list of notes. Notes and tags travel only over runtime
 * ports, never through the page's document or its `postMessage`, which page scripts hear.
 *
 * Both ends connect to the background, which joins the two ports of one tab that carry the same
 * nonce (the frame's URL's fragment) and passes messages between them. Firefox gives an extension
 * page framed in a web page no `runtime.onConnect` for its content script's ports ("Receiving end
 * does not exist"), while a port to the background is delivered from both, in every browser.
 */

/** A member filter's value: '', a display name or `ONLY_ME`. */
const MemberFilterSchema = v.pipe(v.string(), v.maxLength(DISPLAY_NAME_MAX_LENGTH));

/** The note frame's port: this plus the frame's nonce. */
export const FRAME_PORT_PREFIX = 'pizhu-note-frame:';
/** The in-page tools' port: this plus the nonce they gave their frame. */
export const TOOLS_PORT_PREFIX = 'pizhu-page-tools:';
/**
 * Sent by the tools while the frame is on screen, and not passed on: a message on a port keeps
 * Chrome's background worker awake, so an open note does not vanish when it would sleep.
 */
export const KEEP_AWAKE = 'pizhu-keep-awake';

/** One annotation as the frame shows it. */
export const FrameAnnotationSchema = v.strictObject({
  id: AnnotationIdSchema,
  color: HighlightColorSchema,
  quote: v.string(),
  note: v.string(),
  tags: v.array(v.string()),
  author: v.nullable(v.string()),
  /** The group member who made it (null before sync): another member's note takes replies, not edits. */
  creatorId: v.nullable(v.string()),
  placement: v.picklist(['exact', 'fuzzy', 'unplaced']),
  saved: v.boolean(),
  /** The names of the members who marked its passage, when two or more did. */
  markedBy: v.pipe(v.array(v.pipe(v.string(), v.maxLength(DISPLAY_NAME_MAX_LENGTH))), v.maxLength(1_000)),
});
export type FrameAnnotation = v.InferOutput<typeof FrameAnnotationSchema>;

/** What the frame shows: a highlight's popover, the page's panel, or nothing. */
export const FrameViewSchema = v.variant('view', [
  v.strictObject({
    view: v.literal('popover'),
    annotation: FrameAnnotationSchema,
    saving: v.boolean(),
    /** The quote with 《标题》, source, date and address, for 复制. */
    citation: v.string(),
    /** Changes each time the popover is opened, so the caret is put in the note again. */
    opened: v.number(),
  }),
  v.strictObject({
    view: v.literal('panel'),
    annotations: v.array(FrameAnnotationSchema),
    hint: v.nullable(v.string()),
    /** How many were left unplaced because placing ran out of time. */
    outOfTime: v.number(),
    opened: v.number(),
    /** Whose notes are listed and painted, and the names to choose from (see member-filter.ts). */
    memberFilter: MemberFilterSchema,
    members: v.pipe(v.array(MemberFilterSchema), v.maxLength(1_000)),
  }),
  v.strictObject({ view: v.literal('hidden') }),
]);
export type FrameView = v.InferOutput<typeof FrameViewSchema>;

/**
 * The number of a request that changes notes: the page's tools answer it (`FrameAnswer`) once
 * they acted on it, so the frame can tell the reader of one they never answered.
 */
const RequestNumberSchema = v.pipe(v.number(), v.integer(), v.minValue(1));

/** The page's tools acted on the frame's request with this number. */
export const FrameAnswerSchema = v.strictObject({ answered: RequestNumberSchema });
export type FrameAnswer = v.InferOutput<typeof FrameAnswerSchema>;

/** Why the page's tools refused a click in the frame: the page made the frame unseeable, or covered it. */
export const ClickRefusalSchema = v.picklist(['hidden', 'covered']);
export type ClickRefusal = v.InferOutput<typeof ClickRefusalSchema>;

/** The page's tools' verdict on check `checked`: null when the frame was in plain sight at the click. */
export const FrameCheckAnswerSchema = v.strictObject({
  checked: RequestNumberSchema,
  refused: v.nullable(ClickRefusalSchema),
});
export type FrameCheckAnswer = v.InferOutput<typeof FrameCheckAnswerSchema>;

/** What the frame asks of the page's tools. */
export const FrameRequestSchema = v.variant('type', [
  v.strictObject({
    type: v.literal('update'),
    id: AnnotationIdSchema,
    part: EditablePartSchema,
    request: v.optional(RequestNumberSchema),
  }),
  v.strictObject({ type: v.literal('delete'), id: AnnotationIdSchema, request: v.optional(RequestNumberSchema) }),
  /** The frame is this extension's page and listens: only then is it shown. */
  v.strictObject({ type: v.literal('ready') }),
  v.strictObject({ type: v.literal('show'), id: AnnotationIdSchema }),
  v.strictObject({ type: v.literal('reattach'), id: AnnotationIdSchema, request: v.optional(RequestNumberSchema) }),
  /** Place the page's annotations again, taking longer than on its own. */
  v.strictObject({ type: v.literal('retry') }),
  v.strictObject({ type: v.literal('close') }),
  /** Show and paint only these members' notes (`member-filter.ts`). */
  v.strictObject({ type: v.literal('filter'), memberFilter: MemberFilterSchema }),
  /** The height the popover's content needs; the frame is as wide as the page's tools make it. */
  v.strictObject({ type: v.literal('height'), height: v.pipe(v.number(), v.minValue(0), v.maxValue(10_000)) }),
  /**
   * Was the frame in plain sight when the reader clicked at (x, y), in the frame's own pixels?
   * Asked before a click that changes or sends anything acts; the tools answer `FrameCheckAnswer`.
   */
  v.strictObject({
    type: v.literal('check'),
    check: RequestNumberSchema,
    x: v.pipe(v.number(), v.finite()),
    y: v.pipe(v.number(), v.finite()),
  }),
]);
export type FrameRequest = v.InferOutput<typeof FrameRequestSchema>;

/** What the frame shows of a page's annotation, with the passage it lies in. */
export function frameAnnotationOf(
  { input, saved, placement }: PageAnnotation,
  passage: Pick<Passage, 'members' | 'names'> | null,
): FrameAnnotation {
  const { id, color, quote, note, tags } = input;
  return {
    id,
    color,
    quote: quote.exact,
    note,
    tags,
    author: saved?.author || null,
    creatorId: saved?.creatorId ?? null,
    placement: placement.status,
    saved: saved !== null,
    markedBy: passage && passage.members >= 2 ? passage.names : [],
  };
}
