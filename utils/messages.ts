import * as v from 'valibot';
import {
  AnnotationIdSchema,
  AnnotationRecordSchema,
  AnnotationSaveSchema,
  EditablePartSchema,
  type AnnotationRecord,
} from './model/annotation';
import { ArticleExtractSchema, HttpUrlSchema, type ArticleExtract, type ArticleRecord } from './model/article';
import type { ClipMode } from './extract/clip-fallbacks';
import { CorrectionInputSchema } from './model/metadata-corrections';
import { PageStatusSchema, type PageStatus } from './model/page-status';
import { PizhuError, storageErrorCode, type ErrorCode } from './errors';
import { ReplyInputSchema, type ReplyRecord } from './model/reply';
import type { SyncOutcomeSummary } from './sync/sync-outcome';
import type { ClipAsk, CopyReading } from './copy-reading';

/**
 * The one message protocol between Pizhu's parts. Each message has a name, a runtime schema
 * for its payload, and the kind of sender allowed to send it. Content scripts run next to
 * untrusted pages, so everything they send is parsed before use, and they may only send the
 * messages marked `content`.
 */

export type SenderKind = 'content' | 'extension';

const TabIdSchema = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER));
const TabPayload = v.strictObject({ tabId: TabIdSchema });

const EmptyPayload = v.strictObject({});
const ClipModeSchema = v.picklist(['article', 'selection', 'page'] as const satisfies readonly ClipMode[]);

/** Declares a message answered with an `R`; curried so the payload schema's type is inferred. */
function message<R>() {
  return <S extends v.GenericSchema>(from: readonly SenderKind[], payload: S) => ({
    from,
    payload,
    result: undefined as unknown as R,
  });
}

/**
 * A page's serialized document to read away from its main thread. Far larger than any page the
 * asked limits let through (300,000 elements), so that only a lying content script meets it.
 */
const PageHtmlPayload = v.strictObject({
  html: v.pipe(v.string(), v.maxLength(64_000_000)),
  url: HttpUrlSchema,
  mustExtract: v.boolean(),
  userSaysArticle: v.boolean(),
  /** Within the limits a reader's request allows, else the automatic ones. */
  asked: v.boolean(),
  clip: v.optional(
    v.strictObject({
      mode: v.picklist(['details', 'selection', 'page'] as const satisfies readonly ClipAsk['mode'][]),
      selection: v.pipe(v.string(), v.maxLength(64_000_000)),
    }),
  ),
});

/** Messages answered by the background. */
export const backgroundMessages = {
  /** A content script reports what its page is. */
  'page.report': message<null>()(['content'], PageStatusSchema),
  /** Run the content script on a tab the user chose (needs activeTab or a host permission). */
  'page.activate': message<PageStatus | null>()(['extension'], TabPayload),
  /** The user says the page in a tab is an article although detection said no. */
  'page.treatAsArticle': message<PageStatus>()(['extension'], TabPayload),
  /** Clip the article in a tab (or, when it has none, the selection or the page's text) and store it. */
  'article.clip': message<ArticleRecord>()(
    ['extension'],
    v.strictObject({ tabId: TabIdSchema, mode: v.optional(ClipModeSchema) }),
  ),
  /** The reader's corrections of the article in a tab (at `url`), clipped or not yet. */
  'article.correct': message<ArticleRecord>()(
    ['extension'],
    v.strictObject({ tabId: TabIdSchema, url: HttpUrlSchema, fields: CorrectionInputSchema }),
  ),
  /** A page's annotations, to anchor and paint them. */
  'annotations.forPage': message<AnnotationRecord[]>()(
    ['content', 'extension'],
    v.strictObject({ url: HttpUrlSchema }),
  ),
  /** Create or edit an annotation; the article is created from the page if it is not stored yet. */
  'annotation.save': message<AnnotationRecord>()(['content', 'extension'], AnnotationSaveSchema),
  /** Delete an annotation; the answer is the deleted record, for undo. */
  'annotation.delete': message<AnnotationRecord | null>()(
    ['content', 'extension'],
    v.strictObject({ id: v.pipe(v.string(), v.uuid()) }),
  ),
  /** Undo of a delete: the deleted record, put back exactly as it was. */
  'annotation.restore': message<AnnotationRecord>()(['content', 'extension'], AnnotationRecordSchema),
  /** Tags already in use across every site, most used first: for the extension's own pages only. */
  'annotations.tags': message<string[]>()(['extension'], EmptyPayload),
  /**
   * The replies to these notes (their threads). Replies are shown and written only in extension
   * pages (the note frame among them): a content script, next to the page, never holds them.
   */
  'replies.forAnnotations': message<ReplyRecord[]>()(
    ['extension'],
    v.strictObject({ ids: v.pipe(v.array(v.pipe(v.string(), v.uuid())), v.maxLength(10_000)) }),
  ),
  /** Answer a note (a member's own or another's); the background adds the author and times. */
  'reply.save': message<ReplyRecord>()(['extension'], ReplyInputSchema),
  /** Delete one of this member's own replies. */
  'reply.delete': message<ReplyRecord | null>()(['extension'], v.strictObject({ id: v.pipe(v.string(), v.uuid()) })),
  /** Sync with the study group's WebDAV folder now (the 同步 button). */
  'sync.run': message<SyncOutcomeSummary>()(['extension'], EmptyPayload),
  /** An extension page wrote to the database itself (an import): fold its search documents in soon. */
  'library.changed': message<null>()(['extension'], EmptyPayload),
  /** Read a copy of the sender's page (detection and extraction) in the extension origin; nothing is kept. */
  'page.read': message<CopyReading>()(['content'], PageHtmlPayload),
} as const;

/** Messages answered by the offscreen document (Chromium), which parses what a service worker cannot. */
export const offscreenMessages = {
  'offscreen.read': message<CopyReading>()(['extension'], PageHtmlPayload),
} as const;

/** What the side panel asks of a note on the page. */
export const PageActionSchema = v.variant('type', [
  v.strictObject({ type: v.literal('show'), id: AnnotationIdSchema }),
  v.strictObject({ type: v.literal('update'), id: AnnotationIdSchema, part: EditablePartSchema }),
  v.strictObject({ type: v.literal('delete'), id: AnnotationIdSchema }),
  v.strictObject({ type: v.literal('undo'), id: AnnotationIdSchema }),
]);
export type PageAction = v.InferOutput<typeof PageActionSchema>;

/** Messages answered by a content script. */
export const contentMessages = {
  'page.extract': message<ArticleExtract>()(['extension'], v.strictObject({ mode: v.optional(ClipModeSchema) })),
  'page.ping': message<PageStatus>()(['extension'], EmptyPayload),
  'page.treatAsArticle': message<PageStatus>()(['extension'], EmptyPayload),
  /** The highlight shortcut: highlight the page's selection with the last colour used. */
  'page.highlightSelection': message<null>()(['extension'], EmptyPayload),
  /** Tell the reader on the page how a clip from the shortcut or the context menu went. */
  'page.notice': message<null>()(
    ['extension'],
    v.variant('event', [
      v.strictObject({ event: v.literal('clipped') }),
      v.strictObject({ event: v.literal('clip-failed'), code: v.pipe(v.string(), v.maxLength(40)) }),
    ]),
  ),
  /** The side panel acts on a note of the page as the page's own list does: go to it, edit, delete, undo. */
  'page.act': message<null>()(['extension'], PageActionSchema),
} as const;

/** The content script's answer to `page.extract` is untrusted input too. */
export const contentResultSchemas = {
  'page.extract': ArticleExtractSchema,
  'page.ping': PageStatusSchema,
  'page.treatAsArticle': PageStatusSchema,
  'page.highlightSelection': v.null(),
  'page.notice': v.null(),
  'page.act': v.null(),
} as const;

export type BackgroundMessages = typeof backgroundMessages;
export type ContentMessages = typeof contentMessages;
export type OffscreenMessages = typeof offscreenMessages;
type AnyMessages = BackgroundMessages | ContentMessages | OffscreenMessages;

export type MessageName<M extends AnyMessages> = keyof M & string;
export type PayloadOf<M extends AnyMessages, K extends keyof M> = M[K] extends {
  payload: infer S extends v.GenericSchema;
}
  ? v.InferInput<S>
  : never;
export type ParsedPayloadOf<M extends AnyMessages, K extends keyof M> = M[K] extends {
  payload: infer S extends v.GenericSchema;
}
  ? v.InferOutput<S>
  : never;
export type ResultOf<M extends AnyMessages, K extends keyof M> = M[K] extends { result: infer R } ? R : never;

export type Reply<T> = { ok: true; data: T } | { ok: false; error: { code: ErrorCode; message: string } };

export const EnvelopeSchema = v.strictObject({
  type: v.pipe(v.string(), v.maxLength(100)),
  payload: v.unknown(),
});

export interface Envelope<K extends string = string, P = unknown> {
  type: K;
  payload: P;
}

export interface SenderInfo {
  id?: string;
  url?: string;
  tab?: { id?: number; url?: string };
  frameId?: number;
  origin?: string;
}

/**
 * Who sent a message: a page of this extension, one of our content scripts, or nobody we trust.
 * `extensionOrigin` is e.g. `chrome-extension://abc/`.
 */
export function classifySender(sender: SenderInfo, extensionId: string, extensionOrigin: string): SenderKind | null {
  if (sender.id !== extensionId) return null;
  if (sender.url?.startsWith(extensionOrigin)) return 'extension';
  if (sender.tab?.id !== undefined) return 'content';
  return null;
}

function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => {
      const path = issue.path?.map((item) => String(item.key)).join('.') || '(root)';
      return `${path}: ${issue.message}`;
    })
    .join('; ');
}

export type Handlers<M extends AnyMessages, Ctx> = {
  [K in MessageName<M>]: (payload: ParsedPayloadOf<M, K>, context: Ctx) => Promise<ResultOf<M, K>> | ResultOf<M, K>;
};

/**
 * Builds the function that answers raw messages: it checks the envelope, the sender and the
 * payload, runs the handler, and always answers with a `Reply` — a bad message gets an error
 * reply, never an exception that would leave the sender hanging.
 */
export function createMessageHandler<M extends AnyMessages, Ctx>(
  messages: M,
  handlers: Handlers<M, Ctx>,
  identify: (sender: SenderInfo) => { kind: SenderKind | null; context: Ctx },
) {
  return async (raw: unknown, sender: SenderInfo): Promise<Reply<unknown>> => {
    const envelope = v.safeParse(EnvelopeSchema, raw);
    if (!envelope.success) return failure('bad-message', describeIssues(envelope.issues));
    const { type, payload } = envelope.output;
    if (!Object.hasOwn(messages, type)) return failure('unknown-message', `unknown message "${type}"`);
    const definition = messages[type as keyof M] as { from: readonly SenderKind[]; payload: v.GenericSchema };
    const { kind, context } = identify(sender);
    if (!kind || !definition.from.includes(kind)) {
      return failure('forbidden-sender', `"${type}" is not accepted from this sender`);
    }
    const parsed = v.safeParse(definition.payload, payload);
    if (!parsed.success) return failure('bad-payload', `${type}: ${describeIssues(parsed.issues)}`);
    try {
      const handler = handlers[type as MessageName<M>] as (p: unknown, c: Ctx) => unknown;
      return { ok: true, data: (await handler(parsed.output, context)) ?? null };
    } catch (error) {
      return errorReply(error);
    }
  };
}

export function failure(code: ErrorCode, message: string): Reply<never> {
  return { ok: false, error: { code, message } };
}

export function errorReply(error: unknown): Reply<never> {
  if (error instanceof PizhuError) return failure(error.code, error.message);
  const message = error instanceof Error ? error.message : String(error);
  return failure(storageErrorCode(error) ?? 'internal', message);
}

export const ReplySchema = v.variant('ok', [
  v.object({ ok: v.literal(true), data: v.unknown() }),
  v.object({
    ok: v.literal(false),
    error: v.object({ code: v.string(), message: v.string() }),
  }),
]);

/** Unwraps a reply received over the wire, turning an error reply into a thrown `PizhuError`. */
export function unwrapReply<T>(raw: unknown): T {
  const reply = v.safeParse(ReplySchema, raw);
  if (!reply.success) throw new PizhuError('unreachable', 'no valid answer from the other side');
  if (!reply.output.ok) throw new PizhuError(reply.output.error.code as ErrorCode, reply.output.error.message);
  return reply.output.data as T;
}
