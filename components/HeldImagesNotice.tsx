import { useLayoutEffect, useState } from 'preact/hooks';
import type { RefObject } from 'preact';
import { t } from '@/runtime/translate';
import { remoteImageSitesSetting } from '@/runtime/user-settings';
import { remoteImagesIn, showRemoteImages } from '@/runtime/remote-images';

type Held = ReturnType<typeof remoteImagesIn>;

export interface HeldImages {
  held: Held;
  state: 'held' | 'loading' | 'failed';
  site: string;
  /** Fetches and shows them; `always`: for every article of this site from now on. */
  load(always?: boolean): Promise<void>;
}

/**
 * The remote images of a clipped page's body, held back (the CSP would refuse them anyway) until
 * the reader asks, or shown at once for a site the reader chose to always show.
 */
export function useHeldImages(body: RefObject<HTMLElement>, url: string | null, html: string): HeldImages | null {
  const [images, setImages] = useState<{ held: Held; state: HeldImages['state'] } | null>(null);
  const site = url ? new URL(url).hostname : '';

  const load = async (held: Held, always = false) => {
    setImages({ held, state: 'loading' });
    if (always) {
      const sites = await remoteImageSitesSetting.getValue();
      if (!sites.includes(site)) await remoteImageSitesSetting.setValue([...sites, site]);
    }
    const failed = await showRemoteImages(held);
    setImages(
      failed === 0
        ? null
        : { held: held.filter(({ image }) => image.classList.contains('pz-held-image')), state: 'failed' },
    );
  };

  useLayoutEffect(() => {
    const root = body.current;
    if (!url || !root) return;
    const held = remoteImagesIn(root);
    setImages(held.length > 0 ? { held, state: 'held' } : null);
    if (held.length === 0) return;
    void remoteImageSitesSetting.getValue().then((sites) => {
      if (sites.includes(site)) void load(held);
    });
  }, [url, html]);

  return images && { ...images, site, load: (always) => load(images.held, always) };
}

/** How many images were held back, with 显示图片 and 总是显示此网站的图片. */
export function HeldImagesNotice({ images }: { images: HeldImages | null }) {
  if (!images) return null;
  const count = String(images.held.length);
  return (
    <p class="pz-notice" role="status" data-testid="remote-images">
      {t(images.state === 'failed' ? 'imagesFailed' : 'imagesHeld', count)}{' '}
      <button type="button" disabled={images.state === 'loading'} onClick={() => void images.load()}>
        {t('imagesShow')}
      </button>{' '}
      <button type="button" disabled={images.state === 'loading'} onClick={() => void images.load(true)}>
        {t('imagesAlways', images.site)}
      </button>
    </p>
  );
}
