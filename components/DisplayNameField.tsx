import { useEffect, useState } from 'preact/hooks';
import { t } from '@/utils/i18n/translate';
import { DISPLAY_NAME_MAX_LENGTH } from '@/utils/model/annotation';
import { cleanDisplayName, displayNameSetting } from '@/utils/settings/user-settings';
import { ErrorNotice } from './ErrorNotice';

/** The annotator's name that goes on each new note, saved when the field is left or submitted. */
export function DisplayNameField() {
  const [name, setName] = useState('');
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => void displayNameSetting.getValue().then(setName, setError), []);

  const save = async (event?: Event) => {
    event?.preventDefault();
    const clean = cleanDisplayName(name);
    try {
      await displayNameSetting.setValue(clean);
      setName(clean);
      setSaved(true);
      setError(null);
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <form onSubmit={(event) => void save(event)}>
      <h2>
        <label for="display-name">{t('optionsDisplayNameHeading')}</label>
      </h2>
      <p class="pz-muted">{t('optionsDisplayNameHelp')}</p>
      <input
        id="display-name"
        type="text"
        value={name}
        maxLength={DISPLAY_NAME_MAX_LENGTH}
        onInput={(event) => {
          setName(event.currentTarget.value);
          setSaved(false);
        }}
        onBlur={() => void save()}
      />{' '}
      {saved && <span role="status">{t('optionsDisplayNameSaved')}</span>}
      <ErrorNotice error={error} />
    </form>
  );
}
