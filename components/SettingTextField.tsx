import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '@/runtime/translate';
import { ErrorNotice } from './ErrorNotice';

/** A text setting as the options page shows it: the storage item it reads and writes. */
interface TextSetting {
  getValue(): Promise<string>;
  setValue(value: string): Promise<void>;
}

/**
 * One text setting of the options page, saved when the field is left or submitted, saying so
 * or why not. `children` adds what depends on the value being typed.
 */
export function SettingTextField(props: {
  id: string;
  heading: string;
  help: string;
  setting: TextSetting;
  clean: (value: string) => string;
  maxLength: number;
  children?: (value: string) => ComponentChildren;
}) {
  const [value, setValue] = useState('');
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => void props.setting.getValue().then(setValue, setError), []);

  const save = async (event?: Event) => {
    event?.preventDefault();
    const clean = props.clean(value);
    try {
      await props.setting.setValue(clean);
      setValue(clean);
      setSaved(true);
      setError(null);
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <form onSubmit={(event) => void save(event)}>
      <h2>
        <label for={props.id}>{props.heading}</label>
      </h2>
      <p class="pz-muted">{props.help}</p>
      <input
        id={props.id}
        type="text"
        value={value}
        maxLength={props.maxLength}
        data-testid={props.id}
        onInput={(event) => {
          setValue(event.currentTarget.value);
          setSaved(false);
        }}
        onBlur={() => void save()}
      />{' '}
      {saved && <span role="status">{t('optionsDisplayNameSaved')}</span>}
      {props.children?.(value)}
      <ErrorNotice error={error} />
    </form>
  );
}
