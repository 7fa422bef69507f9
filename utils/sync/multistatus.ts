import { PizhuError } from '../errors';

/**
 * Reads a WebDAV PROPFIND answer (RFC 4918 multistatus) without a DOM: the background is a
 * service worker, which has no DOMParser. Servers differ in namespace prefixes (`D:`, `d:`,
 * `lp1:` or none) and in what they add, so only local names are matched, and anything not
 * understood is skipped rather than trusted.
 *
 * The answer comes from a server that may be hostile, so it is read in one pass: every character
 * is looked at a bounded number of times (a tag that never closes ends the reading, a close tag
 * searches at most `depth` open elements), so the time is linear in the answer's length whatever
 * its shape — unclosed tags, deep nesting, long attribute runs, many namespaces.
 */

export interface ListedFile {
  /** The file's name inside the listed folder, decoded. */
  name: string;
  etag: string | null;
  size: number | null;
  /** `getlastmodified`, as the server wrote it (an HTTP date): what tells a change where no ETag does. */
  modified: string | null;
}

/** Bounds of a listing; anything bigger or deeper than this is not a folder of notes files. */
export const MULTISTATUS_LIMITS = { bytes: 4 * 1024 * 1024, entries: 2_000, depth: 64 } as const;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXmlText(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,8}|#[0-9]{1,10}|[a-z]{1,8});/gi, (whole, entity: string) => {
    if (entity[0] === '#') {
      const code =
        entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    return ENTITIES[entity.toLowerCase()] ?? whole;
  });
}

const badAnswer = (detail: string) => new PizhuError('sync-bad-answer', `list: ${detail}`);

/** Whether a status line reports success (a missing status counts as success, as some servers omit it). */
const isOk = (status: string | undefined) => status === undefined || /\s2\d\d\s/.test(` ${status} `);

/** Elements whose text is kept: the rest of a listing is structure or skipped. */
const LEAVES = new Set(['href', 'status', 'getetag', 'getcontentlength', 'getlastmodified']);

interface PropstatRead {
  status?: string;
  etag?: string;
  size?: string;
  modified?: string;
  collection: boolean;
}

interface ResponseRead {
  href?: string;
  status?: string;
  etag?: string;
  size?: string;
  modified?: string;
  collection: boolean;
}

/** Where a tag that starts at `at` ends (the index of its `>`), quotes respected; -1 if it never ends. */
function tagEnd(xml: string, at: number): number {
  let quote = '';
  for (let index = at + 1; index < xml.length; index++) {
    const char = xml[index];
    if (quote) {
      if (char === quote) quote = '';
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '>') return index;
  }
  return -1;
}

const TAG_NAME = /[^\s/>]*/y;

/** The local name of the tag whose name starts at `at` (`d:getetag a="1"` → `getetag`), lower-cased. */
function localNameAt(xml: string, at: number): string {
  TAG_NAME.lastIndex = at;
  const name = TAG_NAME.exec(xml)?.[0] ?? '';
  return name.slice(name.lastIndexOf(':') + 1).toLowerCase();
}

/**
 * The files directly inside `folderPath` (an absolute path such as `/dav/pizhu/`), with their
 * ETags and sizes; the folder itself and sub-folders are left out. An answer that is not a whole
 * multistatus, or nests deeper than any listing does, is refused as `sync-bad-answer`.
 */
export function readMultistatus(xml: string, folderPath: string): ListedFile[] {
  const folder = decodeURIComponent(folderPath.replace(/\/+$/, ''));
  const files: ListedFile[] = [];
  const open: string[] = [];
  let seenRoot = false;
  let closedRoot = false;
  let responses = 0;
  let response: ResponseRead | null = null;
  let propstat: PropstatRead | null = null;
  let text = '';

  const opened = (name: string) => {
    if (name === 'multistatus') seenRoot = true;
    else if (name === 'response' && !response && responses < MULTISTATUS_LIMITS.entries)
      response = { collection: false };
    else if (name === 'propstat' && response && !propstat) propstat = { collection: false };
    else if (name === 'collection' && propstat && open.includes('prop')) propstat.collection = true;
    if (LEAVES.has(name)) text = '';
  };

  const closed = (name: string, parent: string | undefined) => {
    if (name === 'multistatus') closedRoot = true;
    if (LEAVES.has(name) && response) {
      const value = decodeXmlText(text).trim();
      if (name === 'href' && parent === 'response') response.href ??= value;
      else if (name === 'status' && parent === 'response') response.status ??= value;
      else if (name === 'status' && parent === 'propstat' && propstat) propstat.status ??= value;
      else if (name === 'getetag' && propstat) propstat.etag ??= value;
      else if (name === 'getcontentlength' && propstat) propstat.size ??= value;
      else if (name === 'getlastmodified' && propstat) propstat.modified ??= value;
    }
    if (name === 'propstat' && propstat && response) {
      if (isOk(propstat.status)) {
        response.etag ??= propstat.etag;
        response.size ??= propstat.size;
        response.modified ??= propstat.modified;
        response.collection ||= propstat.collection;
      }
      propstat = null;
    }
    if (name === 'response' && response) {
      responses += 1;
      const file = fileOf(response, folder);
      if (file) files.push(file);
      response = null;
      propstat = null;
    }
  };

  let at = 0;
  while (at < xml.length) {
    const lt = xml.indexOf('<', at);
    if (lt === -1) {
      if (open.length > 0 && LEAVES.has(open[open.length - 1]!)) text += xml.slice(at);
      break;
    }
    if (lt > at && open.length > 0 && LEAVES.has(open[open.length - 1]!)) text += xml.slice(at, lt);
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      if (end === -1) throw badAnswer('a comment never ends');
      at = end + 3;
      continue;
    }
    if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt + 9);
      if (end === -1) throw badAnswer('a CDATA section never ends');
      // CDATA is text as it stands: escape it so the one decoding step leaves it unchanged.
      if (open.length > 0 && LEAVES.has(open[open.length - 1]!))
        text += xml.slice(lt + 9, end).replaceAll('&', '&amp;');
      at = end + 3;
      continue;
    }
    const gt = tagEnd(xml, lt);
    if (gt === -1) throw badAnswer('a tag never ends');
    at = gt + 1;
    const first = xml[lt + 1];
    if (first === '?' || first === '!') continue;
    if (first === '/') {
      const name = localNameAt(xml, lt + 2);
      const index = open.lastIndexOf(name);
      // A close tag with no open element of its name is skipped; one that closes several
      // (their own close tags missing) closes each of them.
      if (index === -1) continue;
      while (open.length > index) {
        const name = open.pop()!;
        closed(name, open[open.length - 1]);
      }
      continue;
    }
    const name = localNameAt(xml, lt + 1);
    const selfClosing = xml[gt - 1] === '/';
    opened(name);
    if (selfClosing) closed(name, open[open.length - 1]);
    else {
      open.push(name);
      if (open.length > MULTISTATUS_LIMITS.depth)
        throw badAnswer(`nested deeper than ${MULTISTATUS_LIMITS.depth} elements`);
    }
  }
  if (!seenRoot) throw badAnswer('not a multistatus');
  if (!closedRoot) throw badAnswer('the multistatus never ends');
  return files;
}

/** The listed file a response names, when it is a file directly inside the folder. */
function fileOf(response: ResponseRead, folder: string): ListedFile | null {
  if (response.href === undefined || !isOk(response.status) || response.collection) return null;
  let path: string;
  try {
    // An href may be absolute (http://host/dav/x) or a path; either way only its path counts.
    path = decodeURIComponent(new URL(response.href, 'http://listing.invalid').pathname);
  } catch {
    return null;
  }
  if (path.endsWith('/')) return null;
  const slash = path.lastIndexOf('/');
  if (path.slice(0, slash) !== folder) return null;
  const parsedSize = response.size === undefined ? NaN : Number(response.size);
  return {
    name: path.slice(slash + 1),
    etag: response.etag || null,
    size: Number.isSafeInteger(parsedSize) && parsedSize >= 0 ? parsedSize : null,
    modified: response.modified || null,
  };
}
