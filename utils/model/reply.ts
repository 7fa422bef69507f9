import * as v from 'valibot';
import { DISPLAY_NAME_MAX_LENGTH, MemberIdSchema, TimestampSchema } from './annotation';
import { HttpUrlSchema } from './article';

export const REPLY_MAX_LENGTH = 5_000;

/**
 * An answer to a note (a W3C annotation with `motivation: replying` whose target is the note).
 * Members do not edit each other's notes: they reply, and the thread shows under the note.
 * `url` is the page of the note answered, so a reply travels with that article's notes even
 * before the note itself has arrived.
 */
export const ReplyRecordSchema = v.strictObject({
  id: v.pipe(v.string(), v.uuid()),
  annotationId: v.pipe(v.string(), v.uuid()),
  url: HttpUrlSchema,
  urlKey: v.pipe(v.string(), v.maxLength(8192)),
  text: v.pipe(v.string(), v.minLength(1), v.maxLength(REPLY_MAX_LENGTH)),
  author: v.pipe(v.string(), v.maxLength(DISPLAY_NAME_MAX_LENGTH)),
  creatorId: v.optional(MemberIdSchema),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});

export type ReplyRecord = v.InferOutput<typeof ReplyRecordSchema>;

/** Replies by the note they answer, each thread oldest first. */
export function threadsOf(replies: readonly ReplyRecord[]): Map<string, ReplyRecord[]> {
  const threads = new Map<string, ReplyRecord[]>();
  for (const reply of [...replies].sort((a, b) => a.createdAt.localeCompare(b.createdAt))) {
    threads.set(reply.annotationId, [...(threads.get(reply.annotationId) ?? []), reply]);
  }
  return threads;
}

/** What a page sends to answer a note: the background adds the author and the times. */
export const ReplyInputSchema = v.strictObject({
  id: v.pipe(v.string(), v.uuid()),
  annotationId: v.pipe(v.string(), v.uuid()),
  text: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(REPLY_MAX_LENGTH)),
});

/**
 * A member's record that they deleted one of their own notes or replies. It travels in their
 * sync file so the deletion reaches the others; only the member who made a note can delete it
 * from the others' libraries.
 */
export const TombstoneSchema = v.strictObject({
  id: v.pipe(v.string(), v.uuid()),
  creatorId: MemberIdSchema,
  deletedAt: TimestampSchema,
});

export type Tombstone = v.InferOutput<typeof TombstoneSchema>;
