import { ImportFileError } from '../import/import-file-error';
import {
  openSignedFile,
  signatureHolds,
  signMemberFile,
  SIGNATURE_KEY,
  type SigningIdentity,
} from './member-signature';

/** A member's primary key as first seen (trust on first use), and the latest signing time read. */
export interface MemberPin {
  key: string;
  /** The member's display name as their last verified file signed it. */
  name: string;
  /** The latest signing time of their files read here: an earlier one is a replay. */
  at: string;
  /** A different primary key a file of theirs was signed with, refused until the user accepts it. */
  pending?: string;
}

export type PinBook = Record<string, MemberPin>;

/** Signing this member's file and checking the others', against the keys pinned here. */
export interface MemberSeal {
  /** The member's own file as written to the folder, signed. */
  sign(body: string): Promise<string>;
  /**
   * The text a member's file signed, once its signature holds and is by that member's pinned key
   * (the first key seen for a member is pinned) and is not older than one already read. Anything
   * else throws an ImportFileError naming why.
   */
  open(memberId: string, text: string): Promise<string>;
}

const later = (a: string, b: string) => (a > b ? a : b);

export function memberSeal(options: {
  identity: SigningIdentity;
  name: string;
  loadPins: () => Promise<PinBook>;
  savePins: (pins: PinBook) => Promise<void>;
  now?: () => Date;
}): MemberSeal {
  const { identity, name, loadPins, savePins } = options;
  const now = options.now ?? (() => new Date());
  return {
    async sign(body) {
      const pins = await loadPins();
      const own = pins[identity.member];
      // Never earlier than the file this one replaces, whatever this browser's clock says.
      const at = later(now().toISOString(), own?.at ?? '');
      await savePins({ ...pins, [identity.member]: { key: identity.primary, name, at } });
      return signMemberFile(body, { identity, name, at });
    },

    async open(memberId, text) {
      const { body, envelope } = openSignedFile(text);
      if (envelope.member !== memberId)
        throw new ImportFileError('bad-signature', `${SIGNATURE_KEY}.member`, 'signed for another member');
      if (!(await signatureHolds(body, envelope)))
        throw new ImportFileError('bad-signature', SIGNATURE_KEY, 'the signature does not hold');
      const pins = await loadPins();
      const pin = pins[memberId];
      const own = memberId === identity.member;
      const expected = own ? identity.primary : pin?.key;
      if (expected !== undefined && envelope.primary !== expected) {
        // Your own file is yours only when your key (or one it certified) signed it.
        if (own) throw new ImportFileError('not-yours', SIGNATURE_KEY, 'signed by a key that is not this member’s');
        if (pin && pin.pending !== envelope.primary)
          await savePins({ ...pins, [memberId]: { ...pin, pending: envelope.primary } });
        throw new ImportFileError('key-changed', SIGNATURE_KEY, 'signed by another key than the one pinned');
      }
      if (pin && envelope.at < pin.at)
        throw new ImportFileError(
          'replay',
          `${SIGNATURE_KEY}.at`,
          `signed ${envelope.at}, before ${pin.at} already read`,
        );
      await savePins({
        ...pins,
        [memberId]: { ...pin, key: envelope.primary, name: envelope.name, at: later(envelope.at, pin?.at ?? '') },
      });
      return body;
    },
  };
}

/** The user accepts the changed key of a member: it is pinned, and the member's files count again. */
export function acceptPendingKey(pins: PinBook, memberId: string): PinBook {
  const pin = pins[memberId];
  if (!pin?.pending) return pins;
  // The new key's files start a timeline of their own.
  return { ...pins, [memberId]: { key: pin.pending, name: pin.name, at: '' } };
}
