import type { PageMetadata } from '@/utils/model/article';
import { t, type MessageKey } from '@/runtime/translate';

const FIELDS: ReadonlyArray<[MessageKey, (meta: PageMetadata) => string | null]> = [
  ['fieldTitle', (meta) => meta.title],
  ['fieldPublished', (meta) => meta.publishedText ?? meta.publishedAt],
  ['fieldSource', (meta) => meta.source],
  ['fieldAuthor', (meta) => meta.author],
  ['fieldEditor', (meta) => meta.editor],
  ['fieldSite', (meta) => meta.siteName],
];

/**
 * An article's metadata as a definition list; page text is rendered as text, never as HTML.
 * `withoutTitle` where the title is already the page's heading.
 */
export function ArticleMetadata({
  metadata,
  withoutTitle = false,
}: {
  metadata: PageMetadata;
  withoutTitle?: boolean;
}) {
  return (
    <dl class="pz-meta" data-testid="article-metadata">
      {FIELDS.filter(([label]) => !(withoutTitle && label === 'fieldTitle')).map(([label, read]) => (
        <>
          <dt>{t(label)}</dt>
          <dd data-field={label}>{read(metadata) || t('valueNone')}</dd>
        </>
      ))}
    </dl>
  );
}
