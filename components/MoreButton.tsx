import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '@/runtime/translate';

/**
 * 更多: the next page of a list, on a click or by itself once the button scrolls into view, so a
 * long list reads on without clicks while each load stays one screen's worth.
 */
export function MoreButton({ onMore }: { onMore: () => Promise<void> }) {
  const button = useRef<HTMLButtonElement>(null);
  const [busy, setBusy] = useState(false);
  const more = async () => {
    setBusy(true);
    try {
      await onMore();
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    const target = button.current;
    if (!target || busy) return;
    // Reports at once when the button is already visible: a short page fills up to the screen.
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) void more();
    });
    observer.observe(target);
    return () => observer.disconnect();
  }, [busy, onMore]);
  return (
    <button ref={button} disabled={busy} data-testid="more" onClick={() => void more()}>
      {t('libraryMore')}
    </button>
  );
}
