import { useEffect, useLayoutEffect, useState } from 'preact/hooks';
import { t } from '@/runtime/translate';
import type { SelectionFreedom } from './selection-freedom';

/** Selecting where the page forbids it, as the tools offer it: the mode, and keeping the choice for the site. */
export interface SelectionChoice {
  freedom: SelectionFreedom;
  /** Keeps the reader's choice for this site (or forgets it). */
  remember(on: boolean): void;
}

const OFFER_MS = 10_000;

/**
 * After a drag the page kept from selecting anything: 允许选择, one click, kept for the site;
 * once allowed, a way back (恢复网页原样) for as long as the notice shows.
 */
export function SelectionOffer({ choice }: { choice: SelectionChoice }) {
  const [shown, setShown] = useState<'blocked' | 'allowed' | null>(null);
  useLayoutEffect(() => choice.freedom.onBlockedAttempt(() => setShown('blocked')), [choice]);
  useEffect(() => {
    if (!shown) return;
    const timer = setTimeout(() => setShown(null), OFFER_MS);
    return () => clearTimeout(timer);
  }, [shown]);

  const set = (on: boolean) => {
    if (on) choice.freedom.turnOn();
    else choice.freedom.turnOff();
    choice.remember(on);
    setShown(on ? 'allowed' : null);
  };
  if (shown === 'blocked')
    return (
      <div class="card notice" data-testid="selection-offer">
        {t('selectionBlocked')}
        <button type="button" onClick={() => set(true)}>
          {t('selectionAllow')}
        </button>
      </div>
    );
  if (shown === 'allowed')
    return (
      <div class="card notice" data-testid="selection-allowed">
        {t('selectionAllowed')}
        <button type="button" onClick={() => set(false)}>
          {t('selectionRestore')}
        </button>
      </div>
    );
  return null;
}
