import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { StartedServer } from './webdav-servers';

/**
 * A WebDAV server written here to play what cannot be installed on this machine, each as its
 * maker documents it or as other projects' trackers show it:
 * - `jianguoyun` (坚果云): files at the root are refused (403), and past a request budget every
 *   request gets 503 with `BlockedTemporarily` in the body and a `Retry-After`;
 * - `seafile`: a PUT is answered with the ETag of the file it replaced (a stale one);
 * - `nextcloud`: the address is `/remote.php/dav/files/<user>/`, a PUT's ETag comes as `OC-ETag`
 *   only, and Digest (MD5) is what it asks for here, as some NAS boxes do.
 * Files live in memory; ETags are strong, by content; `If-Match` and `If-None-Match: *` are kept.
 */
export type MimicFlavour = 'jianguoyun' | 'seafile' | 'nextcloud';

export interface MimicServer extends StartedServer {
  /** From now on, the next `count` requests are refused as 坚果云 refuses past its budget (503, or 401 as some clients saw). */
  block(count: number, retryAfterSeconds: number, status?: 503 | 401): void;
  /** Requests answered so far, by method. */
  requests(): { method: string; status: number }[];
}

interface Stored {
  text: string;
  etag: string;
  modified: Date;
}

const md5 = (text: string) => createHash('md5').update(text).digest('hex');
const escapeXml = (text: string) => text.replace(/[<>&]/g, (char) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp' }[char]};`);

export async function startMimic(flavour: MimicFlavour, user: string, password: string): Promise<MimicServer> {
  // Decoded: paths are compared after decoding; the address a member types is `base`.
  const prefix =
    flavour === 'nextcloud' ? `/remote.php/dav/files/${user}/` : flavour === 'jianguoyun' ? '/dav/' : '/seafdav/';
  const files = new Map<string, Stored>();
  const folders = new Set<string>([prefix]);
  const log: { method: string; status: number }[] = [];
  let blocked = 0;
  let retryAfter = 0;
  let blockedStatus = 503;
  const nonce = randomUUID();

  const authorized = (request: IncomingMessage): boolean => {
    const header = request.headers.authorization ?? '';
    if (flavour !== 'nextcloud') return header === `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
    if (!header.startsWith('Digest ')) return false;
    const params = Object.fromEntries(
      [...header.matchAll(/(\w+)=(?:"([^"]*)"|([^\s,]+))/g)].map((match) => [match[1], match[2] ?? match[3]]),
    );
    const ha1 = md5(`${user}:pizhu:${password}`);
    const ha2 = md5(`${request.method}:${params.uri}`);
    return (
      params.nonce === nonce &&
      params.uri === request.url &&
      params.response === md5(`${ha1}:${nonce}:${params.nc}:${params.cnonce}:${params.qop}:${ha2}`)
    );
  };

  const body = (request: IncomingMessage) =>
    new Promise<string>((resolve) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });

  const answer = async (request: IncomingMessage, response: ServerResponse) => {
    const end = (status: number, headers: Record<string, string> = {}, text = '') => {
      log.push({ method: request.method ?? '', status });
      response.writeHead(status, { 'Content-Length': String(Buffer.byteLength(text)), ...headers });
      response.end(text);
    };
    const sent = await body(request);
    if (blocked > 0) {
      blocked -= 1;
      return end(
        blockedStatus,
        { 'Retry-After': String(retryAfter), 'Content-Type': 'application/xml' },
        '<?xml version="1.0" encoding="utf-8"?><d:error xmlns:d="DAV:" xmlns:s="http://ns.jianguoyun.com"><s:exception>BlockedTemporarily</s:exception><s:message>Too many requests</s:message></d:error>',
      );
    }
    if (!authorized(request)) {
      const challenge =
        flavour === 'nextcloud'
          ? `Digest realm="pizhu", nonce="${nonce}", qop="auth", algorithm=MD5`
          : 'Basic realm="pizhu"';
      return end(401, { 'WWW-Authenticate': challenge });
    }
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://mimic.invalid').pathname);
    if (!path.startsWith(prefix)) return end(404);
    const parent = path.slice(0, path.replace(/\/$/, '').lastIndexOf('/') + 1);
    const ifMatch = request.headers['if-match'];
    const ifNoneMatch = request.headers['if-none-match'];
    const existing = files.get(path);
    switch (request.method) {
      case 'PROPFIND': {
        if (!folders.has(path)) return end(404);
        const entry = (href: string, props: string) =>
          `<d:response><d:href>${escapeXml(encodeURI(href))}</d:href><d:propstat><d:prop>${props}</d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>`;
        const inside = [...files.entries()].filter(([name]) => name.slice(0, name.lastIndexOf('/') + 1) === path);
        const xml = [
          '<?xml version="1.0" encoding="utf-8"?><d:multistatus xmlns:d="DAV:">',
          entry(path, '<d:resourcetype><d:collection/></d:resourcetype>'),
          ...inside.map(([name, file]) =>
            entry(
              name,
              `<d:resourcetype/><d:getetag>${escapeXml(file.etag)}</d:getetag><d:getcontentlength>${Buffer.byteLength(file.text)}</d:getcontentlength><d:getlastmodified>${file.modified.toUTCString()}</d:getlastmodified>`,
            ),
          ),
          '</d:multistatus>',
        ].join('');
        return end(207, { 'Content-Type': 'application/xml; charset=utf-8' }, xml);
      }
      case 'GET':
        if (!existing) return end(404);
        return end(200, { ETag: existing.etag, 'Last-Modified': existing.modified.toUTCString() }, existing.text);
      case 'PUT': {
        // 坚果云 keeps no files at the root of its WebDAV address.
        if (flavour === 'jianguoyun' && parent === prefix) return end(403);
        if (!folders.has(parent)) return end(409);
        if (ifMatch !== undefined && ifMatch !== existing?.etag) return end(412);
        if (ifNoneMatch === '*' && existing) return end(412);
        const stored = { text: sent, etag: `"${md5(`${sent}:${randomUUID()}`)}"`, modified: new Date() };
        files.set(path, stored);
        const etag = flavour === 'seafile' ? (existing?.etag ?? stored.etag) : stored.etag;
        return end(existing ? 204 : 201, flavour === 'nextcloud' ? { 'OC-ETag': etag } : { ETag: etag });
      }
      case 'DELETE':
        if (!existing) return end(404);
        files.delete(path);
        return end(204);
      case 'MKCOL': {
        const folder = path.endsWith('/') ? path : `${path}/`;
        if (folders.has(folder)) return end(405);
        if (!folders.has(parent)) return end(409);
        folders.add(folder);
        return end(201);
      }
      default:
        return end(405);
    }
  };

  const server = createServer((request, response) => void answer(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/`;
  const key = (folder: string) => `${prefix}${folder}`;
  return {
    kind: flavour,
    url,
    base: new URL(prefix.split('/').map(encodeURIComponent).join('/'), url).href,
    dispose: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
    files: (folder) =>
      [...files.keys()]
        .filter((name) => name.startsWith(key(folder)))
        .map((name) => name.slice(key(folder).length))
        .filter((name) => !name.includes('/'))
        .sort(),
    readFile: (path) => files.get(key(path))?.text ?? '',
    writeFile: (path, text) =>
      files.set(key(path), { text, etag: `"${md5(`${text}:${randomUUID()}`)}"`, modified: new Date() }),
    block: (count, seconds, status = 503) => {
      blocked = count;
      retryAfter = seconds;
      blockedStatus = status;
    },
    requests: () => [...log],
  };
}
