import { useEffect, useState } from 'preact/hooks';
import { t } from '@/runtime/translate';
import { markdownMarksSetting } from '@/runtime/user-settings';

type Marks = 'equals' | 'html';

/** How 全文 Markdown writes a highlight: the vault apps' `==…==`, or `<mark>` keeping its colour. */
export function MarkdownMarksField() {
  const [marks, setMarks] = useState<Marks | null>(null);
  useEffect(() => {
    void markdownMarksSetting.getValue().then(setMarks);
  }, []);
  const choose = (value: Marks) => {
    setMarks(value);
    void markdownMarksSetting.setValue(value);
  };
  const option = (value: Marks, label: string) => (
    <label>
      <input
        type="radio"
        name="markdown-marks"
        value={value}
        checked={marks === value}
        disabled={marks === null}
        onChange={() => choose(value)}
      />{' '}
      {label}
    </label>
  );
  return (
    <fieldset data-testid="markdown-marks">
      <legend>{t('optionsMarkdownMarks')}</legend>
      {option('equals', t('optionsMarkdownMarksEquals'))}
      <br />
      {option('html', t('optionsMarkdownMarksHtml'))}
    </fieldset>
  );
}
