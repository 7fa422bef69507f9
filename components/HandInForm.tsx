import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { t } from '@/runtime/translate';
import type { ExportSettings } from '@/utils/export/export-settings';

/** Today as a date line reads in the export's language: 2024年3月8日, or 2024-03-08. */
function today(lang: string): string {
  const now = new Date();
  return lang.startsWith('zh')
    ? `${now.getFullYear()}年${now.getMonth() + 1}月${now.getDate()}日`
    : `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/**
 * What a hand-in's header says — 学习小组, 学习人, 日期 — and the 批注稿's typeface, filled from the
 * options and editable before exporting. Enter exports, Esc cancels.
 */
export function HandInForm(props: {
  start: ExportSettings;
  lang: string;
  withFace: boolean;
  submit: (settings: ExportSettings) => void;
  cancel: () => void;
}) {
  const [study, setStudy] = useState({ ...props.start.study, date: props.start.study.date || today(props.lang) });
  const [face, setFace] = useState(props.start.face);
  const first = useRef<HTMLInputElement>(null);
  useLayoutEffect(() => first.current?.focus(), []);
  const field = (key: keyof typeof study, label: string, ref?: typeof first) => (
    <label class="pz-hand-in-field">
      <span>{label}</span>
      <input
        ref={ref}
        type="text"
        maxLength={200}
        value={study[key]}
        data-testid={`hand-in-${key}`}
        onInput={(event) => setStudy({ ...study, [key]: event.currentTarget.value })}
      />
    </label>
  );
  return (
    <form
      class="pz-hand-in"
      data-testid="hand-in-form"
      onSubmit={(event) => {
        event.preventDefault();
        props.submit({ ...props.start, study, face });
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          props.cancel();
        }
      }}
    >
      <strong>{t('exportStudyHeading')}</strong>
      {field('group', t('exportStudyGroup'), first)}
      {field('member', t('exportStudyMember'))}
      {field('date', t('exportStudyDate'))}
      {props.withFace && (
        <label class="pz-hand-in-field">
          <span>{t('exportFace')}</span>
          <select
            value={face}
            data-testid="hand-in-face"
            onChange={(event) => setFace(event.currentTarget.value as ExportSettings['face'])}
          >
            <option value="song">{t('exportFaceSong')}</option>
            <option value="fangsong">{t('exportFaceFangsong')}</option>
          </select>
        </label>
      )}
      <div class="pz-hand-in-actions">
        <button type="submit" class="primary" data-testid="hand-in-export">
          {t('exportStart')}
        </button>
        <button type="button" onClick={props.cancel}>
          {t('exportCancel')}
        </button>
      </div>
    </form>
  );
}
