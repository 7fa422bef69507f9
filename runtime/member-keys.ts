import { changeSecret, keepFirstSecret, readSecret, writeSecret } from '@/store/secret-store';
import { newSigningIdentity, type SigningIdentity } from '@/utils/sync/member-signature';
import { acceptPendingKey, memberSeal, type ChangePin, type MemberSeal, type PinBook } from '@/utils/sync/member-seal';
import { memberIdSetting } from './member-id';

/*
 * This browser's signing key and the members' pinned keys, in the secret store (the extension
 * origin's IndexedDB): no content script reaches them, and the private key, stored as a
 * non-extractable CryptoKey, can sign but not be read out by anyone, Pizhu included. The member
 * id in the identity is the one sync writes for: `storage.local`'s copy is only for display.
 */

const IDENTITY = 'signingIdentity';
const PINS = 'memberKeys';

/** This browser's identity, made on first use for the member id it already had. */
export async function readSigningIdentity(): Promise<SigningIdentity> {
  const kept = await readSecret<SigningIdentity>(IDENTITY);
  if (kept) return kept;
  return keepFirstSecret(IDENTITY, await newSigningIdentity(await memberIdSetting.getValue()));
}

export const readMemberPins = async (): Promise<PinBook> => (await readSecret<PinBook>(PINS)) ?? {};

/** Each pin changes in one transaction: the options page accepting a key while a sync runs loses nothing to it. */
const changeMemberPin: ChangePin = async (memberId, change) => {
  await changeSecret<PinBook>(PINS, (pins = {}) => {
    const pin = change(pins[memberId]);
    return pin === undefined ? pins : { ...pins, [memberId]: pin };
  });
};

/** The seal a sync signs and checks files with. */
export async function syncSeal(name: string): Promise<MemberSeal> {
  return memberSeal({
    identity: await readSigningIdentity(),
    name,
    readPins: readMemberPins,
    changePin: changeMemberPin,
  });
}

/** The user accepts a member's changed key: it is pinned, and their refused file is read again at the next sync. */
export async function acceptMemberKey(memberId: string): Promise<void> {
  await changeSecret<PinBook>(PINS, (pins = {}) => acceptPendingKey(pins, memberId));
}

/** After pairing: this browser writes for the member of the browser it paired with. */
export async function adoptPairedIdentity(identity: SigningIdentity): Promise<void> {
  await writeSecret(IDENTITY, identity);
  await memberIdSetting.setValue(identity.member);
}
