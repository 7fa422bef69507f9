import { PizhuError } from '../errors';
import { ImportFileError } from '../import/import-file-error';
import { MULTISTATUS_LIMITS, readMultistatus, type ListedFile } from './multistatus';

/**
 * What talking to the server may cost before it is given up: a server that withholds, trickles or
 * floods must not hold a sync (or the background's memory) however long it tries.
 */
export interface WebdavLimits {
  /** One request, from sending it to the last byte of its answer (headers and body together). */
  requestMs: number;
  /** Everything one client does (a whole sync, or 测试连接): past it, no request is sent and the one under way is cut. */
  totalMs: number;
  /** The largest file read (a member's notes file). */
  fileBytes: number;
}

export const DEFAULT_WEBDAV_LIMITS: WebdavLimits = {
  requestMs: 60_000,
  totalMs: 10 * 60_000,
  fileBytes: 50 * 1024 * 1024,
};

export interface WebdavAccount {
  /** The group's folder, as an absolute http(s) address ending in `/`. */
  folderUrl: string;
  user: string;
  password: string;
}

/** Counts what a client sent and received, for the status line and the benchmark. */
export interface WebdavTraffic {
  requests: number;
  bytesSent: number;
  bytesReceived: number;
}

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

const PROPFIND_BODY =
  '<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:"><d:prop><d:resourcetype/><d:getetag/><d:getcontentlength/></d:prop></d:propfind>';

function basicAuth(user: string, password: string): string {
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}

/** The error a status says, in Pizhu's codes; `what` goes to the console, not the UI. */
export function statusError(status: number, what: string): PizhuError {
  const detail = `${what}: HTTP ${status}`;
  if (status === 401) return new PizhuError('sync-auth', detail);
  if (status === 403) return new PizhuError('sync-forbidden', detail);
  if (status === 404 || status === 409) return new PizhuError('sync-folder-missing', detail);
  if (status === 412) return new PizhuError('sync-busy', detail);
  if (status === 507 || status === 413) return new PizhuError('sync-quota', detail);
  return new PizhuError('sync-server', detail);
}

type Refuse = (problem: 'too-large' | 'not-json', detail: string) => Error;

/** Lets go of an answer's body without waiting on it: a server that stalls must not hold us. */
const discard = (response: Response) => void response.body?.cancel().catch(() => undefined);

/**
 * Reads a body up to `limit` bytes, refusing more: the server is not trusted with our memory. A
 * member's file that is too large or not text is refused like a bad import file; a listing, as a
 * bad answer. Each read races `deadline`, so a body that stalls or trickles is cut when it passes.
 */
async function readLimited(
  response: Response,
  limit: number,
  refuse: Refuse,
  deadline: Promise<never>,
): Promise<{ text: string; bytes: number }> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) {
    discard(response);
    throw refuse('too-large', `${declared} bytes, more than ${limit}`);
  }
  if (!response.body) return { text: '', bytes: 0 };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), deadline]);
      if (done) break;
      total += value.byteLength;
      if (total > limit) throw refuse('too-large', `more than ${limit} bytes`);
      chunks.push(value);
    }
  } catch (error) {
    void reader.cancel().catch(() => undefined);
    throw error;
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), bytes: total };
  } catch {
    throw refuse('not-json', 'not UTF-8 text');
  }
}

type RequestInitOf = Omit<RequestInit, 'body'> & { headers?: Record<string, string>; body?: Uint8Array<ArrayBuffer> };

/**
 * A client for one WebDAV folder: list it, read a file, write a file only if it is still the
 * version last seen (`If-Match`), create the folder. Credentials go only to the folder's origin,
 * never with cookies, and every failure becomes a worded `PizhuError` (`sync-*`). Every request
 * ends within `requestMs`, answer included, and all of them within `totalMs` of the client's
 * making: whatever a server sends or withholds, the work using this client ends.
 */
export class WebdavClient {
  readonly traffic: WebdavTraffic = { requests: 0, bytesSent: 0, bytesReceived: 0 };
  private readonly authorization: string;
  private readonly folder: URL;
  private readonly endsAt: number;

  constructor(
    account: WebdavAccount,
    private readonly fetchImpl: FetchLike,
    private readonly limits: WebdavLimits = DEFAULT_WEBDAV_LIMITS,
  ) {
    this.folder = new URL(account.folderUrl);
    this.authorization = basicAuth(account.user, account.password);
    this.endsAt = Date.now() + limits.totalMs;
  }

  private fileUrl(name: string): string {
    return new URL(encodeURIComponent(name), this.folder).href;
  }

  /**
   * Sends one request and hands its answer to `use` under the request's deadline: headers and
   * body alike are cut when it passes (`sync-timeout`), a connection that breaks after the
   * headers is `sync-cut-off`, one that never answers `sync-unreachable`.
   */
  private async exchange<T>(
    url: string,
    init: RequestInitOf,
    what: string,
    use: (response: Response, deadline: Promise<never>) => Promise<T>,
  ): Promise<T> {
    const remaining = this.endsAt - Date.now();
    if (remaining <= 0)
      throw new PizhuError('sync-timeout', `${what}: past the ${this.limits.totalMs} ms a sync may take`);
    const detail =
      this.limits.requestMs <= remaining
        ? `${what}: no whole answer within ${this.limits.requestMs} ms`
        : `${what}: past the ${this.limits.totalMs} ms a sync may take`;
    const controller = new AbortController();
    let expired: PizhuError | null = null;
    let expire: (error: Error) => void = () => undefined;
    const deadline = new Promise<never>((_resolve, reject) => (expire = reject));
    deadline.catch(() => undefined);
    const timer = setTimeout(
      () => {
        expired = new PizhuError('sync-timeout', detail);
        expire(expired);
        controller.abort(expired);
      },
      Math.min(this.limits.requestMs, remaining),
    );
    this.traffic.requests += 1;
    this.traffic.bytesSent += init.body?.byteLength ?? 0;
    let answered = false;
    try {
      const response = await Promise.race([
        this.fetchImpl(url, {
          ...init,
          headers: { Authorization: this.authorization, ...init.headers },
          credentials: 'omit',
          cache: 'no-store',
          redirect: 'error',
          signal: controller.signal,
        }),
        deadline,
      ]);
      answered = true;
      return await use(response, deadline);
    } catch (error) {
      if (expired) throw expired;
      if (error instanceof PizhuError || error instanceof ImportFileError) throw error;
      const reason = `${what}: ${error instanceof Error ? error.message : String(error)}`;
      throw new PizhuError(answered ? 'sync-cut-off' : 'sync-unreachable', reason);
    } finally {
      clearTimeout(timer);
    }
  }

  private async read(
    response: Response,
    limit: number,
    deadline: Promise<never>,
    refuse: Refuse,
  ): Promise<{ text: string; bytes: number }> {
    const read = await readLimited(response, limit, refuse, deadline);
    this.traffic.bytesReceived += read.bytes;
    return read;
  }

  /** The files in the folder with their ETags (one PROPFIND, depth 1). */
  async list(): Promise<ListedFile[]> {
    const init: RequestInitOf = {
      method: 'PROPFIND',
      headers: { Depth: '1', 'Content-Type': 'application/xml; charset=utf-8' },
      body: new TextEncoder().encode(PROPFIND_BODY),
    };
    return this.exchange(this.folder.href, init, 'list', async (response, deadline) => {
      if (response.status !== 207) {
        discard(response);
        throw statusError(response.status, 'list');
      }
      const { text } = await this.read(
        response,
        MULTISTATUS_LIMITS.bytes,
        deadline,
        (problem, detail) =>
          new PizhuError(problem === 'too-large' ? 'sync-too-large' : 'sync-bad-answer', `list: ${detail}`),
      );
      return readMultistatus(text, this.folder.pathname);
    });
  }

  /** A file's text and its size in bytes; one too large or not UTF-8 is refused with an `ImportFileError`. */
  async get(name: string): Promise<{ text: string; bytes: number }> {
    return this.exchange(this.fileUrl(name), { method: 'GET' }, `get ${name}`, async (response, deadline) => {
      if (response.status !== 200) {
        discard(response);
        throw statusError(response.status, `get ${name}`);
      }
      return this.read(response, this.limits.fileBytes, deadline, (problem, detail) => {
        const error = new ImportFileError(problem, '(root)', detail);
        error.fileName = name;
        return error;
      });
    });
  }

  /** Sends a request whose answer's body is not read; returns its status and ETag. */
  private async bodiless(url: string, init: RequestInitOf, what: string) {
    return this.exchange(url, init, what, async (response) => {
      discard(response);
      return { status: response.status, ok: response.ok, etag: response.headers.get('etag') };
    });
  }

  /**
   * Writes a file only if it is still at `expected` (its ETag), or, with `expected` null, only if
   * it does not exist yet: a write never replaces a version this client has not seen. A `412`
   * becomes `sync-busy`. Returns the new ETag (asked for when the answer does not carry it).
   */
  async put(name: string, text: string, expected: string | null): Promise<string | null> {
    const condition: Record<string, string> = expected === null ? { 'If-None-Match': '*' } : { 'If-Match': expected };
    const put = await this.bodiless(
      this.fileUrl(name),
      {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json; charset=utf-8', ...condition },
        body: new TextEncoder().encode(text),
      },
      `put ${name}`,
    );
    if (put.status < 200 || put.status >= 300) throw statusError(put.status, `put ${name}`);
    if (put.etag && !put.etag.startsWith('W/')) return put.etag;
    const head = await this.bodiless(this.fileUrl(name), { method: 'HEAD' }, `head ${name}`);
    return head.ok ? head.etag : null;
  }

  /** Creates the folder (its parent must exist). */
  async createFolder(): Promise<void> {
    const { status } = await this.bodiless(this.folder.href, { method: 'MKCOL' }, 'create folder');
    if (status !== 201 && status !== 405) throw statusError(status, 'create folder');
  }

  /** Removes a file the test of the connection wrote. */
  async remove(name: string): Promise<void> {
    const { status, ok } = await this.bodiless(this.fileUrl(name), { method: 'DELETE' }, `delete ${name}`);
    if (!ok && status !== 404) throw statusError(status, `delete ${name}`);
  }
}
