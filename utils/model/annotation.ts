import * as v from 'valibot';
import { HIGHLIGHT_COLORS, type HighlightColor } from '../highlight/colors';
import { CONTEXT_LENGTH } from '../anchor/selectors';
import { HttpUrlSchema } from './article';

export const DISPLAY_NAME_MAX_LENGTH = 40;

/** A member of a study group: one Pizhu install, named by a random UUID. */
export const MemberIdSchema = v.pipe(v.string(), v.uuid());

/** A display name as it goes on notes: one line, single spaces, within the length a note holds. */
export function cleanDisplayName(name: string): string {
  return name.replace(/\s+/g, ' ').trim().slice(0, DISPLAY_NAME_MAX_LENGTH);
}

const offset = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(50_000_000));

const annotationFields = {
  id: v.pipe(v.string(), v.uuid()),
  url: HttpUrlSchema,
  quote: v.strictObject({
    exact: v.pipe(v.string(), v.minLength(1), v.maxLength(20_000)),
    prefix: v.pipe(v.string(), v.maxLength(CONTEXT_LENGTH * 2)),
    suffix: v.pipe(v.string(), v.maxLength(CONTEXT_LENGTH * 2)),
  }),
  position: v.strictObject({ start: offset, end: offset }),
  color: v.picklist(Object.keys(HIGHLIGHT_COLORS) as [HighlightColor, ...HighlightColor[]]),
  note: v.pipe(v.string(), v.maxLength(20_000)),
  tags: v.pipe(v.array(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(50))), v.maxLength(50)),
};

/** A position that ends after it starts; generic so each pipe keeps its own output type. */
function positionInOrder<T extends { position: { start: number; end: number } }>() {
  return v.check<T, string>(
    (input) => input.position.end > input.position.start,
    'position.end must be after position.start',
  );
}

/**
 * An annotation as a content script or an extension page sends it. The background adds the
 * article it belongs to, the author and the timestamps.
 */
export const AnnotationInputSchema = v.pipe(v.strictObject(annotationFields), positionInOrder());

export type AnnotationInput = v.InferOutput<typeof AnnotationInputSchema>;

const editableFields = { color: annotationFields.color, note: annotationFields.note, tags: annotationFields.tags };

/** A change to some of an annotation's editable fields. */
export const EditablePartSchema = v.partial(v.strictObject(editableFields));
export const AnnotationIdSchema = annotationFields.id;
export const HighlightColorSchema = annotationFields.color;

/**
 * A save from a page: the annotation, plus the colour, note and tags that page last saw stored.
 * With them the background keeps what another tab changed since and this page did not touch.
 */
export const AnnotationSaveSchema = v.pipe(
  v.strictObject({ ...annotationFields, base: v.optional(v.strictObject(editableFields)) }),
  positionInOrder(),
);

/** What a user edits on an annotation; the quote and place are fixed once it is made. */
export const EDITABLE_FIELDS = ['color', 'note', 'tags'] as const;
export type EditableFields = Pick<AnnotationInput, (typeof EDITABLE_FIELDS)[number]>;
export type AnnotationSave = AnnotationInput & { base?: EditableFields };

export const editableOf = ({ color, note, tags }: EditableFields): EditableFields => ({ color, note, tags });

/** Whether two values of an editable field are equal (tags compare as lists). */
export const sameFieldValue = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

export const TimestampSchema = v.pipe(v.string(), v.isoTimestamp());
const timestamp = TimestampSchema;

/** A stored annotation, as an undo sends it back after a delete. */
export const AnnotationRecordSchema = v.pipe(
  v.strictObject({
    ...annotationFields,
    articleId: v.pipe(v.string(), v.uuid()),
    urlKey: v.pipe(v.string(), v.maxLength(8192)),
    author: v.pipe(v.string(), v.maxLength(DISPLAY_NAME_MAX_LENGTH)),
    creatorId: v.optional(MemberIdSchema),
    createdAt: timestamp,
    updatedAt: timestamp,
  }),
  positionInOrder(),
);

/** A highlight with its note, anchored by W3C-style selectors over the article's normalized text. */
export interface AnnotationRecord extends AnnotationInput {
  articleId: string;
  urlKey: string;
  /** The annotator's display name, so a study group's merged notes keep their authors. */
  author: string;
  /**
   * The member (one Pizhu install) who made it. Group sync publishes only a member's own notes
   * and lets only that member's deletions remove them; notes from before sync have none.
   */
  creatorId?: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * An annotation as it was before a merge replaced it: when two members' files disagree, the newer
 * edit wins and the other is kept here, never dropped. `key` names the version (annotation,
 * edit time, content), so merging the same file twice keeps it once.
 */
export interface AnnotationVersion {
  key: string;
  annotationId: string;
  record: AnnotationRecord;
  keptAt: string;
}

export const AnnotationVersionSchema = v.strictObject({
  key: v.pipe(v.string(), v.maxLength(200)),
  annotationId: v.pipe(v.string(), v.uuid()),
  record: AnnotationRecordSchema,
  keptAt: TimestampSchema,
});
