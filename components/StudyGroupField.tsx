import { useEffect, useState } from 'preact/hooks';
import { t } from '@/runtime/translate';
import { studyGroupSetting } from '@/runtime/user-settings';
import { ErrorNotice } from './ErrorNotice';

/** The study group a 批注稿's header names; saved when the field is left or submitted, and editable again at each export. */
export function StudyGroupField() {
  const [group, setGroup] = useState('');
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => void studyGroupSetting.getValue().then(setGroup, setError), []);

  const save = async (event?: Event) => {
    event?.preventDefault();
    try {
      await studyGroupSetting.setValue(group.trim());
      setSaved(true);
      setError(null);
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <form onSubmit={(event) => void save(event)}>
      <h2>
        <label for="study-group">{t('optionsStudyGroupHeading')}</label>
      </h2>
      <p class="pz-muted">{t('optionsStudyGroupHelp')}</p>
      <input
        id="study-group"
        type="text"
        value={group}
        maxLength={200}
        data-testid="study-group"
        onInput={(event) => {
          setGroup(event.currentTarget.value);
          setSaved(false);
        }}
        onBlur={() => void save()}
      />{' '}
      {saved && <span role="status">{t('optionsDisplayNameSaved')}</span>}
      <ErrorNotice error={error} />
    </form>
  );
}
