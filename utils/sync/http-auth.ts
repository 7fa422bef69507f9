import { sha256Hex } from './content-hash';
import { md5Hex } from './md5';

/**
 * HTTP authentication as WebDAV servers ask for it: Basic (sent first, as most servers and
 * 坚果云 take it), and Digest (RFC 7616: MD5 or SHA-256, with or without `-sess`, qop=auth) for
 * the servers that accept nothing else — some NAS boxes, lighttpd or chezdav set up so.
 */

export function basicAuthorization(user: string, password: string): string {
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}

export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

const TOKEN = /[!#$%&'*+\-.^_`|~0-9A-Za-z]+/y;
const QUOTED = /"((?:[^"\\]|\\.)*)"/y;

/**
 * The challenges of a `WWW-Authenticate` value (several headers arrive joined by commas):
 * `Digest realm="a", nonce="b", Basic realm="c"` → two challenges. Anything not understood ends
 * the reading; the header comes from the server and is only ever matched, never evaluated.
 */
export function parseChallenges(header: string): Challenge[] {
  const challenges: Challenge[] = [];
  let at = 0;
  const skip = () => {
    while (at < header.length && /[\s,]/.test(header[at]!)) at += 1;
  };
  const token = () => {
    TOKEN.lastIndex = at;
    const match = TOKEN.exec(header);
    if (!match) return null;
    at = TOKEN.lastIndex;
    return match[0];
  };
  for (skip(); at < header.length; skip()) {
    const word = token();
    if (word === null) break;
    let after = at;
    while (header[after] === ' ') after += 1;
    if (header[after] === '=' && challenges.length > 0) {
      at = after + 1;
      while (header[at] === ' ') at += 1;
      QUOTED.lastIndex = at;
      const quoted = QUOTED.exec(header);
      let value: string | null;
      if (quoted) {
        at = QUOTED.lastIndex;
        value = quoted[1]!.replace(/\\(.)/g, '$1');
      } else value = token() ?? '';
      challenges[challenges.length - 1]!.params[word.toLowerCase()] = value;
    } else challenges.push({ scheme: word.toLowerCase(), params: {} });
  }
  return challenges;
}

type Hash = (text: string) => Promise<string>;

const HASHES: Record<string, Hash> = {
  md5: async (text) => md5Hex(text),
  'sha-256': sha256Hex,
};

/** The Digest challenge to answer, SHA-256 before MD5; null when the server offers none Pizhu speaks. */
export function pickDigest(challenges: readonly Challenge[]): Challenge | null {
  const usable = challenges.filter((challenge) => {
    if (challenge.scheme !== 'digest' || !challenge.params.nonce) return false;
    const algorithm = (challenge.params.algorithm ?? 'MD5').toLowerCase().replace(/-sess$/, '');
    const qop = challenge.params.qop;
    return algorithm in HASHES && (qop === undefined || qop.split(',').some((item) => item.trim() === 'auth'));
  });
  const strength = (challenge: Challenge) =>
    (challenge.params.algorithm ?? '').toLowerCase().startsWith('sha-256') ? 0 : 1;
  return usable.sort((a, b) => strength(a) - strength(b))[0] ?? null;
}

const quote = (value: string) => `"${value.replace(/["\\]/g, '\\$&')}"`;

/** The `Authorization` value answering `challenge` for one request; `count` is this nonce's use (nc). */
export async function digestAuthorization(options: {
  challenge: Challenge;
  user: string;
  password: string;
  method: string;
  uri: string;
  count: number;
  cnonce?: string;
}): Promise<string> {
  const { challenge, user, password, method, uri, count } = options;
  const { realm = '', nonce = '', opaque, qop } = challenge.params;
  const algorithm = challenge.params.algorithm ?? 'MD5';
  const hash = HASHES[algorithm.toLowerCase().replace(/-sess$/, '')]!;
  const cnonce = options.cnonce ?? crypto.randomUUID().replaceAll('-', '');
  const nc = count.toString(16).padStart(8, '0');
  let ha1 = await hash(`${user}:${realm}:${password}`);
  if (/-sess$/i.test(algorithm)) ha1 = await hash(`${ha1}:${nonce}:${cnonce}`);
  const ha2 = await hash(`${method}:${uri}`);
  const withQop = qop !== undefined;
  const response = await hash(withQop ? `${ha1}:${nonce}:${nc}:${cnonce}:auth:${ha2}` : `${ha1}:${nonce}:${ha2}`);
  const parts = [
    `username=${quote(user)}`,
    `realm=${quote(realm)}`,
    `nonce=${quote(nonce)}`,
    `uri=${quote(uri)}`,
    `algorithm=${algorithm}`,
    `response=${quote(response)}`,
    ...(opaque !== undefined ? [`opaque=${quote(opaque)}`] : []),
    ...(withQop ? ['qop=auth', `nc=${nc}`, `cnonce=${quote(cnonce)}`] : []),
  ];
  return `Digest ${parts.join(', ')}`;
}
