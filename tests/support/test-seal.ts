import { newSigningIdentity, type SigningIdentity } from '@/utils/sync/member-signature';
import { memberSeal, type MemberSeal, type PinBook } from '@/utils/sync/member-seal';

/** A member's signing key and pinned keys kept in memory, as the secret store keeps them in a browser. */
export interface TestKeys {
  identity: SigningIdentity;
  pins: PinBook;
  seal(name: string): MemberSeal;
}

export async function testKeys(memberId: string, identity?: SigningIdentity): Promise<TestKeys> {
  const keys: TestKeys = {
    identity: identity ?? (await newSigningIdentity(memberId)),
    pins: {},
    seal: (name) =>
      memberSeal({
        identity: keys.identity,
        name,
        readPins: async () => keys.pins,
        changePin: async (memberId, change) => {
          const pin = change(keys.pins[memberId]);
          if (pin) keys.pins = { ...keys.pins, [memberId]: pin };
        },
      }),
  };
  return keys;
}
