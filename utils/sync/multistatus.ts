/**
 * Reads a WebDAV PROPFIND answer (RFC 4918 multistatus) without a DOM: the background is a
 * service worker, which has no DOMParser. Servers differ in namespace prefixes (`D:`, `d:`,
 * `lp1:` or none) and in what they add, so only local names are matched, and anything not
 * understood is skipped rather than trusted.
 */

export interface ListedFile {
  /** The file's name inside the listed folder, decoded. */
  name: string;
  etag: string | null;
  size: number | null;
}

/** Elements a listing is read from; anything bigger than this is not a folder of notes files. */
export const MULTISTATUS_LIMITS = { bytes: 4 * 1024 * 1024, entries: 2_000 } as const;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXmlText(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity[0] === '#') {
      const code =
        entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    return ENTITIES[entity.toLowerCase()] ?? whole;
  });
}

/** The text of each element with this local name, in document order. */
function elements(xml: string, localName: string): string[] {
  const pattern = new RegExp(
    `<(?:[\\w.-]+:)?${localName}(?:\\s[^>]*)?(?:/>|>([\\s\\S]*?)</(?:[\\w.-]+:)?${localName}\\s*>)`,
    'g',
  );
  return [...xml.matchAll(pattern)].map((match) => match[1] ?? '');
}

/** Whether a propstat block reports success (a missing status counts as success, as some servers omit it). */
const isOk = (propstat: string) => {
  const status = elements(propstat, 'status')[0];
  return status === undefined || /\s2\d\d\s/.test(` ${decodeXmlText(status).trim()} `);
};

/**
 * The files directly inside `folderPath` (an absolute path such as `/dav/pizhu/`), with their
 * ETags and sizes; the folder itself and sub-folders are left out.
 */
export function readMultistatus(xml: string, folderPath: string): ListedFile[] {
  const files: ListedFile[] = [];
  const folder = decodeURIComponent(folderPath.replace(/\/+$/, ''));
  for (const response of elements(xml, 'response').slice(0, MULTISTATUS_LIMITS.entries)) {
    const href = elements(response, 'href')[0];
    if (href === undefined) continue;
    let path: string;
    try {
      // An href may be absolute (http://host/dav/x) or a path; either way only its path counts.
      path = decodeURIComponent(new URL(decodeXmlText(href).trim(), 'http://listing.invalid').pathname);
    } catch {
      continue;
    }
    if (path.endsWith('/')) continue;
    const slash = path.lastIndexOf('/');
    if (path.slice(0, slash) !== folder) continue;
    const props = elements(response, 'propstat')
      .filter(isOk)
      .map((propstat) => elements(propstat, 'prop')[0] ?? '')
      .join('');
    if (elements(props, 'collection').length > 0) continue;
    const etag = elements(props, 'getetag')[0];
    const size = elements(props, 'getcontentlength')[0];
    const parsedSize = size === undefined ? NaN : Number(decodeXmlText(size).trim());
    files.push({
      name: path.slice(slash + 1),
      etag: etag === undefined ? null : decodeXmlText(etag).trim() || null,
      size: Number.isSafeInteger(parsedSize) && parsedSize >= 0 ? parsedSize : null,
    });
  }
  return files;
}
