import type { ExportBundle } from '../export/export-bundle';
import { exportW3cJson } from '../export/w3c-export';
import { ImportFileError } from '../import/import-file-error';
import { readNotesFile, type ImportedNotes } from '../import/read-notes-file';
import type { Tombstone } from '../model/reply';
import { normalizeUrl } from '../url/normalize-url';
import { paragraphsHtml } from '../text/escape-html';

/** What one member publishes: their notes with the articles they annotate, replies and deletions. */
export interface MemberNotes {
  member: { id: string; name: string };
  bundle: ExportBundle;
  tombstones: Tombstone[];
}

/**
 * The file's own id: the member's id is the person's IRI in every note, and one IRI must not name both a person
 * and a collection. The same UUID with version 8 (RFC 9562's vendor-specific kind) is distinct and stays the same
 * for every write, so an unchanged library still writes the same text.
 */
const fileIdOf = (memberId: string) => `${memberId.slice(0, 14)}8${memberId.slice(15)}`;

/**
 * The member's sync file: the W3C collection every JSON export writes, with the member and their
 * tombstones under `pizhu`. Articles go without their HTML: the text is what notes anchor on, and
 * half the bytes. The same notes give the same text (the time stamped in it is the latest change,
 * not the time of writing), so an unchanged library is never written again.
 */
export function memberFileText({ member, bundle, tombstones }: MemberNotes): string {
  const latest = [
    ...bundle.articles.flatMap(({ annotations, replies = [] }) => [...annotations, ...replies].map((r) => r.updatedAt)),
    ...tombstones.map((tombstone) => tombstone.deletedAt),
  ].reduce((a, b) => (a > b ? a : b), '1970-01-01T00:00:00.000Z');
  const sorted = [...tombstones].sort((a, b) => a.id.localeCompare(b.id));
  const articles = bundle.articles.map((entry) => ({ ...entry, article: { ...entry.article, html: '' } }));
  const collection = exportW3cJson({ generatedAt: latest, articles, versions: [] }, fileIdOf(member.id), member.name, {
    member,
    tombstones: sorted,
  });
  return JSON.stringify(collection);
}

/** A member's file as merged, and how many records in it spoke for someone else (ignored). */
export interface MemberFileNotes extends ImportedNotes {
  ignored: number;
}

/**
 * Reads a member's file from the group folder as hostile input (the import's size caps, schema
 * and checks), then keeps only what that member may speak for: their own notes, replies and
 * deletions, and the articles those are on (the rest is counted, to be named). A file that names
 * another member is refused. An
 * article's HTML is made here from its text, escaped: nothing of the file is markup, so it needs
 * no sanitizer (the background, a service worker, has no DOM for one).
 */
export function readMemberFile(text: string, memberId: string, byteLength?: number): MemberFileNotes {
  const notes = readNotesFile(text, byteLength);
  if (notes.member?.id !== memberId) {
    throw new ImportFileError('invalid', 'pizhu.member', 'the file does not belong to the member it is named after');
  }
  const own = <T extends { creatorId?: string }>(records: readonly T[]) =>
    records.filter((record) => record.creatorId === memberId);
  const annotations = own(notes.annotations);
  const replies = own(notes.replies);
  const tombstones = own(notes.tombstones);
  const used = new Set([...annotations, ...replies].map((record) => normalizeUrl(record.url)));
  return {
    articles: notes.articles
      .filter((article) => used.has(normalizeUrl(article.url)))
      .map((article) => ({ ...article, html: paragraphsHtml(article.text) })),
    annotations,
    versions: [],
    replies,
    member: notes.member,
    tombstones,
    ignored:
      notes.annotations.length +
      notes.replies.length +
      notes.tombstones.length -
      (annotations.length + replies.length + tombstones.length),
  };
}
