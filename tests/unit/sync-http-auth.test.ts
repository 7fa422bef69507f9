import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { changeKey } from '@/utils/sync/change-key';
import { digestAuthorization, parseChallenges, pickDigest } from '@/utils/sync/http-auth';
import { md5Hex } from '@/utils/sync/md5';

describe('Digest authentication (RFC 7616)', () => {
  it('computes MD5 as RFC 1321 and Node do, across block edges and in Chinese', () => {
    expect(md5Hex('')).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(md5Hex('message digest')).toBe('f96b697d7cb7938d525a2f31aaf161d0');
    for (const text of ['x'.repeat(55), 'x'.repeat(56), 'x'.repeat(64), '学习小组的应用密码', 'y'.repeat(100_001)])
      expect(md5Hex(text)).toBe(createHash('md5').update(text).digest('hex'));
  });

  it('answers the RFC’s own example with SHA-256 and with MD5, preferring SHA-256 when both are offered', async () => {
    const header =
      'Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS", ' +
      'Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=MD5, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS", Basic realm="x"';
    const challenges = parseChallenges(header);
    expect(challenges.map((challenge) => challenge.scheme)).toEqual(['digest', 'digest', 'basic']);
    const answer = (challenge: (typeof challenges)[number]) =>
      digestAuthorization({
        challenge,
        user: 'Mufasa',
        password: 'Circle of Life',
        method: 'GET',
        uri: '/dir/index.html',
        count: 1,
        cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
      });
    expect(pickDigest(challenges)).toBe(challenges[0]);
    expect(await answer(challenges[0]!)).toContain(
      'response="753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"',
    );
    expect(await answer(challenges[1]!)).toContain('response="8ca523f5e9506fed4657c9700eebdbec"');
    expect(await answer(challenges[1]!)).toContain('qop=auth, nc=00000001');
    // Nothing Pizhu speaks: no Digest, or only auth-int, or an unknown algorithm.
    expect(pickDigest(parseChallenges('Basic realm="a"'))).toBeNull();
    expect(pickDigest(parseChallenges('Digest realm="a", nonce="n", qop="auth-int"'))).toBeNull();
    expect(pickDigest(parseChallenges('Digest realm="a", nonce="n", algorithm=SHA-512-256'))).toBeNull();
  });
});

describe('the change key of a listed file', () => {
  const at = Date.parse('Mon, 07 Dec 2026 13:18:10 GMT');
  const file = { etag: null, modified: 'Mon, 07 Dec 2026 13:18:10 GMT', size: 7 };
  it('is a strong ETag where there is one, else a settled time and size, else none', () => {
    expect(changeKey({ ...file, etag: '"abc"' }, null)).toBe('"abc"');
    expect(changeKey(file, at + 1_000)).toBe('2026-12-07T13:18:10.000Z|7');
    expect(changeKey({ ...file, etag: 'W/"w"' }, at + 1_000)).toBe('2026-12-07T13:18:10.000Z|7|W/"w"');
    // Within the second of the write another write of the same size would keep the key: none yet.
    expect(changeKey(file, at + 999)).toBeNull();
    expect(changeKey(file, null)).toBeNull();
    expect(changeKey({ ...file, size: null }, at + 5_000)).toBeNull();
    expect(changeKey({ ...file, modified: 'yesterday' }, at + 5_000)).toBeNull();
  });
});
