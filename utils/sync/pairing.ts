import * as v from 'valibot';
import { certifyDevice, fromBase64Url, toBase64Url, verifyDeviceCert, type SigningIdentity } from './member-signature';

/*
 * Pairing another browser of the same member, by two codes copied by hand:
 * 1. the new browser shows its request code — its own public key (PZ1Q-…);
 * 2. the member's first browser (the one holding the primary key) takes it and shows an answer
 *    code: the member id, the primary key and the primary key's certificate of the new key (PZ1A-…);
 * 3. the new browser takes the answer, checks the certificate is for its own key, and from then on
 *    writes the member's file with its own key, which every member accepts through that
 *    certificate. No private key leaves a browser, and a member id alone makes no one the member.
 */

const REQUEST = 'PZ1Q-';
const ANSWER = 'PZ1A-';

const AnswerSchema = v.strictObject({
  m: v.pipe(v.string(), v.uuid()),
  p: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{87}$/)),
  c: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{86}$/)),
});

export class PairingError extends Error {
  constructor(readonly reason: 'bad-code' | 'not-primary' | 'not-for-this-browser' | 'own-code') {
    super(reason);
    this.name = 'PairingError';
  }
}

/** The code the new browser shows: its public key. */
export const pairingRequestCode = (identity: SigningIdentity) => `${REQUEST}${identity.key}`;

/** What the first browser shows back for a request code: the certificate of the new browser's key. */
export async function pairingAnswerCode(identity: SigningIdentity, request: string): Promise<string> {
  const code = request.replace(/\s+/g, '');
  const deviceKey = code.slice(REQUEST.length);
  if (!code.startsWith(REQUEST) || !/^[A-Za-z0-9_-]{87}$/.test(deviceKey)) throw new PairingError('bad-code');
  if (deviceKey === identity.key) throw new PairingError('own-code');
  // Only the primary key certifies: a paired browser cannot pass the member on.
  if (identity.key !== identity.primary) throw new PairingError('not-primary');
  const answer = { m: identity.member, p: identity.primary, c: await certifyDevice(identity, deviceKey) };
  return `${ANSWER}${toBase64Url(new TextEncoder().encode(JSON.stringify(answer)))}`;
}

/** The new browser's identity once it takes the answer code: same key, now writing for the member. */
export async function pairedIdentity(identity: SigningIdentity, answer: string): Promise<SigningIdentity> {
  const code = answer.replace(/\s+/g, '');
  if (!code.startsWith(ANSWER)) throw new PairingError('bad-code');
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(fromBase64Url(code.slice(ANSWER.length))));
  } catch {
    throw new PairingError('bad-code');
  }
  const result = v.safeParse(AnswerSchema, parsed);
  if (!result.success) throw new PairingError('bad-code');
  const { m, p, c } = result.output;
  if (!(await verifyDeviceCert(m, p, identity.key, c))) throw new PairingError('not-for-this-browser');
  return { ...identity, member: m, primary: p, cert: c };
}
