import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { SECRET_DATABASE_NAME } from '@/store/secret-store';
import { memberIdSetting } from '@/runtime/member-id';
import { saveSyncState } from '@/runtime/group-sync-settings';
import {
  acceptMemberKey,
  adoptPairedIdentity,
  readMemberPins,
  readSigningIdentity,
  syncSeal,
} from '@/runtime/member-keys';
import { openDatabase } from '@/store/database';
import { moveOwnRecords } from '@/store/group-sync-store';
import { pairedIdentity, pairingAnswerCode, pairingRequestCode } from '@/utils/sync/pairing';
import { highlight, outlinedArticle } from '../support/notes-fixture';
import { freshSyncState } from '@/utils/sync/run-sync';
import { memberFileName } from '@/utils/sync/sync-account';
import { newSigningIdentity, signMemberFile } from '@/utils/sync/member-signature';

/** This browser's key and the members' pinned keys, as the background and the options page keep them. */

beforeEach(async () => {
  fakeBrowser.reset();
  await new Promise((done) => {
    const request = indexedDB.deleteDatabase(SECRET_DATABASE_NAME);
    request.onsuccess = request.onerror = done;
  });
});

const problemOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'opened',
    (error: { problem?: string }) => error.problem,
  );

describe('this browser’s signing key and the members’ pinned keys', () => {
  it('makes one key for the member id this install had, kept where no content script reads, never exportable', async () => {
    const memberId = await memberIdSetting.getValue();
    // The background and the options page may ask at the same moment: both get the same key.
    const [first, second] = await Promise.all([readSigningIdentity(), readSigningIdentity()]);
    expect(second.key).toBe(first.key);
    expect((await readSigningIdentity()).key).toBe(first.key);
    expect(first).toMatchObject({ member: memberId, primary: first.key, cert: null });
    expect(first.privateKey.extractable).toBe(false);
    // storage.local, which content scripts read, holds no key of it.
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain(first.key);
  });

  it('pins a member’s key on first sight, names a changed one, and counts it once the user accepts it', async () => {
    const other = crypto.randomUUID();
    const seal = await syncSeal('小李');
    const [key1, key2] = await Promise.all([newSigningIdentity(other), newSigningIdentity(other)]);
    const file = (identity: typeof key1, at: string) => signMemberFile('{"a":1}', { identity, name: '小王', at });
    expect(await seal.open(other, await file(key1, '2026-01-01T00:00:00.000Z'))).toBe('{"a":1}');
    expect(await problemOf(seal.open(other, await file(key2, '2026-01-02T00:00:00.000Z')))).toBe('key-changed');
    expect((await readMemberPins())[other]).toMatchObject({ key: key1.key, pending: key2.key, name: '小王' });
    // The refused file was remembered as seen; once the key is accepted the next sync reads it again.
    await acceptMemberKey(other);
    expect((await readMemberPins())[other]).toEqual({ key: key2.key, name: '小王', at: '', reread: true });
    expect(await seal.rereads()).toEqual(new Set([other]));
    expect(await problemOf(seal.open(other, await file(key2, '2026-01-02T00:00:00.000Z')))).toBe('opened');
    expect(await seal.rereads()).toEqual(new Set());
    expect(await problemOf(seal.open(other, await file(key1, '2026-01-03T00:00:00.000Z')))).toBe('key-changed');
  });

  it('loses no pin to a sync that reads many files at once or saves its state after the user accepted a key', async () => {
    const seal = await syncSeal('小李');
    const members = Array.from({ length: 8 }, () => crypto.randomUUID());
    const identities = await Promise.all(members.map((member) => newSigningIdentity(member)));
    const signed = (identity: (typeof identities)[number], at: string) =>
      signMemberFile('{"a":1}', { identity, name: '小王', at });
    await Promise.all(
      identities.map(async (identity) =>
        seal.open(identity.member, await signed(identity, '2026-01-01T00:00:00.000Z')),
      ),
    );
    expect(Object.keys(await readMemberPins()).sort()).toEqual([...members].sort());
    // The first member's key changes; the user accepts it while the sync that refused the file is still running.
    const renewed = await newSigningIdentity(members[0]!);
    const stale = { ...freshSyncState('https://dav.example/pizhu/'), seen: { [memberFileName(members[0]!)]: '"e1"' } };
    expect(await problemOf(seal.open(members[0]!, await signed(renewed, '2026-01-02T00:00:00.000Z')))).toBe(
      'key-changed',
    );
    await Promise.all([
      acceptMemberKey(members[0]!),
      ...identities
        .slice(1)
        .map(async (identity) => seal.open(identity.member, await signed(identity, '2026-01-03T00:00:00.000Z'))),
    ]);
    await saveSyncState(stale);
    expect(await seal.rereads()).toEqual(new Set([members[0]]));
    expect((await readMemberPins())[members[0]!]).toMatchObject({ key: renewed.key, reread: true });
    expect(Object.values(await readMemberPins()).filter((pin) => pin.at === '2026-01-03T00:00:00.000Z')).toHaveLength(
      7,
    );
  });

  it('pairs: the new browser writes for the first one’s member from then on, its own notes with it', async () => {
    const first = await newSigningIdentity(crypto.randomUUID());
    const own = await readSigningIdentity();
    const db = openDatabase(`pairing-${crypto.randomUUID()}`);
    try {
      const article = outlinedArticle('http://www.test.gov.cn/a/content_1.htm', '关于推进测试工作的意见');
      await highlight(db, article, '坚持问题导向', { author: '小王', time: 1_000, memberId: own.member });
      const paired = await pairedIdentity(own, await pairingAnswerCode(first, pairingRequestCode(own)));
      await moveOwnRecords(db, own.member, paired.member);
      await adoptPairedIdentity(paired);
      expect(await readSigningIdentity()).toMatchObject({ member: first.member, key: own.key, primary: first.key });
      expect(await memberIdSetting.getValue()).toBe(first.member);
      expect((await db.annotations.toArray()).map((annotation) => annotation.creatorId)).toEqual([first.member]);
    } finally {
      await db.delete();
    }
  });
});
