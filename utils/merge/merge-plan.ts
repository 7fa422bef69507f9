import type { StoredArticle } from '../model/article';
import type { AnnotationRecord, AnnotationVersion } from '../model/annotation';
import { normalizeUrl } from '../url/normalize-url';
import type { ImportedAnnotation, ImportedNotes } from '../import/read-notes-file';

/** What of the database a merge looks at: the records the incoming files name. */
export interface LocalNotes {
  /** The ids of the local articles at the files' addresses (their records are not needed). */
  articleIdsByUrlKey: ReadonlyMap<string, string>;
  articleIds: ReadonlySet<string>;
  annotations: ReadonlyMap<string, AnnotationRecord>;
  versionKeys: ReadonlySet<string>;
}

export interface MergeCounts {
  articlesAdded: number;
  annotationsAdded: number;
  /** Annotations whose incoming edit was newer than the local one. */
  annotationsUpdated: number;
  /** Annotations the files had and the database already held as they are. */
  unchanged: number;
  /** Same annotation, different content: the newer won, the other became a previous version. */
  conflicts: number;
  /**
   * Copies that named a note already known but placed or signed it differently (another address,
   * quote, position, author or creation time): kept as notes of their own, the known one untouched.
   */
  keptApart: number;
  versionsKept: number;
}

export interface MergePlan {
  articles: StoredArticle[];
  annotations: AnnotationRecord[];
  versions: AnnotationVersion[];
  counts: MergeCounts;
}

/** What makes two copies of an annotation the same note; the edit time does not. */
function contentOf(annotation: ImportedAnnotation): string {
  const { url, quote, position, color, note, tags, author, createdAt } = annotation;
  return JSON.stringify([
    normalizeUrl(url),
    quote.exact,
    quote.prefix,
    quote.suffix,
    position.start,
    position.end,
    color,
    note,
    tags,
    author,
    createdAt,
  ]);
}

/** What a note is fixed to once made: its place, its words, who made it and when. */
export function fixedOf(annotation: ImportedAnnotation): string {
  const { url, quote, position, author, createdAt } = annotation;
  return JSON.stringify([
    normalizeUrl(url),
    quote.exact,
    quote.prefix,
    quote.suffix,
    position.start,
    position.end,
    author,
    createdAt,
  ]);
}

/** Two 32-bit halves of a stable digest (cyrb53) of a string; `seed` gives another digest. */
function digestParts(text: string, seed = 0): [number, number] {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return [h1 >>> 0, h2 >>> 0];
}

/** A short, stable digest of a content string, to name a kept version. */
function digest(text: string): string {
  const [h1, h2] = digestParts(text);
  return (4294967296 * (2097151 & h2) + h1).toString(36);
}

export function versionKeyOf(annotation: ImportedAnnotation): string {
  return `${annotation.id}|${annotation.updatedAt}|${digest(contentOf(annotation))}`;
}

/**
 * The id of a copy kept apart from the note whose id it named: derived from that id and what the
 * copy is fixed to, so importing the same file again finds it and adds nothing.
 */
export function keptApartIdOf(annotation: ImportedAnnotation): string {
  const source = `${annotation.id}|${fixedOf(annotation)}`;
  const hex = [...digestParts(source, 1), ...digestParts(source, 2)]
    .map((part) => part.toString(16).padStart(8, '0'))
    .join('');
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * An edit time from the future (a clock set wrong, or a file made to win every later merge) is
 * taken as the import's time. The creation time is left as it is: it is part of what a note is
 * fixed to, and the same file imported again must find the same note.
 */
function clampEditTime(annotation: ImportedAnnotation, now: string): ImportedAnnotation {
  return annotation.updatedAt > now ? { ...annotation, updatedAt: now } : annotation;
}

/** The later edit wins; equal times are settled by content, so every member's merge agrees. */
function newer<T extends ImportedAnnotation>(a: T, b: T): T {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt > b.updatedAt ? a : b;
  return contentOf(a) >= contentOf(b) ? a : b;
}

/**
 * Decides what merging notes files into the database writes. Articles are matched by address:
 * one the database lacks is added from the file, and annotations join the local article of
 * their address. An annotation the database lacks is added; one it holds with the same content
 * is left alone; when the contents differ, the newer edit is kept and every other copy is kept
 * as a previous version — nothing is dropped. Merging the same files again plans nothing.
 */
export function planMerge(
  local: LocalNotes,
  files: readonly ImportedNotes[],
  options: { now: string; newId: () => string },
): MergePlan {
  const counts: MergeCounts = {
    articlesAdded: 0,
    annotationsAdded: 0,
    annotationsUpdated: 0,
    unchanged: 0,
    conflicts: 0,
    keptApart: 0,
    versionsKept: 0,
  };
  const articleIdOf = new Map(local.articleIdsByUrlKey);
  const takenIds = new Set(local.articleIds);
  const articles: StoredArticle[] = [];
  for (const file of files) {
    for (const incoming of file.articles) {
      const urlKey = normalizeUrl(incoming.url);
      if (articleIdOf.has(urlKey)) continue;
      // An id already used by another address (a hand-edited file) gets a fresh one.
      const id = takenIds.has(incoming.id) ? options.newId() : incoming.id;
      takenIds.add(id);
      articleIdOf.set(urlKey, id);
      articles.push({ ...incoming, id, urlKey });
      counts.articlesAdded += 1;
    }
  }
  const placed = (annotation: ImportedAnnotation): AnnotationRecord => {
    const urlKey = normalizeUrl(annotation.url);
    return { ...annotation, urlKey, articleId: articleIdOf.get(urlKey)! };
  };

  // Each note's fixed part comes from the local copy, or else from the incoming copy that sorts
  // first (so every member decides alike); a copy that differs there is kept as a note of its own.
  const incomingById = new Map<string, ImportedAnnotation[]>();
  for (const file of files) {
    for (const annotation of file.annotations) {
      const clamped = clampEditTime(annotation, options.now);
      incomingById.set(annotation.id, [...(incomingById.get(annotation.id) ?? []), clamped]);
    }
  }
  const copies = new Map<string, ImportedAnnotation[]>();
  const add = (annotation: ImportedAnnotation) =>
    copies.set(annotation.id, [...(copies.get(annotation.id) ?? []), annotation]);
  for (const [id, incoming] of incomingById) {
    const existing = local.annotations.get(id);
    const reference = existing ? fixedOf(existing) : incoming.map(fixedOf).sort()[0]!;
    for (const annotation of incoming) {
      if (fixedOf(annotation) === reference) {
        add(annotation);
      } else {
        add({ ...annotation, id: keptApartIdOf(annotation) });
        counts.keptApart += 1;
      }
    }
  }
  const annotations: AnnotationRecord[] = [];
  const versions: AnnotationVersion[] = [];
  const versionKeys = new Set(local.versionKeys);
  const keep = (annotation: ImportedAnnotation): boolean => {
    const key = versionKeyOf(annotation);
    if (versionKeys.has(key)) return false;
    versionKeys.add(key);
    versions.push({ key, annotationId: annotation.id, record: placed(annotation), keptAt: options.now });
    counts.versionsKept += 1;
    return true;
  };

  for (const [id, incoming] of copies) {
    const existing = local.annotations.get(id);
    const candidates: ImportedAnnotation[] = existing ? [existing, ...incoming] : incoming;
    const winner = candidates.reduce(newer);
    const winnerContent = contentOf(winner);
    const losers = new Map<string, ImportedAnnotation>();
    for (const candidate of candidates) {
      const content = contentOf(candidate);
      if (content !== winnerContent && !losers.has(content)) losers.set(content, candidate);
    }
    const kept = [...losers.values()].map(keep);
    if (kept.some(Boolean)) counts.conflicts += 1;
    if (!existing) {
      annotations.push(placed(winner));
      counts.annotationsAdded += 1;
    } else if (contentOf(existing) === winnerContent) {
      counts.unchanged += 1;
    } else {
      annotations.push(placed(winner));
      counts.annotationsUpdated += 1;
    }
  }

  // A previous version only of a note the same file holds: a file cannot add history to notes
  // it does not carry.
  for (const file of files) {
    const held = new Set(file.annotations.map((annotation) => annotation.id));
    for (const version of file.versions) {
      if (!held.has(version.annotationId) || versionKeys.has(version.key)) continue;
      versionKeys.add(version.key);
      versions.push({ ...version, record: placed(version.record) });
      counts.versionsKept += 1;
    }
  }
  return { articles, annotations, versions, counts };
}
