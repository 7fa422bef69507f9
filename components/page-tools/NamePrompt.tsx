import { useEffect, useState } from 'preact/hooks';
import { t } from '@/runtime/translate';
import { DISPLAY_NAME_MAX_LENGTH } from '@/utils/model/annotation';
import { cleanDisplayName } from '@/utils/model/annotation';
import { displayNameSetting, namePromptedSetting } from '@/runtime/user-settings';

/**
 * Asked once, in a note's popover, while the reader has no display name: the name that goes on
 * their notes, for study groups that merge theirs. Skipping is fine; the options page has it too.
 */
export function NamePrompt() {
  const [state, setState] = useState<'unknown' | 'asking' | 'saved' | 'done'>('unknown');
  const [name, setName] = useState('');
  useEffect(() => {
    void Promise.all([displayNameSetting.getValue(), namePromptedSetting.getValue()]).then(([current, prompted]) =>
      setState(current || prompted ? 'done' : 'asking'),
    );
  }, []);
  const finish = async (chosen: string) => {
    if (chosen) await displayNameSetting.setValue(chosen);
    await namePromptedSetting.setValue(true);
    setState(chosen ? 'saved' : 'done');
  };
  if (state === 'saved')
    return (
      <p class="muted" role="status">
        {t('namePromptSaved')}
      </p>
    );
  if (state !== 'asking') return null;
  return (
    <form
      class="name-prompt"
      data-testid="name-prompt"
      onSubmit={(event) => {
        event.preventDefault();
        void finish(cleanDisplayName(name));
      }}
    >
      <label class="muted" for="pizhu-name">
        {t('namePromptLabel')}
      </label>
      <div class="row">
        <input
          id="pizhu-name"
          type="text"
          value={name}
          maxLength={DISPLAY_NAME_MAX_LENGTH}
          onInput={(event) => setName(event.currentTarget.value)}
        />
        <button type="submit">{t('namePromptSave')}</button>
        <button type="button" onClick={() => void finish('')}>
          {t('namePromptSkip')}
        </button>
      </div>
    </form>
  );
}
