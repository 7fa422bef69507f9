import type { PageMetadata } from '@/utils/model/article';
import type { CorrectableField } from '@/utils/model/metadata-corrections';
import { t, type MessageKey } from '@/runtime/translate';

/** The name each correctable field goes by, here and in the popup's correction form. */
export const FIELD_LABELS: Record<CorrectableField, MessageKey> = {
  title: 'fieldTitle',
  published: 'fieldPublished',
  source: 'fieldSource',
  author: 'fieldAuthor',
  editor: 'fieldEditor',
};

const FIELDS: ReadonlyArray<[MessageKey, CorrectableField | null, (meta: PageMetadata) => string | null]> = [
  [FIELD_LABELS.title, 'title', (meta) => meta.title],
  [FIELD_LABELS.published, 'published', (meta) => meta.publishedText ?? meta.publishedAt],
  [FIELD_LABELS.source, 'source', (meta) => meta.source],
  [FIELD_LABELS.author, 'author', (meta) => meta.author],
  [FIELD_LABELS.editor, 'editor', (meta) => meta.editor],
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
            <bdi>{read(metadata) || t('valueNone')}</bdi>
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
