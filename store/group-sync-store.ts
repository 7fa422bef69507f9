import type { ImportedNotes } from '@/utils/import/read-notes-file';
import { memberFileText, type MemberFileNotes, type MemberNotes } from '@/utils/sync/member-file';
import type { SyncLibrary, SyncMergeCounts } from '@/utils/sync/run-sync';
import type { StoredArticle } from '@/utils/model/article';
import { annotationSearchKey } from '@/utils/search/search-documents';
import { editableOf, type AnnotationRecord } from '@/utils/model/annotation';
import { fixedOf, planMerge } from '@/utils/merge/merge-plan';
import { byTitle } from '@/utils/export/export-bundle';
import { measureStage } from '@/utils/stage-timing';
import type { PizhuDatabase } from './database';
import { mergeTables, readLocalNotes, searchDocumentsOf, writeMergePlan } from './merge-notes';
import { indexDocuments, unindexDocuments } from './search-index';
import { bulkGetPresent, heldKeysFor } from './index-lookups';
import { keepLocalRevision, readLocalRevision } from './local-revision';
import type { IndexableType } from 'dexie';

/**
 * Notes made before this install had a member id are the member's when they carry the member's
 * display name (or none): those are published with the first sync. Notes merged from others'
 * files under other names stay theirs.
 */
export async function claimOwnNotes(db: PizhuDatabase, memberId: string, displayName: string): Promise<number> {
  // Keys first, every sync: only notes under the name that are not already the member's are read.
  const [named, own] = await Promise.all([
    db.annotations
      .where('author')
      .anyOf([...new Set(['', displayName])])
      .primaryKeys(),
    db.annotations.where('creatorId').equals(memberId).primaryKeys(),
  ]);
  const owned = new Set(own);
  const others = named.filter((id) => !owned.has(id));
  if (others.length === 0) return 0;
  return db.transaction('rw', db.annotations, async () => {
    const unclaimed = (await db.annotations.bulkGet(others)).filter(
      (annotation): annotation is AnnotationRecord => annotation !== undefined && !annotation.creatorId,
    );
    await db.annotations.bulkPut(unclaimed.map((annotation) => ({ ...annotation, creatorId: memberId })));
    return unclaimed.length;
  });
}

/**
 * A browser paired with another of the member's: the notes, replies and deletions it made under its
 * own member id become the member's, and are published in the member's file from now on.
 */
export function moveOwnRecords(db: PizhuDatabase, from: string, to: string): Promise<void> {
  return db.transaction('rw', [db.annotations, db.replies, db.tombstones], async () => {
    await db.annotations.where('creatorId').equals(from).modify({ creatorId: to });
    await db.replies.where('creatorId').equals(from).modify({ creatorId: to });
    await db.tombstones.where('creatorId').equals(from).modify({ creatorId: to });
  });
}

/** What the member publishes: their notes and replies with the articles they are on, and their deletions. */
export async function loadOwnNotes(db: PizhuDatabase, member: { id: string; name: string }): Promise<MemberNotes> {
  return db.transaction('r', [db.articles, db.annotations, db.replies, db.tombstones], async () => {
    const [annotations, replies, tombstones] = await Promise.all([
      db.annotations.where('creatorId').equals(member.id).toArray(),
      db.replies.where('creatorId').equals(member.id).toArray(),
      db.tombstones.where('creatorId').equals(member.id).toArray(),
    ]);
    const urlKeys = [...new Set([...annotations, ...replies].map((record) => record.urlKey))];
    const articles = (await db.articles.where('urlKey').anyOf(urlKeys).toArray()) as StoredArticle[];
    const entries = articles
      .map((article) => ({
        article,
        annotations: annotations
          .filter((annotation) => annotation.urlKey === article.urlKey)
          .sort((a, b) => a.id.localeCompare(b.id)),
        replies: replies.filter((reply) => reply.urlKey === article.urlKey).sort((a, b) => a.id.localeCompare(b.id)),
      }))
      .sort((a, b) => byTitle(a, b) || a.article.urlKey.localeCompare(b.article.urlKey));
    return { member, bundle: { generatedAt: '', articles: entries, versions: [] }, tombstones };
  });
}

/**
 * Another member's newer edit of their own note: only they can edit it, so the copy here is one
 * they sent before, and the edit simply replaces it — not a conflict to keep a version of. (The
 * member's own notes from another of their browsers go through the merge plan: both may have
 * been edited.) Only the editable fields change; what the note is fixed to stays.
 */
function othersEdits(
  local: ReadonlyMap<string, AnnotationRecord>,
  files: readonly ImportedNotes[],
  memberId: string,
  now: string,
): Map<string, AnnotationRecord> {
  const edits = new Map<string, AnnotationRecord>();
  for (const file of files) {
    if (!file.member || file.member.id === memberId) continue;
    for (const annotation of file.annotations) {
      const known = local.get(annotation.id);
      if (!known || known.creatorId !== file.member.id || fixedOf(known) !== fixedOf(annotation)) continue;
      const updatedAt = annotation.updatedAt > now ? now : annotation.updatedAt;
      if (updatedAt <= known.updatedAt) continue;
      edits.set(known.id, { ...known, ...editableOf(annotation), updatedAt });
    }
  }
  return edits;
}

/** The keys of the notes and replies a merge starts from, read once for all of its lookups. */
interface HeldIds {
  annotations: Set<IndexableType> | null;
  replies: Set<IndexableType> | null;
  /** Every article's id by its address, read with the notes' keys (null when those are not read). */
  articles: Map<string, string> | null;
}

/**
 * Every key of the notes and replies as the last merge of a sync left them, with the library's
 * revision (`local-revision.ts`) it left: while the revision holds, nothing else wrote since and
 * the next merge need not read the keys again (a join read them once per member file, a sixth of
 * its time).
 */
interface KnownKeys {
  revision: string;
  annotations: Set<IndexableType>;
  replies: Set<IndexableType>;
  articles: Map<string, string>;
}

/** What one sync's merges hand on to the next: the keys known after the last merge, if any. */
export interface MergeMemo {
  known: KnownKeys | null;
}

/**
 * The notes' and replies' keys at the start of a merge: the memo's while the library's revision is
 * the one it was left at, else read (none when the library is much larger than the files, `heldKeysFor`).
 */
async function heldIdsAt(
  db: PizhuDatabase,
  known: KnownKeys | null,
  revision: string | null,
  lookups: number,
): Promise<HeldIds> {
  if (known && known.revision === revision) return known;
  return measureStage('keys', async () => {
    const [annotations, replies] = await Promise.all([
      heldKeysFor(db.annotations, lookups),
      heldKeysFor(db.replies, lookups),
    ]);
    // Articles are a tenth of the notes or fewer: when the notes' keys are read, so are theirs.
    const articles = annotations && (await articleIdsByUrlKey(db));
    return { annotations, replies, articles };
  });
}

/** Every article's id by its address key, in two reads of the address index. */
async function articleIdsByUrlKey(db: PizhuDatabase): Promise<Map<string, string>> {
  const byUrlKey = db.articles.orderBy('urlKey');
  const [urlKeys, ids] = await Promise.all([byUrlKey.keys(), byUrlKey.primaryKeys()]);
  return new Map(urlKeys.map((urlKey, at) => [String(urlKey), ids[at]!]));
}

/** The keys after a merge's writes, when they were all known before it (otherwise nothing is remembered). */
function keysAfter(
  held: HeldIds,
  revision: string | null,
  written: { annotations: readonly string[]; replies: readonly string[]; articles: readonly StoredArticle[] },
  deleted: { annotations: readonly string[]; replies: readonly string[] },
): KnownKeys | null {
  const { annotations, replies, articles } = held;
  if (annotations === null || replies === null || articles === null || revision === null) return null;
  // These are this sync's own (read for it, or the memo's, forgotten while the merge runs): added to in place.
  for (const id of written.annotations) annotations.add(id);
  for (const id of written.replies) replies.add(id);
  for (const article of written.articles) articles.set(article.urlKey, article.id);
  for (const id of deleted.annotations) annotations.delete(id);
  for (const id of deleted.replies) replies.delete(id);
  return { revision, annotations, replies, articles };
}

/**
 * A note's or reply's id is bound to the member who made it: a file's record under an id this
 * library holds as another member's — a copy of your note under its id with the sender as its
 * creator, say — is dropped and counted, never merged (it would otherwise win as a newer edit, and
 * the sender's tombstone would then delete your note). So is a tombstone for such an id.
 */
async function ownRecordsOnly(
  db: PizhuDatabase,
  files: readonly MemberFileNotes[],
  held: HeldIds,
): Promise<{ files: MemberFileNotes[]; notes: Map<string, AnnotationRecord> }> {
  const ids = [
    ...new Set(files.flatMap((file) => [...file.annotations, ...file.replies, ...file.tombstones].map((r) => r.id))),
  ];
  const [annotations, replies] = await Promise.all([
    bulkGetPresent(db.annotations, ids, held.annotations),
    bulkGetPresent(db.replies, ids, held.replies),
  ]);
  const creatorOf = new Map<string, string | undefined>();
  for (const record of [...annotations, ...replies]) if (record) creatorOf.set(record.id, record.creatorId);
  const bound = (record: { id: string; creatorId?: string }) =>
    !creatorOf.has(record.id) || creatorOf.get(record.id) === record.creatorId;
  const notes = new Map(annotations.flatMap((note) => (note ? [[note.id, note] as const] : [])));
  const ownFiles = files.map((file) => {
    const kept = {
      annotations: file.annotations.filter(bound),
      replies: file.replies.filter(bound),
      tombstones: file.tombstones.filter(bound),
    };
    const dropped =
      file.annotations.length +
      file.replies.length +
      file.tombstones.length -
      (kept.annotations.length + kept.replies.length + kept.tombstones.length);
    return { ...file, ...kept, ignored: file.ignored + dropped };
  });
  return { files: ownFiles, notes };
}

/**
 * Merges members' checked files in one transaction: notes and articles through the import's merge
 * plan (newer edit wins, the other kept as a previous version), replies by their latest edit, and
 * each member's tombstones deleting that member's own notes and replies — nothing else is ever
 * deleted. The member's own tombstones (from another of their browsers) are kept, to send on.
 * The local records are read once, each record is written once, and the new search documents
 * are left pending, to be folded in bulk once the whole sync is merged. The files come from
 * `readMemberFile`.
 */
export async function mergeMemberFiles(
  db: PizhuDatabase,
  memberFiles: readonly MemberFileNotes[],
  options: { memberId: string; now?: Date; memo?: MergeMemo },
): Promise<SyncMergeCounts> {
  const memo = options.memo ?? { known: null };
  const known = memo.known;
  // Forgotten until this merge is stored: a merge that fails leaves the keys unknown.
  memo.known = null;
  // Files of other members change nothing this member publishes (each file speaks only for its
  // member, and only articles the library lacks are added): the library's token is kept.
  const othersOnly = memberFiles.every((file) => file.member?.id !== options.memberId);
  const { counts, after } = await db.transaction('rw', [...mergeTables(db), db.replies, db.localRevision], async () => {
    const startRevision = await readLocalRevision(db);
    // The notes' keys once per sync, or none when the library is much larger than the files (it grows).
    const lookups = memberFiles.reduce(
      (sum, file) => sum + 2 * file.annotations.length + file.replies.length + file.tombstones.length,
      0,
    );
    const held = await heldIdsAt(db, known, startRevision, lookups);
    const { files, notes } = await measureStage('read', () => ownRecordsOnly(db, memberFiles, held));
    const tombstones = files.flatMap((file) => file.tombstones);
    const dead = new Set(tombstones.map((tombstone) => `${tombstone.creatorId}|${tombstone.id}`));
    const alive = <T extends { id: string; creatorId?: string }>(record: T) =>
      !dead.has(`${record.creatorId}|${record.id}`);
    const now = (options.now ?? new Date()).toISOString();
    const local = await measureStage('read', () =>
      readLocalNotes(db, files, { held: held.annotations, notes, articles: held.articles }),
    );
    const { plan, updated } = measureStage('plan', () => {
      const edits = othersEdits(local.annotations, files, options.memberId, now);
      const merging = files.map((file) => ({
        ...file,
        annotations: file.annotations.filter((annotation) => alive(annotation) && !edits.has(annotation.id)),
      }));
      return {
        plan: planMerge(local, merging, { now, newId: () => crypto.randomUUID() }),
        updated: [...edits.values()].filter(alive),
      };
    });

    const incoming = files.flatMap((file) => file.replies).filter(alive);
    const localReplies = await bulkGetPresent(
      db.replies,
      incoming.map((reply) => reply.id),
      held.replies,
    );
    const newer = incoming.filter((reply, index) => {
      const known = localReplies[index];
      return !known || (known.creatorId === reply.creatorId && reply.updatedAt > known.updatedAt);
    });
    const repliesAdded = localReplies.filter((known) => !known).length;

    // readMemberFile made each article's HTML from its escaped text: there is no page markup to clean.
    const { articles, doomedAnnotations, doomedReplies } = await measureStage('write', async () => {
      const [stored] = await Promise.all([
        writeMergePlan(db, plan, { sanitizeHtml: (html) => html }),
        db.annotations.bulkPut(updated),
        db.replies.bulkPut(newer),
      ]);
      // Tombstones are weighed against the records as merged: only a member's own record goes.
      const ids = tombstones.map((tombstone) => tombstone.id);
      const [annotations, replies] = await Promise.all([db.annotations.bulkGet(ids), db.replies.bulkGet(ids)]);
      const doomed = <T extends { id: string; creatorId?: string }>(records: (T | undefined)[]) =>
        records.flatMap((record, index) =>
          record && record.creatorId === tombstones[index]!.creatorId ? [record.id] : [],
        );
      const [doomedAnnotations, doomedReplies] = [doomed(annotations), doomed(replies)];
      await Promise.all([
        db.annotations.bulkDelete(doomedAnnotations),
        db.replies.bulkDelete(doomedReplies),
        db.tombstones.bulkPut(tombstones.filter((tombstone) => tombstone.creatorId === options.memberId)),
      ]);
      return { articles: stored, doomedAnnotations, doomedReplies };
    });
    await measureStage('index', async () => {
      await indexDocuments(db, searchDocumentsOf(articles, [...plan.annotations, ...updated]));
      await unindexDocuments(db, doomedAnnotations.map(annotationSearchKey));
    });
    // Kept before the keys are remembered, so that they are remembered at the token the next merge finds.
    if (othersOnly && startRevision !== null) await keepLocalRevision(db, startRevision);
    const after = keysAfter(
      held,
      await readLocalRevision(db),
      {
        annotations: plan.annotations.map((annotation) => annotation.id),
        replies: newer.map((reply) => reply.id),
        articles,
      },
      { annotations: doomedAnnotations, replies: doomedReplies },
    );
    const counts: SyncMergeCounts = {
      annotationsAdded: plan.counts.annotationsAdded,
      annotationsUpdated: plan.counts.annotationsUpdated + updated.length,
      conflicts: plan.counts.conflicts,
      repliesAdded,
      deleted: doomedAnnotations.length + doomedReplies.length,
      ignored: files.reduce((sum, file) => sum + file.ignored, 0),
    };
    return { counts, after };
  });
  memo.known = after;
  return counts;
}

/**
 * The library's side of a sync, over this database. `format` names what writes the member's file
 * (the extension's version): a new one may write other text for the same notes.
 */
export function syncLibrary(db: PizhuDatabase, member: { id: string; name: string }, format = ''): SyncLibrary {
  const memo: MergeMemo = { known: null };
  return {
    ownFileText: async () => memberFileText(await loadOwnNotes(db, member)),
    revision: async () => {
      const token = await readLocalRevision(db);
      return token && JSON.stringify([format, member.id, member.name, token]);
    },
    merge: (files) => mergeMemberFiles(db, files, { memberId: member.id, memo }),
  };
}
