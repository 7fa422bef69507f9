import { PizhuError } from '../errors';
import { ImportFileError } from '../import/import-file-error';
import { MULTISTATUS_LIMITS, readMultistatus, type ListedFile } from './multistatus';

/** What a request may cost before it is given up: a server that hangs must not hold a sync forever. */
export interface WebdavLimits {
  timeoutMs: number;
  /** The largest file read (a member's notes file). */
  fileBytes: number;
}

export const DEFAULT_WEBDAV_LIMITS: WebdavLimits = { timeoutMs: 30_000, fileBytes: 50 * 1024 * 1024 };

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

/**
 * Reads a body up to `limit` bytes, refusing more: the server is not trusted with our memory. A
 * member's file that is too large or not text is refused like a bad import file; a listing, as a
 * bad answer.
 */
async function readLimited(
  response: Response,
  limit: number,
  refuse: (problem: 'too-large' | 'not-json', detail: string) => Error,
): Promise<{ text: string; bytes: number }> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) {
    await response.body?.cancel();
    throw refuse('too-large', `${declared} bytes, more than ${limit}`);
  }
  if (!response.body) return { text: '', bytes: 0 };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      throw refuse('too-large', `more than ${limit} bytes`);
    }
    chunks.push(value);
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

/**
 * A client for one WebDAV folder: list it, read a file, write a file only if it is still the
 * version last seen (`If-Match`), create the folder. Credentials go only to the folder's origin,
 * never with cookies, and every failure becomes a worded `PizhuError` (`sync-*`).
 */
export class WebdavClient {
  readonly traffic: WebdavTraffic = { requests: 0, bytesSent: 0, bytesReceived: 0 };
  private readonly authorization: string;
  private readonly folder: URL;

  constructor(
    account: WebdavAccount,
    private readonly fetchImpl: FetchLike,
    private readonly limits: WebdavLimits = DEFAULT_WEBDAV_LIMITS,
  ) {
    this.folder = new URL(account.folderUrl);
    this.authorization = basicAuth(account.user, account.password);
  }

  private fileUrl(name: string): string {
    return new URL(encodeURIComponent(name), this.folder).href;
  }

  private async request(
    url: string,
    init: Omit<RequestInit, 'body'> & { headers?: Record<string, string>; body?: Uint8Array<ArrayBuffer> },
    what: string,
  ) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.limits.timeoutMs);
    this.traffic.requests += 1;
    this.traffic.bytesSent += init.body?.byteLength ?? 0;
    try {
      return await this.fetchImpl(url, {
        ...init,
        headers: { Authorization: this.authorization, ...init.headers },
        credentials: 'omit',
        cache: 'no-store',
        redirect: 'error',
        signal: controller.signal,
      });
    } catch (error) {
      throw new PizhuError('sync-unreachable', `${what}: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      clearTimeout(timer);
    }
  }

  private async text(
    response: Response,
    limit: number,
    what: string,
    refuse: (problem: 'too-large' | 'not-json', detail: string) => Error,
  ): Promise<{ text: string; bytes: number }> {
    const read = await readLimited(response, limit, refuse).catch((error: unknown) => {
      if (error instanceof PizhuError || error instanceof ImportFileError) throw error;
      throw new PizhuError('sync-unreachable', `${what}: ${error instanceof Error ? error.message : String(error)}`);
    });
    this.traffic.bytesReceived += read.bytes;
    return read;
  }

  /** The files in the folder with their ETags (one PROPFIND, depth 1). */
  async list(): Promise<ListedFile[]> {
    const response = await this.request(
      this.folder.href,
      {
        method: 'PROPFIND',
        headers: { Depth: '1', 'Content-Type': 'application/xml; charset=utf-8' },
        body: new TextEncoder().encode(PROPFIND_BODY),
      },
      'list',
    );
    if (response.status !== 207) {
      await response.body?.cancel();
      throw statusError(response.status, 'list');
    }
    const { text } = await this.text(
      response,
      MULTISTATUS_LIMITS.bytes,
      'list',
      (_problem, detail) => new PizhuError('sync-bad-answer', `list: ${detail}`),
    );
    return readMultistatus(text, this.folder.pathname);
  }

  /** A file's text and its size in bytes; one too large or not UTF-8 is refused with an `ImportFileError`. */
  async get(name: string): Promise<{ text: string; bytes: number }> {
    const response = await this.request(this.fileUrl(name), { method: 'GET' }, `get ${name}`);
    if (response.status !== 200) {
      await response.body?.cancel();
      throw statusError(response.status, `get ${name}`);
    }
    return this.text(response, this.limits.fileBytes, `get ${name}`, (problem, detail) => {
      const error = new ImportFileError(problem, '(root)', detail);
      error.fileName = name;
      return error;
    });
  }

  /**
   * Writes a file only if it is still at `expected` (its ETag), or, with `expected` null, only if
   * it does not exist yet: a write never replaces a version this client has not seen. A `412`
   * becomes `sync-busy`. Returns the new ETag (asked for when the answer does not carry it).
   */
  async put(name: string, text: string, expected: string | null): Promise<string | null> {
    const condition: Record<string, string> = expected === null ? { 'If-None-Match': '*' } : { 'If-Match': expected };
    const response = await this.request(
      this.fileUrl(name),
      {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json; charset=utf-8', ...condition },
        body: new TextEncoder().encode(text),
      },
      `put ${name}`,
    );
    await response.body?.cancel();
    if (response.status < 200 || response.status >= 300) throw statusError(response.status, `put ${name}`);
    const etag = response.headers.get('etag');
    if (etag && !etag.startsWith('W/')) return etag;
    const head = await this.request(this.fileUrl(name), { method: 'HEAD' }, `head ${name}`);
    await head.body?.cancel();
    return head.ok ? head.headers.get('etag') : null;
  }

  /** Creates the folder (its parent must exist). */
  async createFolder(): Promise<void> {
    const response = await this.request(this.folder.href, { method: 'MKCOL' }, 'create folder');
    await response.body?.cancel();
    if (response.status !== 201 && response.status !== 405) throw statusError(response.status, 'create folder');
  }

  /** Removes a file the test of the connection wrote. */
  async remove(name: string): Promise<void> {
    const response = await this.request(this.fileUrl(name), { method: 'DELETE' }, `delete ${name}`);
    await response.body?.cancel();
    if (!response.ok && response.status !== 404) throw statusError(response.status, `delete ${name}`);
  }
}
