import { useEffect, useState } from 'preact/hooks';
import { keepLibrary, libraryBytes, type LibraryKeeping } from '@/runtime/library-keeping';
import { t, type MessageKey } from '@/runtime/translate';

const SAID: Record<LibraryKeeping, MessageKey> = {
  persistent: 'optionsKeepingPersistent',
  unlimited: 'optionsKeepingUnlimited',
  'best-effort': 'optionsKeepingBestEffort',
};

/** Whether the browser keeps the library under disk pressure, and how much it holds (asking to keep it on the way). */
export function LibraryKeepingStatus() {
  const [keeping, setKeeping] = useState<LibraryKeeping | null>(null);
  const [bytes, setBytes] = useState<number | null>(null);
  useEffect(() => {
    void keepLibrary().then(setKeeping, () => setKeeping('best-effort'));
    void libraryBytes().then(setBytes);
  }, []);
  if (keeping === null) return null;
  return (
    <p class={keeping === 'best-effort' ? 'pz-error' : 'pz-muted'} data-testid="library-keeping">
      {t(SAID[keeping])}
      {bytes !== null && (
        <>
          <br />
          {t('optionsLibrarySize', (bytes / (1024 * 1024)).toFixed(1))}
        </>
      )}
    </p>
  );
}
