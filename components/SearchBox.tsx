import { t } from '@/runtime/translate';

/** The library's search field, in the popup and on the library page. */
export function SearchBox({ value, onInput }: { value: string; onInput(value: string): void }) {
  return (
    <input
      type="search"
      value={value}
      placeholder={t('searchPlaceholder')}
      aria-label={t('searchLabel')}
      data-testid="search"
      onInput={(event) => onInput(event.currentTarget.value)}
    />
  );
}
