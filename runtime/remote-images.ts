import { requestOrigins } from './site-permissions';

/*
 * A clipped page's images stay on their sites: opening the reader must not tell a site that (and
 * when) its article was read again. The extension pages' CSP refuses remote images, so they never
 * load by themselves; when the reader asks, each is fetched once by the extension and shown from
 * a blob: address, which the CSP allows.
 */

/** The reader's body images whose addresses are remote, with the address each had. */
export function remoteImagesIn(root: Element): { image: HTMLImageElement; src: string }[] {
  return [...root.querySelectorAll('img')].flatMap((image) => {
    const src = image.getAttribute('src') ?? image.dataset.remoteSrc ?? '';
    if (!/^https?:/i.test(src)) return [];
    // Taken off the element: nothing tries the address again, and the image shows as its
    // description until the reader asks for it.
    image.removeAttribute('src');
    image.dataset.remoteSrc = src;
    image.classList.add('pz-held-image');
    return [{ image, src }];
  });
}

async function show({ image, src }: { image: HTMLImageElement; src: string }): Promise<boolean> {
  try {
    const response = await fetch(src, { credentials: 'omit', referrerPolicy: 'no-referrer' });
    const blob = await response.blob();
    if (!response.ok || !blob.type.startsWith('image/')) return false;
    image.src = URL.createObjectURL(blob);
    image.classList.remove('pz-held-image');
    return true;
  } catch {
    return false;
  }
}

/**
 * Fetches the images and shows them. An image the extension may not read (its site is not a
 * portal Pizhu runs on) is tried again once the user lets it read that site — the browser asks,
 * as the click on 显示图片 allows. Returns how many could not be shown.
 */
export async function showRemoteImages(images: { image: HTMLImageElement; src: string }[]): Promise<number> {
  const shown = await Promise.all(images.map(show));
  const refused = images.filter((_, index) => !shown[index]);
  if (refused.length === 0) return 0;
  const origins = [...new Set(refused.map(({ src }) => `${new URL(src).origin}/*`))];
  if (!(await requestOrigins(origins).catch(() => false))) return refused.length;
  const retried = await Promise.all(refused.map(show));
  return retried.filter((ok) => !ok).length;
}
