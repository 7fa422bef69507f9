import { useEffect, useState } from 'preact/hooks';
import { t } from '@/runtime/translate';
import { DISPLAY_NAME_MAX_LENGTH } from '@/utils/model/annotation';
import { countUnsigned, signUnsigned } from '@/store/annotation-store';
import { cleanDisplayName } from '@/utils/model/annotation';
import { displayNameSetting } from '@/runtime/user-settings';
import { ErrorNotice } from './ErrorNotice';
import { lazyDatabase } from '../store/lazy-database';

/** The annotator's name that goes on each new note, saved when the field is left or submitted. */
export function DisplayNameField() {
  const [name, setName] = useState('');
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>(null);
  /** Notes made before a name was set, which can take it now. */
  const [unsigned, setUnsigned] = useState(0);
  const [signed, setSigned] = useState<number | null>(null);
  useEffect(() => void displayNameSetting.getValue().then(setName, setError), []);
  useEffect(() => void lazyDatabase().then(countUnsigned).then(setUnsigned, setError), [signed]);

  const sign = async () => {
    try {
      setSigned(await signUnsigned(await lazyDatabase(), cleanDisplayName(name)));
    } catch (failure) {
      setError(failure);
    }
  };

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
      {cleanDisplayName(name) && unsigned > 0 && (
        <p>
          <button type="button" data-testid="sign-unsigned" onClick={() => void sign()}>
            {t('optionsSignUnsigned', String(unsigned))}
          </button>
        </p>
      )}
      {signed !== null && <p role="status">{t('optionsSigned', String(signed))}</p>}
      <ErrorNotice error={error} />
    </form>
  );
}
