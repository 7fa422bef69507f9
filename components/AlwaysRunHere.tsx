import { useEffect, useState } from 'preact/hooks';
import { hasOrigins, requestOrigins } from '@/runtime/site-permissions';
import { t } from '@/runtime/translate';
import { isPortalHost } from '@/utils/portal-sites';
import { originsForSite } from '@/utils/sites/user-site-matches';

/**
 * On a site Pizhu runs on only because the reader switched it on for this tab: a way to have it
 * run there by itself from now on (the browser asks for that one site's permission).
 */
export function AlwaysRunHere({ url }: { url: string }) {
  const host = new URL(url).hostname;
  const origins = isPortalHost(host) ? null : originsForSite(host);
  const [granted, setGranted] = useState<boolean | null>(null);
  useEffect(() => {
    if (origins) void hasOrigins(origins).then(setGranted, () => setGranted(null));
  }, [url]);
  if (!origins || granted !== false) return null;
  return (
    <button
      type="button"
      data-testid="always-run-here"
      // permissions.request must run inside the click's user gesture: no await before it.
      onClick={() => void requestOrigins(origins).then(setGranted, () => setGranted(false))}
    >
      {t('popupAlwaysRunHere', host.replace(/^www\./, ''))}
    </button>
  );
}
