import { useEffect, useState } from 'preact/hooks';
import { t } from '@/runtime/translate';
import { freeSelectionSitesSetting, rememberFreeSelection } from '@/runtime/user-settings';

/** 允许选择 for the current page's site, on or off, kept for the site (the open page follows at once). */
export function AllowSelectionHere({ url }: { url: string }) {
  const site = new URL(url).hostname;
  const [on, setOn] = useState<boolean | null>(null);
  useEffect(() => {
    const follow = (sites: string[]) => setOn(sites.includes(site));
    void freeSelectionSitesSetting.getValue().then(follow);
    return freeSelectionSitesSetting.watch(follow);
  }, [site]);
  if (on === null) return null;
  return (
    <label class="pz-muted" data-testid="allow-selection">
      <input
        type="checkbox"
        checked={on}
        onChange={(event) => void rememberFreeSelection(site, event.currentTarget.checked)}
      />{' '}
      {t('popupAllowSelection')}
    </label>
  );
}
