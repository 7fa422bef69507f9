import { ONLY_ME } from '@/utils/annotate/member-filter';
import { t } from '@/runtime/translate';

/** Whose notes are shown: 全部, 只看我, or one member (see member-filter.ts). */
export function MemberFilterSelect(props: {
  members: readonly string[];
  member: string;
  onMember(name: string): void;
  testId: string;
}) {
  return (
    <label>
      {t('readerMember')}{' '}
      <select
        value={props.member}
        data-testid={props.testId}
        onChange={(event) => props.onMember(event.currentTarget.value)}
      >
        <option value="">{t('filterAll')}</option>
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
