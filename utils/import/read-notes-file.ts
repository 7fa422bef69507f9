import * as v from 'valibot';
import { AnnotationRecordSchema, type AnnotationRecord, type AnnotationVersion } from '../model/annotation';
import type { ArticleRecord } from '../model/article';
import { normalizeUrl } from '../url/normalize-url';
import { ImportFileError } from './import-file-error';
import type { ReplyRecord, Tombstone } from '../model/reply';
import { IMPORT_LIMITS, NotesFileSchema, type W3cAnnotationInput, type W3cReplyInput } from './notes-file-schema';

/** An annotation from a file, before it is given the local article it belongs to. */
export type ImportedAnnotation = Omit<AnnotationRecord, 'articleId' | 'urlKey'>;

export interface ImportedNotes {
  articles: ArticleRecord[];
  annotations: ImportedAnnotation[];
  versions: AnnotationVersion[];
  replies: ReplyRecord[];
  /** Set in a group member's sync file: whose file it is, and the deletions it carries. */
  member?: { id: string; name: string };
  tombstones: Tombstone[];
}

const idOfUrn = (urn: string) => urn.slice('urn:uuid:'.length).toLowerCase();

/** Keys that reach an object's prototype when a careless consumer copies them. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function pathText(path: readonly (string | number)[]): string {
  return (
    path.reduce<string>(
      (text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${key}` : key),
      '',
    ) || '(root)'
  );
}

/**
 * Walks the parsed value without recursion, refusing prototype keys and deep nesting. A node
 * keeps only its parent and key; the path is spelled out only for an error.
 */
function checkShape(value: unknown) {
  type Node = { value: unknown; parent: Node | null; key: string | number; depth: number };
  const pathOf = (node: Node) => {
    const path: (string | number)[] = [];
    for (let at: Node | null = node; at?.parent; at = at.parent) path.unshift(at.key);
    return pathText(path);
  };
  const stack: Node[] = [{ value, parent: null, key: '', depth: 0 }];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const current = node.value;
    if (current === null || typeof current !== 'object') continue;
    if (node.depth >= IMPORT_LIMITS.depth)
      throw new ImportFileError('too-deep', pathOf(node), `nested deeper than ${IMPORT_LIMITS.depth} levels`);
    if (Array.isArray(current)) {
      for (let index = 0; index < current.length; index++) {
        const item: unknown = current[index];
        if (item !== null && typeof item === 'object')
          stack.push({ value: item, parent: node, key: index, depth: node.depth + 1 });
      }
      continue;
    }
    for (const key of Object.keys(current)) {
      const child: Node = {
        value: (current as Record<string, unknown>)[key],
        parent: node,
        key,
        depth: node.depth + 1,
      };
      if (FORBIDDEN_KEYS.has(key))
        throw new ImportFileError('forbidden-key', pathOf(child), `the key "${key}" is not allowed`);
      if (child.value !== null && typeof child.value === 'object') stack.push(child);
    }
  }
}

function annotationOf(item: W3cAnnotationInput): ImportedAnnotation {
  const [quote, _position] = item.target.selector;
  const note = item.body?.find((body) => body.purpose === 'commenting')?.value ?? '';
  const tags = [...new Set(item.body?.filter((body) => body.purpose === 'tagging').map((body) => body.value) ?? [])];
  return {
    id: idOfUrn(item.id),
    url: item.target.source,
    quote: { exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix },
    // Pizhu's own position (UTF-16 units) is exact; the W3C one was converted for other tools.
    position: item.pizhu.position,
    color: item.pizhu.color,
    note,
    tags,
    author: item.creator?.name ?? '',
    ...(item.creator?.id ? { creatorId: idOfUrn(item.creator.id) } : {}),
    createdAt: item.created,
    updatedAt: item.modified,
  };
}

function replyOf(item: W3cReplyInput): ReplyRecord {
  return {
    id: idOfUrn(item.id),
    annotationId: idOfUrn(item.target),
    url: item.pizhu.source,
    urlKey: normalizeUrl(item.pizhu.source),
    text: item.body[0].value,
    author: item.creator?.name ?? '',
    ...(item.creator?.id ? { creatorId: idOfUrn(item.creator.id) } : {}),
    createdAt: item.created,
    updatedAt: item.modified,
  };
}

/**
 * Reads a Pizhu notes file (the JSON export) and checks all of it before anything is written: a
 * file that is too large, not JSON, nested too deep, carries prototype keys, or breaks the schema
 * is refused whole with what was wrong and where.
 */
export function readNotesFile(text: string, byteLength = new Blob([text]).size): ImportedNotes {
  if (byteLength > IMPORT_LIMITS.bytes) {
    throw new ImportFileError('too-large', '(root)', `${byteLength} bytes; at most ${IMPORT_LIMITS.bytes}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ImportFileError('not-json', '(root)', error instanceof Error ? error.message : String(error));
  }
  checkShape(parsed);
  const looksLikeNotes =
    typeof parsed === 'object' && parsed !== null && (parsed as { type?: unknown }).type === 'AnnotationCollection';
  if (!looksLikeNotes) throw new ImportFileError('not-notes-file', '(root)', 'not a W3C AnnotationCollection');
  if (!Object.hasOwn(parsed as object, 'pizhu'))
    throw new ImportFileError('not-notes-file', 'pizhu', 'the collection has no Pizhu part');

  const file = v.safeParse(NotesFileSchema, parsed);
  if (!file.success) {
    const issue = file.issues[0];
    throw new ImportFileError(
      'invalid',
      pathText(issue.path?.map((item) => item.key as string | number) ?? []),
      issue.message,
    );
  }
  const { pizhu } = file.output;
  const items = file.output.first?.items ?? [];
  if (file.output.total !== items.length) {
    throw new ImportFileError(
      'invalid',
      'total',
      `says ${file.output.total} annotations, the file has ${items.length}`,
    );
  }

  const articleKeys = new Set<string>();
  pizhu.articles.forEach((article, index) => {
    const key = normalizeUrl(article.url);
    if (articleKeys.has(key))
      throw new ImportFileError('invalid', `pizhu.articles[${index}].url`, 'two articles have the same address');
    articleKeys.add(key);
  });
  const replies: ReplyRecord[] = [];
  const annotations: ImportedAnnotation[] = [];
  items.forEach((item, index) => {
    if (item.motivation === 'replying') {
      replies.push(replyOf(item));
      return;
    }
    const annotation = annotationOf(item);
    const urlKey = normalizeUrl(annotation.url);
    if (!articleKeys.has(urlKey))
      throw new ImportFileError(
        'no-article',
        `first.items[${index}].target.source`,
        'no article in the file has this address',
      );
    const record = v.safeParse(AnnotationRecordSchema, {
      ...annotation,
      articleId: '00000000-0000-4000-8000-000000000000',
      urlKey,
    });
    if (!record.success) {
      const issue = record.issues[0];
      throw new ImportFileError('invalid', `first.items[${index}]`, issue.message);
    }
    annotations.push(annotation);
  });
  pizhu.versions.forEach((version, index) => {
    if (version.record.id !== version.annotationId)
      throw new ImportFileError('invalid', `pizhu.versions[${index}].annotationId`, 'does not match its record');
    if (!articleKeys.has(normalizeUrl(version.record.url)))
      throw new ImportFileError(
        'no-article',
        `pizhu.versions[${index}].record.url`,
        'no article in the file has this address',
      );
  });
  return {
    articles: pizhu.articles,
    annotations,
    versions: pizhu.versions,
    replies,
    ...(pizhu.member ? { member: pizhu.member } : {}),
    tombstones: pizhu.tombstones ?? [],
  };
}
