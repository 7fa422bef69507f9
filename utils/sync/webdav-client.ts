import { PizhuError } from '../errors';
import { ImportFileError } from '../import/import-file-error';
import { changeKey, isStrongEtag } from './change-key';
import { basicAuthorization, digestAuthorization, parseChallenges, pickDigest, type Challenge } from './http-auth';
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
  '<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:"><d:prop><d:resourcetype/><d:getetag/><d:getcontentlength/><d:getlastmodified/></d:prop></d:propfind>';

/** A file of the listing with its change key (`change-key.ts`): null when it must be read to know. */
export interface ListedEntry extends ListedFile {
  key: string | null;
}

/** What a write may replace: nothing (a file the listing did not show), the version of that strong ETag, or whatever is there (no ETag to hold it to; the write is read back). */
export type WriteCondition = { absent: true } | { etag: string } | { unconditional: true };

/** The longest wait a server's `Retry-After` is taken at; past it, the back-off decides. */
const LONGEST_RETRY_AFTER_MS = 6 * 60 * 60_000;

/**
 * The server asks Pizhu to wait (503, 429, or 坚果云's `BlockedTemporarily` past its request
 * budget, which it has also been seen to send with 401): not a wrong password, not a broken server.
 */
export class ServerAsksToWait extends PizhuError {
  constructor(
    readonly retryAfterMs: number | null,
    detail: string,
  ) {
    super('sync-wait', detail);
  }
}

/** `Retry-After` in ms from now: seconds, or an HTTP date (read against the server's own `Date`). */
function retryAfterOf(response: Response): number | null {
  const value = response.headers.get('retry-after')?.trim();
  if (!value) return null;
  let ms: number;
  if (/^\d+$/.test(value)) ms = Number(value) * 1000;
  else {
    const at = Date.parse(value);
    const now = serverDateOf(response) ?? Date.now();
    if (!Number.isFinite(at)) return null;
    ms = at - now;
  }
  return Math.min(Math.max(ms, 0), LONGEST_RETRY_AFTER_MS);
}

/** The server's clock when it answered (`Date`), in ms, if it said. */
function serverDateOf(response: Response): number | null {
  const date = Date.parse(response.headers.get('date') ?? '');
  return Number.isFinite(date) ? date : null;
}

/**
 * The Digest challenge each server asked for, by origin and user, and how often its nonce was
 * used: kept while the background runs, so a Digest server costs its 401 once, not every sync.
 */
const DIGESTS = new Map<string, { challenge: Challenge; count: number }>();

/** A written file's ETag as the server gives it: Nextcloud and ownCloud also name it `OC-ETag`. */
const etagOf = (response: Response) => response.headers.get('etag') ?? response.headers.get('oc-etag');

/** The error a status says, in Pizhu's codes; `what` goes to the console, not the UI. */
export function statusError(status: number, what: string): PizhuError {
  const detail = `${what}: HTTP ${status}`;
  if (status === 401) return new PizhuError('sync-auth', detail);
  if (status === 403) return new PizhuError('sync-forbidden', detail);
  if (status === 404 || status === 409) return new PizhuError('sync-folder-missing', detail);
  if (status === 412) return new PizhuError('sync-busy', detail);
  if (status === 429 || status === 503) return new ServerAsksToWait(null, detail);
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
  private readonly folder: URL;
  private readonly endsAt: number;
  /** Where the server's Digest challenge is remembered (shared by this account's clients). */
  private readonly digestKey: string;

  constructor(
    private readonly account: WebdavAccount,
    private readonly fetchImpl: FetchLike,
    private readonly limits: WebdavLimits = DEFAULT_WEBDAV_LIMITS,
  ) {
    this.folder = new URL(account.folderUrl);
    this.digestKey = `${this.folder.origin} ${account.user}`;
    this.endsAt = Date.now() + limits.totalMs;
  }

  /** Basic until the server asks for Digest; then Digest on its latest nonce, counted. */
  private async authorization(method: string, url: string): Promise<string> {
    const digest = DIGESTS.get(this.digestKey);
    if (!digest) return basicAuthorization(this.account.user, this.account.password);
    digest.count += 1;
    const { pathname, search } = new URL(url);
    return digestAuthorization({
      challenge: digest.challenge,
      user: this.account.user,
      password: this.account.password,
      method,
      uri: pathname + search,
      count: digest.count,
    });
  }

  /** Takes a 401's Digest challenge, if it has one Pizhu speaks, for the request's one retry. */
  private takeChallenge(response: Response): boolean {
    if (response.status !== 401) return false;
    const challenge = pickDigest(parseChallenges(response.headers.get('www-authenticate') ?? ''));
    if (challenge) DIGESTS.set(this.digestKey, { challenge, count: 0 });
    return challenge !== null;
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
    let answered = false;
    const send = async () => {
      this.traffic.requests += 1;
      this.traffic.bytesSent += init.body?.byteLength ?? 0;
      const authorization = await this.authorization(init.method ?? 'GET', url);
      return Promise.race([
        this.fetchImpl(url, {
          ...init,
          headers: { Authorization: authorization, ...init.headers },
          credentials: 'omit',
          cache: 'no-store',
          redirect: 'error',
          signal: controller.signal,
        }),
        deadline,
      ]);
    };
    try {
      let response = await send();
      // A Digest-only server answers Basic (or an expired nonce) with its challenge: answered
      // once, on the same deadline; a second 401 is a wrong password.
      if (this.takeChallenge(response)) {
        discard(response);
        response = await send();
      }
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

  /**
   * What a failed answer says, its body peeked at (4 KiB at most) where 坚果云 explains a refusal:
   * `BlockedTemporarily` means wait, whatever the status.
   */
  private async failure(response: Response, what: string, deadline: Promise<never>): Promise<PizhuError> {
    const { status } = response;
    if (![401, 403, 429, 503].includes(status)) {
      discard(response);
      return statusError(status, what);
    }
    const body = await readLimited(response, 4096, () => new Error('not read'), deadline).catch(() => ({ text: '' }));
    if (status === 429 || status === 503 || /BlockedTemporarily/i.test(body.text))
      return new ServerAsksToWait(retryAfterOf(response), `${what}: HTTP ${status}, the server asks to wait`);
    return statusError(status, what);
  }

  /** The files in the folder with their ETags, sizes, times and change keys (one PROPFIND, depth 1). */
  async list(): Promise<ListedEntry[]> {
    const init: RequestInitOf = {
      method: 'PROPFIND',
      headers: { Depth: '1', 'Content-Type': 'application/xml; charset=utf-8' },
      body: new TextEncoder().encode(PROPFIND_BODY),
    };
    return this.exchange(this.folder.href, init, 'list', async (response, deadline) => {
      if (response.status !== 207) throw await this.failure(response, 'list', deadline);
      const { text } = await this.read(
        response,
        MULTISTATUS_LIMITS.bytes,
        deadline,
        (problem, detail) =>
          new PizhuError(problem === 'too-large' ? 'sync-too-large' : 'sync-bad-answer', `list: ${detail}`),
      );
      const serverNow = serverDateOf(response);
      return readMultistatus(text, this.folder.pathname).map((file) => ({ ...file, key: changeKey(file, serverNow) }));
    });
  }

  /**
   * A file's text, its size in bytes and its change key as this answer describes it; one too
   * large or not UTF-8 is refused with an `ImportFileError`.
   */
  async get(name: string): Promise<{ text: string; bytes: number; key: string | null }> {
    return this.exchange(this.fileUrl(name), { method: 'GET' }, `get ${name}`, async (response, deadline) => {
      if (response.status !== 200) throw await this.failure(response, `get ${name}`, deadline);
      const read = await this.read(response, this.limits.fileBytes, deadline, (problem, detail) => {
        const error = new ImportFileError(problem, '(root)', detail);
        error.fileName = name;
        return error;
      });
      const facts = { etag: etagOf(response), modified: response.headers.get('last-modified'), size: read.bytes };
      return { ...read, key: changeKey(facts, serverDateOf(response)) };
    });
  }

  /** Sends a request whose answer's body is not read (a failure's is peeked at); returns its status and ETag. */
  private async bodiless(url: string, init: RequestInitOf, what: string) {
    return this.exchange(url, init, what, async (response, deadline) => {
      if ([401, 403, 429, 503].includes(response.status)) throw await this.failure(response, what, deadline);
      const etag = etagOf(response);
      discard(response);
      return { status: response.status, ok: response.ok, etag };
    });
  }

  /**
   * Writes a file under `condition`: only if the listing did not show it (`If-None-Match: *`), or
   * only if it is still the version of a strong ETag (`If-Match`), so no write replaces a version
   * this client has not seen — where the server keeps such conditions (测试连接 finds out). A `412`
   * becomes `sync-busy`. Returns the new file's strong ETag when the answer gives one, and null
   * otherwise: never one asked for afterwards (a HEAD could describe someone else's write), nor
   * the one the write was held to (Seafile answers a PUT with the old file's ETag).
   */
  async put(name: string, text: string, condition: WriteCondition): Promise<{ etag: string | null }> {
    const headers: Record<string, string> =
      'absent' in condition ? { 'If-None-Match': '*' } : 'etag' in condition ? { 'If-Match': condition.etag } : {};
    const put = await this.bodiless(
      this.fileUrl(name),
      {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
        body: new TextEncoder().encode(text),
      },
      `put ${name}`,
    );
    if (put.status < 200 || put.status >= 300) throw statusError(put.status, `put ${name}`);
    const stale = 'etag' in condition && put.etag === condition.etag;
    return { etag: isStrongEtag(put.etag) && !stale ? put.etag : null };
  }

  /**
   * Creates the folder and every missing folder above it, below `base` (the server address the
   * user typed, which must exist): `学习小组/pizhu` with neither there makes both.
   */
  async createFolder(base: string = new URL('/', this.folder).href): Promise<void> {
    const from = new URL(base).pathname.replace(/\/*$/, '/');
    const path = this.folder.pathname;
    if (!path.startsWith(from))
      throw new PizhuError('sync-folder-missing', 'the folder is not under the server address');
    const levels = path.slice(from.length).split('/').filter(Boolean);
    for (let depth = 1; depth <= levels.length; depth++) {
      const url = new URL(from + levels.slice(0, depth).join('/') + '/', this.folder).href;
      const { status } = await this.bodiless(url, { method: 'MKCOL' }, 'create folder');
      // 405: there already (Apache, nginx, rclone); some servers say so with 301 or 409 on an existing one.
      if (status !== 201 && status !== 405 && status !== 301) throw statusError(status, 'create folder');
    }
  }

  /**
   * Whether the server keeps write conditions: a probe file is written only if absent, then
   * written again on an ETag it cannot have and on `If-None-Match: *`. A server that takes
   * either write ignores conditions (rclone, nginx's dav module do); Pizhu then relies on
   * reading its writes back. The probe is removed.
   */
  async keepsWriteConditions(name: string): Promise<boolean> {
    await this.put(name, 'Pizhu checks that it may write here; this file is removed at once.', { absent: true });
    try {
      const probes: Record<string, string>[] = [{ 'If-Match': '"pizhu-no-such-version"' }, { 'If-None-Match': '*' }];
      for (const headers of probes) {
        const { status } = await this.bodiless(
          this.fileUrl(name),
          { method: 'PUT', headers, body: new TextEncoder().encode('not kept') },
          `probe ${name}`,
        );
        if (status !== 412) return false;
      }
      return true;
    } finally {
      await this.remove(name);
    }
  }

  /** Removes a file the test of the connection wrote. */
  async remove(name: string): Promise<void> {
    const { status, ok } = await this.bodiless(this.fileUrl(name), { method: 'DELETE' }, `delete ${name}`);
    if (!ok && status !== 404) throw statusError(status, `delete ${name}`);
  }
}
