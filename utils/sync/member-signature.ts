import * as v from 'valibot';
import { ImportFileError } from '../import/import-file-error';
import { DISPLAY_NAME_MAX_LENGTH } from '../model/annotation';

/*
 * A member's file is signed: one ECDSA P-256 / SHA-256 signature (WebCrypto, in Chromium and in
 * Firefox alike) over the file's deterministic text, carried as the last key of the JSON object,
 * `"pizhuSignature"`. The signature covers the member id, the time of signing — never earlier than
 * that of the file it replaces, so an older file of the member written back is told apart — and
 * the signing key, which
 * is the member's primary key or a key of another of their browsers that the primary key
 * certified when the two were paired.
 */

export const SIGNATURE_KEY = 'pizhuSignature';
const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGNING = { name: 'ECDSA', hash: 'SHA-256' } as const;

/** This browser's signing identity; the private key cannot be exported, not even by Pizhu. */
export interface SigningIdentity {
  /** The member this browser writes for. */
  member: string;
  privateKey: CryptoKey;
  /** This browser's public key, raw P-256 point in base64url. */
  key: string;
  /** The member's primary key: this browser's own, or the one of the browser it was paired with. */
  primary: string;
  /** The primary key's signature of this browser's key, when the two differ. */
  cert: string | null;
}

const KEY_TEXT = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{87}$/));
const SIGNATURE_TEXT = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{86}$/));

const EnvelopeSchema = v.strictObject({
  v: v.literal(1),
  member: v.pipe(v.string(), v.uuid()),
  /** The member's display name, as they signed it. */
  name: v.pipe(v.string(), v.maxLength(DISPLAY_NAME_MAX_LENGTH)),
  at: v.pipe(v.string(), v.isoTimestamp()),
  key: KEY_TEXT,
  primary: KEY_TEXT,
  cert: v.nullable(SIGNATURE_TEXT),
  sig: SIGNATURE_TEXT,
});

export type SignatureEnvelope = v.InferOutput<typeof EnvelopeSchema>;

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/** A new key pair for this browser: the private half non-extractable, to be kept in IndexedDB. */
export async function newSigningIdentity(member: string): Promise<SigningIdentity> {
  const pair = await crypto.subtle.generateKey(ALGORITHM, false, ['sign', 'verify']);
  const key = toBase64Url(new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey)));
  return { member, privateKey: pair.privateKey, key, primary: key, cert: null };
}

const importPublicKey = (key: string) =>
  crypto.subtle.importKey('raw', fromBase64Url(key), ALGORITHM, false, ['verify']);

async function sign(privateKey: CryptoKey, message: string): Promise<string> {
  return toBase64Url(new Uint8Array(await crypto.subtle.sign(SIGNING, privateKey, new TextEncoder().encode(message))));
}

async function verify(key: string, signature: string, message: string): Promise<boolean> {
  try {
    return await crypto.subtle.verify(
      SIGNING,
      await importPublicKey(key),
      fromBase64Url(signature),
      new TextEncoder().encode(message),
    );
  } catch {
    // Not a point on the curve, or not a signature at all: it does not verify.
    return false;
  }
}

/** What a primary key signs to let another browser's key write for the member. */
const certMessage = (member: string, deviceKey: string) => `pizhu-device-v1\n${member}\n${deviceKey}`;

const fileMessage = (envelope: Omit<SignatureEnvelope, 'sig'>, body: string) =>
  `pizhu-member-file-v1\n${JSON.stringify([envelope.member, envelope.name, envelope.at, envelope.key, envelope.primary, envelope.cert])}\n${body}`;

/** The primary key's certificate that `deviceKey` writes for the member too (pairing). */
export const certifyDevice = (identity: SigningIdentity, deviceKey: string) =>
  sign(identity.privateKey, certMessage(identity.member, deviceKey));

/** Whether `cert` is the primary key's certificate of `deviceKey` for the member. */
export const verifyDeviceCert = (member: string, primary: string, deviceKey: string, cert: string) =>
  verify(primary, cert, certMessage(member, deviceKey));

/** The file as written to the folder: the member file's text with its signature as the last key. */
export async function signMemberFile(
  body: string,
  signer: { identity: SigningIdentity; name: string; at: string },
): Promise<string> {
  const { identity, name, at } = signer;
  if (!body.endsWith('}')) throw new Error('a member file is a JSON object');
  const unsigned = {
    v: 1 as const,
    member: identity.member,
    name,
    at,
    key: identity.key,
    primary: identity.primary,
    cert: identity.cert,
  };
  const envelope: SignatureEnvelope = {
    ...unsigned,
    sig: await sign(identity.privateKey, fileMessage(unsigned, body)),
  };
  return `${body.slice(0, -1)},${JSON.stringify(SIGNATURE_KEY)}:${JSON.stringify(envelope)}}`;
}

/**
 * Splits a file from the folder into the text that was signed and its signature, without parsing
 * the whole file (the signature is the last key, of a bounded size). A file with none — one an
 * older Pizhu wrote, or anyone's by hand — is refused as unsigned.
 */
export function openSignedFile(text: string): { body: string; envelope: SignatureEnvelope } {
  const marker = `,${JSON.stringify(SIGNATURE_KEY)}:`;
  const at = text.lastIndexOf(marker);
  if (at < 0 || text.length - at > 2_000 || !text.endsWith('}'))
    throw new ImportFileError('unsigned', SIGNATURE_KEY, 'the file carries no signature');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.slice(at + marker.length, -1));
  } catch {
    throw new ImportFileError('bad-signature', SIGNATURE_KEY, 'the signature is not JSON');
  }
  const envelope = v.safeParse(EnvelopeSchema, parsed);
  if (!envelope.success) throw new ImportFileError('bad-signature', SIGNATURE_KEY, envelope.issues[0].message);
  return { body: `${text.slice(0, at)}}`, envelope: envelope.output };
}

/**
 * Whether the envelope's signature holds over the body, and its key may write for the member:
 * the primary key itself, or a key the primary key certified. Which primary key is the member's
 * is for the caller to decide (pinned on first sight).
 */
export async function signatureHolds(body: string, envelope: SignatureEnvelope): Promise<boolean> {
  const { sig, ...signed } = envelope;
  if (envelope.key !== envelope.primary) {
    if (!envelope.cert) return false;
    if (!(await verifyDeviceCert(envelope.member, envelope.primary, envelope.key, envelope.cert))) return false;
  } else if (envelope.cert !== null) {
    return false;
  }
  return verify(envelope.key, sig, fileMessage(signed, body));
}

/** A key's short fingerprint (成员指纹), to compare aloud or side by side: 80 bits of its SHA-256. */
export async function fingerprintOf(key: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', fromBase64Url(key)));
  const hex = [...digest.slice(0, 10)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return hex.match(/.{4}/g)!.join(' ').toUpperCase();
}
