import { MemberFilter } from '@/components/MemberFilter';
import { ExportMenu } from '@/components/ExportMenu';
import { t } from '@/runtime/translate';
import { READER_SIZES, type ReaderSettings } from '@/runtime/user-settings';
import { loadExportBundle } from '@/store/export-snapshot';
import { lazyDatabase } from '@/store/lazy-database';

/** The reader's bar: typeface, size, theme, whose highlights are shown, export and print. */
export function ReaderControls(props: {
  articleId: string;
  settings: ReaderSettings;
  onChange(next: Partial<ReaderSettings>): void;
  members: string[];
  member: string;
  onMember(name: string): void;
}) {
  const { settings, onChange: change } = props;
  return (
    <div class="controls">
      <label>
        {t('readerFont')}{' '}
        <select
          value={settings.font}
          onChange={(event) => change({ font: event.currentTarget.value as ReaderSettings['font'] })}
        >
          <option value="song">{t('fontSong')}</option>
          <option value="hei">{t('fontHei')}</option>
        </select>
      </label>
      <button
        type="button"
        aria-label={t('readerSmaller')}
        disabled={settings.size <= READER_SIZES.min}
        onClick={() => change({ size: settings.size - READER_SIZES.step })}
      >
        A−
      </button>
      <button
        type="button"
        aria-label={t('readerLarger')}
        disabled={settings.size >= READER_SIZES.max}
        onClick={() => change({ size: settings.size + READER_SIZES.step })}
      >
        A+
      </button>
      <label>
        {t('readerTheme')}{' '}
        <select
          value={settings.theme}
          onChange={(event) => change({ theme: event.currentTarget.value as ReaderSettings['theme'] })}
        >
          <option value="light">{t('themeLight')}</option>
          <option value="dark">{t('themeDark')}</option>
        </select>
      </label>
      {props.members.length > 0 && (
        <MemberFilter members={props.members} value={props.member} onChange={props.onMember} />
      )}
      <ExportMenu
        label={t('exportMenu')}
        load={async () => loadExportBundle(await lazyDatabase(), { articleIds: [props.articleId] })}
      />
      <button type="button" data-testid="print" onClick={() => window.print()}>
        {t('printWithNotes')}
      </button>
    </div>
  );
}
