import type { StoredArticle } from '../model/article';
import type { AnnotationRecord, AnnotationVersion } from '../model/annotation';
import type { ReplyRecord, Tombstone } from '../model/reply';
import type { ArticleRecord } from '../model/article';
import type { ExportBundle } from './export-bundle';

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
/**
 * Pizhu's own part, named in the context so a JSON-LD processor keeps it (as a JSON literal) instead of dropping
 * it: an identifier only, in a domain reserved never to resolve.
 */
export const PIZHU_CONTEXT = {
  '@version': 1.1,
  pizhu: { '@id': 'https://pizhu.invalid/ns#data', '@type': '@json' },
} as const;
export const CONTEXT = [ANNO_CONTEXT, PIZHU_CONTEXT] as const;
/** Names Pizhu's own part of the file, which lets Pizhu import it back without loss. */
export const PIZHU_FORMAT = 'pizhu-notes';
export const PIZHU_FORMAT_VERSION = 1;

export interface W3cAnnotation {
  id: string;
  type: 'Annotation';
  motivation: 'highlighting' | 'commenting';
  created: string;
  modified: string;
  creator?: W3cCreator;
  body?: { type: 'TextualBody'; value: string; purpose: 'commenting' | 'tagging'; format: 'text/plain' }[];
  target: {
    source: string;
    selector: [{ type: 'TextQuoteSelector'; exact: string; prefix: string; suffix: string }];
  };
  /**
   * What the W3C model has no term for: the colour, and where the quote is in Pizhu's clipped text (UTF-16
   * units). A TextPositionSelector would count over the whole source page, which Pizhu does not keep, so the
   * position stays here, under Pizhu's own name.
   */
  pizhu: { color: AnnotationRecord['color']; position: AnnotationRecord['position'] };
}

/** Who made an annotation: the display name, and the member (`urn:uuid:`) when known. */
export interface W3cCreator {
  type: 'Person';
  name: string;
  id?: string;
}

/** A reply to a note: the W3C way, an annotation whose target is the note it answers. */
export interface W3cReply {
  id: string;
  type: 'Annotation';
  motivation: 'replying';
  created: string;
  modified: string;
  creator?: W3cCreator;
  body: [{ type: 'TextualBody'; value: string; purpose: 'replying'; format: 'text/plain' }];
  target: string;
  /** The page of the note answered, so the reply finds its article before the note arrives. */
  pizhu: { source: string };
}

/** The member a sync file belongs to, and the deletions it carries to the others. */
export interface W3cMemberPart {
  member: { id: string; name: string };
  tombstones: Tombstone[];
}

/** An article as a Pizhu file carries it: the stored record without its derived lookup key. */
export type ExportedArticleRecord = ArticleRecord;

/** The collection's one page: the model gives a page exactly one IRI and the collection it is part of. */
export interface W3cAnnotationPage {
  id: string;
  type: 'AnnotationPage';
  /** The collection, described by its IRI (the W3C tests read a description here, not a bare string). */
  partOf: { id: string };
  startIndex: 0;
  items: (W3cAnnotation | W3cReply)[];
}

export interface W3cAnnotationCollection {
  '@context': typeof CONTEXT;
  id: string;
  type: 'AnnotationCollection';
  label: string;
  total: number;
  generated: string;
  generator: { type: 'Software'; name: 'Pizhu' };
  /** Absent when there is nothing to page: the model's pages hold one annotation or more. */
  first?: W3cAnnotationPage;
  last?: string;
  pizhu: {
    format: typeof PIZHU_FORMAT;
    version: typeof PIZHU_FORMAT_VERSION;
    articles: ExportedArticleRecord[];
    versions: AnnotationVersion[];
  } & Partial<W3cMemberPart>;
}

export const urnOf = (id: string) => `urn:uuid:${id}`;

function creatorOf({ author, creatorId }: { author: string; creatorId?: string }): { creator?: W3cCreator } {
  if (!author && !creatorId) return {};
  return { creator: { type: 'Person', name: author, ...(creatorId ? { id: urnOf(creatorId) } : {}) } };
}

export function toW3cReply(reply: ReplyRecord): W3cReply {
  return {
    id: urnOf(reply.id),
    type: 'Annotation',
    motivation: 'replying',
    created: reply.createdAt,
    modified: reply.updatedAt,
    ...creatorOf(reply),
    body: [{ type: 'TextualBody', value: reply.text, purpose: 'replying', format: 'text/plain' }],
    target: urnOf(reply.annotationId),
    pizhu: { source: reply.url },
  };
}

export function toW3cAnnotation(annotation: AnnotationRecord): W3cAnnotation {
  const body: NonNullable<W3cAnnotation['body']> = [];
  if (annotation.note)
    body.push({ type: 'TextualBody', value: annotation.note, format: 'text/plain', purpose: 'commenting' });
  for (const tag of annotation.tags)
    body.push({ type: 'TextualBody', value: tag, format: 'text/plain', purpose: 'tagging' });
  return {
    id: urnOf(annotation.id),
    type: 'Annotation',
    motivation: annotation.note ? 'commenting' : 'highlighting',
    created: annotation.createdAt,
    modified: annotation.updatedAt,
    ...creatorOf(annotation),
    ...(body.length > 0 ? { body } : {}),
    target: {
      source: annotation.url,
      selector: [{ type: 'TextQuoteSelector', ...annotation.quote }],
    },
    pizhu: { color: annotation.color, position: annotation.position },
  };
}

function withoutLookupKey({ urlKey: _urlKey, ...article }: StoredArticle): ExportedArticleRecord {
  return article;
}

/**
 * A W3C Web Annotation collection of the bundle's annotations in one page, with the articles and kept versions
 * under `pizhu`. The collection's id is `collectionId`'s URN and its page's that URN with `#page-1`.
 */
export function exportW3cJson(
  bundle: ExportBundle,
  collectionId: string,
  label: string,
  memberPart?: W3cMemberPart,
): W3cAnnotationCollection {
  const items = bundle.articles.flatMap(({ annotations, replies = [] }) => [
    ...[...annotations]
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .map((annotation): W3cAnnotation | W3cReply => toW3cAnnotation(annotation)),
    ...[...replies].sort((a, b) => a.createdAt.localeCompare(b.createdAt)).map(toW3cReply),
  ]);
  const id = urnOf(collectionId);
  const page = `${id}#page-1`;
  return {
    '@context': CONTEXT,
    id,
    type: 'AnnotationCollection',
    label,
    total: items.length,
    generated: bundle.generatedAt,
    generator: { type: 'Software', name: 'Pizhu' },
    ...(items.length > 0
      ? { first: { id: page, type: 'AnnotationPage', partOf: { id }, startIndex: 0, items }, last: page }
      : {}),
    pizhu: {
      format: PIZHU_FORMAT,
      version: PIZHU_FORMAT_VERSION,
      articles: bundle.articles.map(({ article }) => withoutLookupKey(article)),
      versions: bundle.versions,
      ...memberPart,
    },
  };
}
