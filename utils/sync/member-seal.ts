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
  /** The user accepted this key after a file signed with it was refused: that file is read again, changed or not. */
  reread?: true;
}

/**
 * Changes one member's pin in one step against what is stored then, whoever else changes pins
 * meanwhile; `change` returns undefined to leave it as it is.
 */
export type ChangePin = (
  memberId: string,
  change: (pin: MemberPin | undefined) => MemberPin | undefined,
) => Promise<void>;

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
  /** The members whose file must be read again whether or not it changed (see `MemberPin.reread`). */
  rereads(): Promise<Set<string>>;
}

const later = (a: string, b: string) => (a > b ? a : b);

/** The pin once its member's file was read again: asked for no more. */
function readAgain({ reread: _done, ...pin }: MemberPin): MemberPin {
  return pin;
}

/** What a verified file signed by `envelope` makes of its member's pin (undefined: unchanged), and the refusal if any. */
function judgeFile(
  pin: MemberPin | undefined,
  envelope: { primary: string; name: string; at: string },
  expected: string | undefined,
  own: boolean,
): { pin: MemberPin | undefined; refusal: ImportFileError | null } {
  if (expected !== undefined && envelope.primary !== expected) {
    // Your own file is yours only when your key (or one it certified) signed it.
    if (own)
      return {
        pin: undefined,
        refusal: new ImportFileError('not-yours', SIGNATURE_KEY, 'signed by a key that is not this member’s'),
      };
    return {
      pin: { ...readAgain(pin!), pending: envelope.primary },
      refusal: new ImportFileError('key-changed', SIGNATURE_KEY, 'signed by another key than the one pinned'),
    };
  }
  if (pin && envelope.at < pin.at) {
    return {
      pin: readAgain(pin),
      refusal: new ImportFileError(
        'replay',
        `${SIGNATURE_KEY}.at`,
        `signed ${envelope.at}, before ${pin.at} already read`,
      ),
    };
  }
  const at = later(envelope.at, pin?.at ?? '');
  return {
    pin: { key: envelope.primary, name: envelope.name, at, ...(pin?.pending && { pending: pin.pending }) },
    refusal: null,
  };
}

export function memberSeal(options: {
  identity: SigningIdentity;
  name: string;
  readPins: () => Promise<PinBook>;
  changePin: ChangePin;
  now?: () => Date;
}): MemberSeal {
  const { identity, name, readPins, changePin } = options;
  const now = options.now ?? (() => new Date());
  return {
    async sign(body) {
      let at = '';
      await changePin(identity.member, (own) => {
        // Never earlier than the file this one replaces, whatever this browser's clock says.
        at = later(now().toISOString(), own?.at ?? '');
        return { key: identity.primary, name, at };
      });
      return signMemberFile(body, { identity, name, at });
    },

    async open(memberId, text) {
      const { body, envelope } = openSignedFile(text);
      if (envelope.member !== memberId)
        throw new ImportFileError('bad-signature', `${SIGNATURE_KEY}.member`, 'signed for another member');
      if (!(await signatureHolds(body, envelope)))
        throw new ImportFileError('bad-signature', SIGNATURE_KEY, 'the signature does not hold');
      const own = memberId === identity.member;
      let refusal: ImportFileError | null = null;
      // Judged against the pin as stored at this moment: an accepted key or another file's pin is never overwritten.
      await changePin(memberId, (pin) => {
        const judged = judgeFile(pin, envelope, own ? identity.primary : pin?.key, own);
        refusal = judged.refusal;
        return judged.pin;
      });
      if (refusal) throw refusal;
      return body;
    },

    async rereads() {
      const pins = await readPins();
      return new Set(Object.keys(pins).filter((member) => pins[member]!.reread));
    },
  };
}

/** The user accepts the changed key of a member: it is pinned, and the member's refused file is read again. */
export function acceptPendingKey(pins: PinBook, memberId: string): PinBook {
  const pin = pins[memberId];
  if (!pin?.pending) return pins;
  // The new key's files start a timeline of their own.
  return { ...pins, [memberId]: { key: pin.pending, name: pin.name, at: '', reread: true } };
}
