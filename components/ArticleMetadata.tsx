import type { PageMetadata } from '@/utils/model/article';
import type { CorrectableField } from '@/utils/model/metadata-corrections';
import { t, type MessageKey } from '@/runtime/translate';

const FIELDS: ReadonlyArray<[MessageKey, CorrectableField | null, (meta: PageMetadata) => string | null]> = [
  ['fieldTitle', 'title', (meta) => meta.title],
  ['fieldPublished', 'published', (meta) => meta.publishedText ?? meta.publishedAt],
  ['fieldSource', 'source', (meta) => meta.source],
  ['fieldAuthor', 'author', (meta) => meta.author],
  ['fieldEditor', 'editor', (meta) => meta.editor],
  ['fieldSite', null, (meta) => meta.siteName],
];

/**
 * An article's metadata as a definition list; page text is rendered as text, never as HTML.
 * `withoutTitle` where the title is already the page's heading; fields the reader corrected say so.
 */
export function ArticleMetadata({
  metadata,
  withoutTitle = false,
  corrected = [],
}: {
  metadata: PageMetadata;
  withoutTitle?: boolean;
  corrected?: readonly CorrectableField[];
}) {
  return (
    <dl class="pz-meta" data-testid="article-metadata">
      {FIELDS.filter(([label]) => !(withoutTitle && label === 'fieldTitle')).map(([label, field, read]) => (
        <>
          <dt>{t(label)}</dt>
          <dd data-field={label}>
            {read(metadata) || t('valueNone')}
            {field && corrected.includes(field) && (
              <span class="pz-badge pz-corrected" data-testid="corrected-mark">
                {t('popupCorrected')}
              </span>
            )}
          </dd>
        </>
      ))}
    </dl>
  );
}
