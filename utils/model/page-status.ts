import * as v from 'valibot';
import { HttpUrlSchema, PageMetadataSchema } from './article';

/** What the content script reports about the page it runs in, for the popup's "this page" view. */
export const PageStatusSchema = v.object({
  url: HttpUrlSchema,
  isArticle: v.boolean(),
  score: v.pipe(v.number(), v.finite()),
  reasons: v.pipe(v.array(v.pipe(v.string(), v.maxLength(200))), v.maxLength(50)),
  metadata: v.nullable(PageMetadataSchema),
});

export type PageStatus = v.InferOutput<typeof PageStatusSchema>;
