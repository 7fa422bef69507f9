import * as v from 'valibot';
import { ANNO_CONTEXT, PIZHU_CONTEXT, PIZHU_FORMAT, PIZHU_FORMAT_VERSION } from '../export/w3c-export';
import { HIGHLIGHT_COLORS, type HighlightColor } from '../highlight/colors';
import { CONTEXT_LENGTH } from '../anchor/selectors';
import { AnnotationVersionSchema, DISPLAY_NAME_MAX_LENGTH, TimestampSchema } from '../model/annotation';
import { REPLY_MAX_LENGTH, TombstoneSchema } from '../model/reply';
import { ArticleExtractSchema, HttpUrlSchema } from '../model/article';
import { MetadataCorrectionsSchema } from '../model/metadata-corrections';

/**
 * The schema of a Pizhu notes file (a W3C AnnotationCollection with Pizhu's part). It is the
 * trust boundary for imports: strict objects (no key it does not know), bounded strings and
 * arrays, http(s) addresses only.
 */

export const IMPORT_LIMITS = {
  bytes: 200 * 1024 * 1024,
  annotations: 200_000,
  articles: 50_000,
  versions: 200_000,
  tombstones: 200_000,
  depth: 16,
} as const;

const UUID = /^urn:uuid:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
const offset = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(50_000_000));
const position = v.strictObject({ start: offset, end: offset });
const color = v.picklist(Object.keys(HIGHLIGHT_COLORS) as [HighlightColor, ...HighlightColor[]]);

const TextualBodySchema = v.variant('purpose', [
  v.strictObject({
    type: v.literal('TextualBody'),
    purpose: v.literal('commenting'),
    value: v.pipe(v.string(), v.maxLength(20_000)),
    format: v.optional(v.literal('text/plain')),
  }),
  v.strictObject({
    type: v.literal('TextualBody'),
    purpose: v.literal('tagging'),
    value: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(50)),
    format: v.optional(v.literal('text/plain')),
  }),
]);

const TextQuoteSchema = v.strictObject({
  type: v.literal('TextQuoteSelector'),
  exact: v.pipe(v.string(), v.minLength(1), v.maxLength(20_000)),
  prefix: v.pipe(v.string(), v.maxLength(CONTEXT_LENGTH * 2)),
  suffix: v.pipe(v.string(), v.maxLength(CONTEXT_LENGTH * 2)),
});
const TextPositionSchema = v.strictObject({ type: v.literal('TextPositionSelector'), start: offset, end: offset });

const UrnSchema = v.pipe(v.string(), v.regex(UUID, 'must be urn:uuid:<uuid>'));

const CreatorSchema = v.strictObject({
  type: v.literal('Person'),
  name: v.pipe(v.string(), v.maxLength(DISPLAY_NAME_MAX_LENGTH)),
  id: v.optional(UrnSchema),
});

export const W3cAnnotationSchema = v.strictObject({
  id: UrnSchema,
  type: v.literal('Annotation'),
  motivation: v.picklist(['highlighting', 'commenting']),
  created: TimestampSchema,
  modified: TimestampSchema,
  creator: v.optional(CreatorSchema),
  body: v.optional(v.pipe(v.array(TextualBodySchema), v.maxLength(51))),
  target: v.strictObject({
    source: HttpUrlSchema,
    // Files before 2026-12 also carried a TextPositionSelector; Pizhu reads its position from `pizhu` in both.
    selector: v.union([v.strictTuple([TextQuoteSchema]), v.strictTuple([TextQuoteSchema, TextPositionSchema])]),
  }),
  pizhu: v.strictObject({ color, position }),
});

export const W3cReplySchema = v.strictObject({
  id: UrnSchema,
  type: v.literal('Annotation'),
  motivation: v.literal('replying'),
  created: TimestampSchema,
  modified: TimestampSchema,
  creator: v.optional(CreatorSchema),
  body: v.strictTuple([
    v.strictObject({
      type: v.literal('TextualBody'),
      value: v.pipe(v.string(), v.minLength(1), v.maxLength(REPLY_MAX_LENGTH)),
      purpose: v.literal('replying'),
      format: v.optional(v.literal('text/plain')),
    }),
  ]),
  target: UrnSchema,
  pizhu: v.strictObject({ source: HttpUrlSchema }),
});

/** An item is a note or a highlight, or a reply to one: told apart by its motivation. */
const W3cItemSchema = v.variant('motivation', [W3cAnnotationSchema, W3cReplySchema]);

export const ImportedArticleSchema = v.strictObject({
  ...ArticleExtractSchema.entries,
  id: v.pipe(v.string(), v.uuid()),
  clippedAt: v.nullable(TimestampSchema),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  corrections: v.optional(MetadataCorrectionsSchema),
});

const ItemsSchema = v.pipe(v.array(W3cItemSchema), v.maxLength(IMPORT_LIMITS.annotations));
const IriSchema = v.pipe(v.string(), v.maxLength(200));

export const NotesFileSchema = v.strictObject({
  // Files before 2026-12 named only the W3C context.
  '@context': v.union([
    v.literal(ANNO_CONTEXT),
    v.strictTuple([
      v.literal(ANNO_CONTEXT),
      v.strictObject({
        '@version': v.literal(PIZHU_CONTEXT['@version']),
        pizhu: v.strictObject({
          '@id': v.literal(PIZHU_CONTEXT.pizhu['@id']),
          '@type': v.literal(PIZHU_CONTEXT.pizhu['@type']),
        }),
      }),
    ]),
  ]),
  id: IriSchema,
  type: v.literal('AnnotationCollection'),
  label: v.pipe(v.string(), v.maxLength(500)),
  total: v.pipe(v.number(), v.integer(), v.minValue(0)),
  generated: TimestampSchema,
  generator: v.strictObject({ type: v.literal('Software'), name: v.literal('Pizhu') }),
  // An empty collection has no page; files before 2026-12 wrote an empty one, without id or partOf.
  first: v.optional(
    v.strictObject({
      id: v.optional(IriSchema),
      type: v.literal('AnnotationPage'),
      partOf: v.optional(v.strictObject({ id: IriSchema })),
      startIndex: v.literal(0),
      items: ItemsSchema,
    }),
  ),
  last: v.optional(IriSchema),
  pizhu: v.strictObject({
    format: v.literal(PIZHU_FORMAT),
    version: v.literal(PIZHU_FORMAT_VERSION),
    articles: v.pipe(v.array(ImportedArticleSchema), v.maxLength(IMPORT_LIMITS.articles)),
    versions: v.pipe(v.array(AnnotationVersionSchema), v.maxLength(IMPORT_LIMITS.versions)),
    /** A group member's sync file names its member and carries that member's deletions. */
    member: v.optional(
      v.strictObject({
        id: v.pipe(v.string(), v.uuid()),
        name: v.pipe(v.string(), v.maxLength(DISPLAY_NAME_MAX_LENGTH)),
      }),
    ),
    tombstones: v.optional(v.pipe(v.array(TombstoneSchema), v.maxLength(IMPORT_LIMITS.tombstones))),
  }),
});

export type NotesFile = v.InferOutput<typeof NotesFileSchema>;
export type W3cAnnotationInput = v.InferOutput<typeof W3cAnnotationSchema>;
export type W3cReplyInput = v.InferOutput<typeof W3cReplySchema>;
