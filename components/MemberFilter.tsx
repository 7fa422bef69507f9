import { ONLY_ME } from '@/utils/annotate/member-filter';
import { t } from '@/runtime/translate';

/**
 * Whose notes are shown: 全组, 只看我 or one member. The one choice of the reader, the page's list of
 * notes and the library's notes; its value is what `passesMemberFilter` takes.
 */
export function MemberFilter(props: { members: readonly string[]; value: string; onChange(value: string): void }) {
  return (
    <label class="member-filter">
      {t('readerMember')}{' '}
      <select
        value={props.value}
        data-testid="member-filter"
        onChange={(event) => props.onChange(event.currentTarget.value)}
      >
        <option value="">{t('filterWholeGroup')}</option>
        <option value={ONLY_ME}>{t('filterOnlyMe')}</option>
        {props.members.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
}
