import { useEffect, useState } from 'preact/hooks';
import { t } from '@/runtime/translate';
import { cleanDisplayName, DISPLAY_NAME_MAX_LENGTH } from '@/utils/model/annotation';
import { countUnsigned, signUnsigned } from '@/store/annotation-store';
import { displayNameSetting } from '@/runtime/user-settings';
import { ErrorNotice } from './ErrorNotice';
import { SettingTextField } from './SettingTextField';
import { lazyDatabase } from '../store/lazy-database';

/** The annotator's name that goes on each new note; notes made before it was set can take it. */
export function DisplayNameField() {
  const [error, setError] = useState<unknown>(null);
  /** Notes made before a name was set, which can take it now. */
  const [unsigned, setUnsigned] = useState(0);
  const [signed, setSigned] = useState<number | null>(null);
  useEffect(() => void lazyDatabase().then(countUnsigned).then(setUnsigned, setError), [signed]);

  const sign = async (name: string) => {
    try {
      setSigned(await signUnsigned(await lazyDatabase(), cleanDisplayName(name)));
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <SettingTextField
      id="display-name"
      heading={t('optionsDisplayNameHeading')}
      help={t('optionsDisplayNameHelp')}
      setting={displayNameSetting}
      clean={cleanDisplayName}
      maxLength={DISPLAY_NAME_MAX_LENGTH}
    >
      {(name) => (
        <>
          {cleanDisplayName(name) && unsigned > 0 && (
            <p>
              <button type="button" data-testid="sign-unsigned" onClick={() => void sign(name)}>
                {t('optionsSignUnsigned', String(unsigned))}
              </button>
            </p>
          )}
          {signed !== null && <p role="status">{t('optionsSigned', String(signed))}</p>}
          <ErrorNotice error={error} />
        </>
      )}
    </SettingTextField>
  );
}
