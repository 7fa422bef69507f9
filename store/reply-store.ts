import { PizhuError } from '@/utils/errors';
import type { ReplyRecord } from '@/utils/model/reply';
import type { PizhuDatabase } from './database';
import { recordTombstones } from './tombstones';

/** Answers a stored note; a reply stays on the note's page, like the note. */
export async function saveReply(
  db: PizhuDatabase,
  input: { id: string; annotationId: string; text: string },
  options: { author: string; memberId?: string; now?: Date },
): Promise<ReplyRecord> {
  const timestamp = (options.now ?? new Date()).toISOString();
  return db.transaction('rw', [db.annotations, db.replies], async () => {
    const note = await db.annotations.get(input.annotationId);
    if (!note) throw new PizhuError('bad-payload', 'the note answered is not stored');
    const existing = await db.replies.get(input.id);
    if (existing && (existing.annotationId !== input.annotationId || existing.creatorId !== options.memberId))
      throw new PizhuError('not-yours', 'another member wrote this reply');
    const reply: ReplyRecord = {
      id: input.id,
      annotationId: note.id,
      url: note.url,
      urlKey: note.urlKey,
      text: input.text,
      author: existing?.author ?? options.author,
      ...(options.memberId ? { creatorId: options.memberId } : {}),
      createdAt: existing?.createdAt ?? timestamp,
      updatedAt: timestamp,
    };
    await db.replies.put(reply);
    return reply;
  });
}

/** Deletes one of the member's own replies (a tombstone tells the group). */
export async function deleteReply(
  db: PizhuDatabase,
  id: string,
  options: { memberId?: string },
): Promise<ReplyRecord | null> {
  return db.transaction('rw', [db.replies, db.tombstones], async () => {
    const existing = (await db.replies.get(id)) ?? null;
    if (!existing) return null;
    if (existing.creatorId && existing.creatorId !== options.memberId)
      throw new PizhuError('not-yours', 'another member wrote this reply');
    await db.replies.delete(id);
    await recordTombstones(db, [existing]);
    return existing;
  });
}

/** The replies to these notes, oldest first. */
export async function listReplies(db: PizhuDatabase, annotationIds: readonly string[]): Promise<ReplyRecord[]> {
  const replies = await db.replies
    .where('annotationId')
    .anyOf([...annotationIds])
    .toArray();
  return replies.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}
