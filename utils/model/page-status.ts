import * as v from 'valibot';
import type { PageLimitKind } from '../dom/page-limits';
import { HttpUrlSchema, PageMetadataSchema } from './article';

const count = v.pipe(v.number(), v.integer(), v.minValue(0));

/** Why the content script stopped reading the page (see utils/dom/page-limits.ts). */
export const PageLimitSchema = v.object({
  kind: v.picklist(['elements', 'depth', 'time'] as const satisfies readonly PageLimitKind[]),
  found: count,
  limit: count,
});

/** What the content script reports about the page it runs in, for the popup's "this page" view. */
export const PageStatusSchema = v.object({
  url: HttpUrlSchema,
  isArticle: v.boolean(),
  score: v.pipe(v.number(), v.finite()),
  reasons: v.pipe(v.array(v.pipe(v.string(), v.maxLength(200))), v.maxLength(50)),
  metadata: v.nullable(PageMetadataSchema),
  // Optional: a status remembered by an earlier version of the extension has none.
  stopped: v.nullish(PageLimitSchema, null),
});

export type PageStatus = v.InferOutput<typeof PageStatusSchema>;

/** A tab's report and the frame it came from (0: the top page). */
export interface FramedStatus {
  status: PageStatus;
  frameId: number;
}

/**
 * Whether a new report stands for its tab in place of the one kept: the top page's, unless a
 * same-origin frame of it holds the article and the top page does not (an old frameset, a shell
 * around an article frame). A frame that holds no article never speaks for the tab, and the first
 * frame read as an article keeps it.
 */
export function reportStandsForTab(kept: FramedStatus | null, report: FramedStatus): boolean {
  if (report.frameId === 0) return !kept || kept.frameId === 0 || !kept.status.isArticle || report.status.isArticle;
  if (!report.status.isArticle) return false;
  return !kept || kept.frameId === report.frameId || !kept.status.isArticle;
}
