import { useRef, useState, useLayoutEffect } from 'preact/hooks';
import { FIELD_LABELS } from '@/components/ArticleMetadata';
import { ErrorNotice } from '@/components/ErrorNotice';
import { t, type MessageKey } from '@/runtime/translate';
import { publishedForDisplay, type PageMetadata } from '@/utils/model/article';
import {
  asReadOf,
  CORRECTABLE_FIELDS,
  valuesFromInput,
  type CorrectableField,
  type CorrectionInput,
  type MetadataCorrections,
} from '@/utils/model/metadata-corrections';

/** A field's value as its input shows it: 发布时间 in the page's own words when it had them. */
function textOf(field: CorrectableField, values: Partial<PageMetadata>): string {
  if (field === 'published')
    return (
      values.publishedText ??
      publishedForDisplay({ publishedAt: values.publishedAt ?? null, publishedText: null }) ??
      ''
    );
  return values[field] ?? '';
}

/**
 * The popup's form for the reader's corrections of title, 发布时间, 来源, 作者 and 责编. Only the
 * fields the reader changed are sent; a corrected field shows what the page gave, with 恢复.
 */
export function CorrectMetadataForm(props: {
  metadata: PageMetadata;
  stored: ({ corrections?: MetadataCorrections } & PageMetadata) | null;
  save: (fields: CorrectionInput) => Promise<void>;
  close: () => void;
}) {
  const initial = Object.fromEntries(CORRECTABLE_FIELDS.map((field) => [field, textOf(field, props.metadata)]));
  const [texts, setTexts] = useState<Record<string, string>>(initial);
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useLayoutEffect(() => first.current?.focus(), []);

  const submit = async (event: Event) => {
    event.preventDefault();
    const changed: CorrectionInput = Object.fromEntries(
      CORRECTABLE_FIELDS.filter((field) => texts[field] !== initial[field]).map((field) => [field, texts[field]]),
    );
    if (!Object.keys(changed).length) return props.close();
    const read = valuesFromInput(changed);
    if (!read.ok) return setProblem(`correctProblem_${read.problem.replace(/-/g, '_')}` as MessageKey);
    setProblem(null);
    setError(null);
    setSaving(true);
    try {
      await props.save(changed);
      props.close();
    } catch (failure) {
      setError(failure);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      class="pz-correct"
      data-testid="correct-form"
      onSubmit={(event) => void submit(event)}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          props.close();
        }
      }}
    >
      <p class="pz-muted">{t('popupCorrectHelp')}</p>
      {CORRECTABLE_FIELDS.map((field, index) => {
        const fromPage = props.stored ? asReadOf(props.stored, field) : null;
        const pageText = fromPage && textOf(field, fromPage);
        return (
          <div class="pz-correct-field" key={field}>
            <label for={`correct-${field}`}>{t(FIELD_LABELS[field])}</label>
            <input
              id={`correct-${field}`}
              ref={index === 0 ? first : undefined}
              type="text"
              value={texts[field]}
              placeholder={field === 'published' ? t('popupCorrectPublishedHint') : undefined}
              data-testid={`correct-${field}`}
              onInput={(event) => setTexts({ ...texts, [field]: event.currentTarget.value })}
            />
            {fromPage && (
              <p class="pz-muted">
                {t('popupCorrectFromPage', pageText || t('valueNone'))}{' '}
                <button
                  type="button"
                  class="pz-link"
                  aria-label={t('popupCorrectRestoreLabel', t(FIELD_LABELS[field]))}
                  data-testid={`restore-${field}`}
                  onClick={() => setTexts({ ...texts, [field]: pageText ?? '' })}
                >
                  {t('popupCorrectRestore')}
                </button>
              </p>
            )}
          </div>
        );
      })}
      {problem && (
        <p class="pz-error" role="alert" data-testid="correct-problem">
          {t(problem)}
        </p>
      )}
      <ErrorNotice error={error} />
      <div class="actions">
        <button type="submit" class="primary" disabled={saving} data-testid="correct-save">
          {t('popupCorrectSave')}
        </button>
        <button type="button" onClick={props.close}>
          {t('popupCorrectCancel')}
        </button>
      </div>
    </form>
  );
}
