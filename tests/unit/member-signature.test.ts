// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { memberFileText, readMemberFile } from '@/utils/sync/member-file';
import {
  fingerprintOf,
  newSigningIdentity,
  openSignedFile,
  signatureHolds,
  signMemberFile,
} from '@/utils/sync/member-signature';
import { pairedIdentity, pairingAnswerCode, pairingRequestCode, PairingError } from '@/utils/sync/pairing';
import { readSecret, writeSecret } from '@/store/secret-store';
import { generateNotes } from '../../scripts/bench/generated-notes';
import { outlinedArticle } from '../support/notes-fixture';
import { testKeys } from '../support/test-seal';

const MEMBER = '0b6c1a52-8f3e-4d2a-9c41-5e7f8a9b0c1d';

/** A member's file of `articles` × 10 notes on articles of about 3,000 characters, as the group-scale bench has. */
function memberBody(articles: number) {
  const base = outlinedArticle('http://www.test.gov.cn/a/content_1.htm', '关于推进测试工作的意见');
  const extract = { ...base, text: Array.from({ length: 30 }, () => base.text).join('\n') };
  const library = generateNotes([extract], articles, 10);
  return memberFileText({
    member: { id: MEMBER, name: '小王' },
    bundle: {
      generatedAt: '',
      versions: [],
      articles: library.articles.map((article) => ({
        article,
        annotations: library.annotations
          .filter((annotation) => annotation.urlKey === article.urlKey)
          .map((annotation) => ({ ...annotation, creatorId: MEMBER })),
      })),
    },
    tombstones: [],
  });
}

describe('a member file’s signature', () => {
  it('verifies a 1,000-note member file in one signature check (time printed)', async () => {
    const body = memberBody(100);
    const writer = await testKeys(MEMBER);
    const signed = await writer.seal('小王').sign(body);
    const reader = (await testKeys(crypto.randomUUID())).seal('小李');
    const runs = 5;
    let verifyMs = 0;
    let readMs = 0;
    for (let run = 0; run < runs; run += 1) {
      const start = performance.now();
      const opened = await reader.open(MEMBER, signed);
      const verified = performance.now();
      const notes = readMemberFile(opened, MEMBER);
      readMs += performance.now() - verified;
      verifyMs += verified - start;
      expect(opened).toBe(body);
      expect(notes.annotations).toHaveLength(1_000);
    }
    console.log(
      `a member file of 1,000 notes on 100 articles, ${Math.round(signed.length / 1024)} KiB: ` +
        `opening its signature and verifying it ${(verifyMs / runs).toFixed(1)} ms, ` +
        `then reading and checking it (JSON, schema) ${(readMs / runs).toFixed(1)} ms (mean of ${runs})`,
    );
  });

  it('breaks on any change to what was signed: a byte of the body, the member, the time, the name, the key', async () => {
    const identity = await newSigningIdentity(MEMBER);
    const other = await newSigningIdentity(MEMBER);
    const body = memberBody(1);
    const { envelope } = openSignedFile(
      await signMemberFile(body, { identity, name: '小王', at: '2026-01-01T00:00:00.000Z' }),
    );
    expect(await signatureHolds(body, envelope)).toBe(true);
    const changes = {
      'one character of a note': [body.replace('"TextualBody"', '"TextualBodY"'), envelope],
      'the member': [body, { ...envelope, member: crypto.randomUUID() }],
      'the signing time': [body, { ...envelope, at: '2027-01-01T00:00:00.000Z' }],
      'the name': [body, { ...envelope, name: '小马' }],
      'the key (and primary)': [body, { ...envelope, key: other.key, primary: other.key }],
      'a key certified by nobody': [body, { ...envelope, key: other.key }],
      'a certificate where none belongs': [body, { ...envelope, cert: envelope.sig }],
    } as const;
    for (const [change, [text, changed]] of Object.entries(changes)) {
      expect(await signatureHolds(text, changed), change).toBe(false);
    }
    // A file with no signature, or a broken one, is refused before anything of it is parsed.
    expect(() => openSignedFile(body)).toThrow(expect.objectContaining({ problem: 'unsigned' }));
    expect(() => openSignedFile(`${body.slice(0, -1)},"pizhuSignature":{"v":2}}`)).toThrow(
      expect.objectContaining({ problem: 'bad-signature' }),
    );
  });

  it('shows each key as a short fingerprint: five groups of four, different for different keys', async () => {
    const [a, b] = await Promise.all([newSigningIdentity(MEMBER), newSigningIdentity(MEMBER)]);
    const [fa, fb] = await Promise.all([fingerprintOf(a.key), fingerprintOf(b.key)]);
    expect(fa).toMatch(/^[0-9A-F]{4}( [0-9A-F]{4}){4}$/);
    expect(fa).not.toBe(fb);
    expect(await fingerprintOf(a.key)).toBe(fa);
  });

  it('keeps the private key in IndexedDB as a key that can sign and cannot be exported', async () => {
    const identity = await newSigningIdentity(MEMBER);
    await writeSecret('signingIdentity', identity, 'secrets-test');
    const kept = (await readSecret<typeof identity>('signingIdentity', 'secrets-test'))!;
    expect(kept.privateKey.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('pkcs8', kept.privateKey)).rejects.toThrow();
    const body = memberBody(1);
    const { envelope } = openSignedFile(
      await signMemberFile(body, { identity: kept, name: '小王', at: '2026-01-01T00:00:00.000Z' }),
    );
    expect(await signatureHolds(body, envelope)).toBe(true);
  });

  it('pairs a second browser by two codes; only the first browser certifies, and only for the key it was shown', async () => {
    const first = await newSigningIdentity(MEMBER);
    const second = await newSigningIdentity(crypto.randomUUID());
    const third = await newSigningIdentity(crypto.randomUUID());
    const reason = (promise: Promise<unknown>) =>
      promise.then(
        () => 'paired',
        (error: unknown) => (error instanceof PairingError ? error.reason : String(error)),
      );
    expect(await reason(pairingAnswerCode(first, 'PZ1Q-abc'))).toBe('bad-code');
    expect(await reason(pairingAnswerCode(first, pairingRequestCode(first)))).toBe('own-code');
    const answer = await pairingAnswerCode(first, pairingRequestCode(second));
    // The answer names the member and certifies the second browser's key, and no other's.
    expect(await reason(pairedIdentity(third, answer))).toBe('not-for-this-browser');
    expect(await reason(pairedIdentity(second, answer.slice(0, -4)))).not.toBe('paired');
    const paired = await pairedIdentity(second, answer);
    expect(paired).toMatchObject({ member: MEMBER, key: second.key, primary: first.key });
    // A paired browser cannot pass the member on.
    expect(await reason(pairingAnswerCode(paired, pairingRequestCode(third)))).toBe('not-primary');
    // Its files verify with the member's primary key.
    const body = memberBody(1);
    const { envelope } = openSignedFile(
      await signMemberFile(body, { identity: paired, name: '小王', at: '2026-01-01T00:00:00.000Z' }),
    );
    expect(envelope.primary).toBe(first.key);
    expect(await signatureHolds(body, envelope)).toBe(true);
  });
});
