import { useEffect, useState } from 'preact/hooks';
import { t } from '@/runtime/translate';
import { lastSyncSetting } from '@/runtime/group-sync-settings';
import { acceptMemberKey, adoptPairedIdentity, readMemberPins, readSigningIdentity } from '@/runtime/member-keys';
import { lazyDatabase } from '@/store/lazy-database';
import { moveOwnRecords } from '@/store/group-sync-store';
import { fingerprintOf, type SigningIdentity } from '@/utils/sync/member-signature';
import { pairedIdentity, pairingAnswerCode, pairingRequestCode, PairingError } from '@/utils/sync/pairing';

interface KeyRow {
  member: string;
  name: string;
  fingerprint: string;
  /** The fingerprint of a changed key waiting for the user. */
  pending: string | null;
}

async function keyRows(own: string): Promise<KeyRow[]> {
  const pins = await readMemberPins();
  const rows = await Promise.all(
    Object.entries(pins)
      .filter(([member]) => member !== own)
      .map(async ([member, pin]) => ({
        member,
        name: pin.name,
        fingerprint: await fingerprintOf(pin.key),
        pending: pin.pending ? await fingerprintOf(pin.pending) : null,
      })),
  );
  return rows.sort((a, b) => a.name.localeCompare(b.name, 'zh') || a.member.localeCompare(b.member));
}

type PairingState =
  { kind: 'answer'; code: string } | { kind: 'done'; member: string } | { kind: 'error'; reason: string };

/**
 * 成员指纹 in 小组同步: this browser's key and every member's pinned key as short fingerprints, to
 * compare once; a member's changed key named, with 接受新密钥; and pairing another browser of the
 * member by two codes.
 */
export function MemberKeys() {
  const [identity, setIdentity] = useState<SigningIdentity | null>(null);
  const [own, setOwn] = useState('');
  const [rows, setRows] = useState<KeyRow[]>([]);
  const [requestShown, setRequestShown] = useState(false);
  const [code, setCode] = useState('');
  const [pairing, setPairing] = useState<PairingState | null>(null);

  const refresh = async () => {
    const current = await readSigningIdentity();
    setIdentity(current);
    setOwn(await fingerprintOf(current.primary));
    setRows(await keyRows(current.member));
  };
  useEffect(() => {
    void refresh();
    // A sync may pin a member's key or find a changed one while the page is open.
    return lastSyncSetting.watch(() => void refresh());
  }, []);

  const accept = async (member: string) => {
    await acceptMemberKey(member);
    await refresh();
  };

  const pair = async () => {
    if (!identity) return;
    try {
      if (code.trim().startsWith('PZ1Q-')) {
        setPairing({ kind: 'answer', code: await pairingAnswerCode(identity, code) });
        return;
      }
      const paired = await pairedIdentity(identity, code);
      await moveOwnRecords(await lazyDatabase(), identity.member, paired.member);
      await adoptPairedIdentity(paired);
      setPairing({ kind: 'done', member: paired.member });
      setCode('');
      await refresh();
    } catch (error) {
      const reason = error instanceof PairingError ? error.reason : 'bad-code';
      setPairing({ kind: 'error', reason: t(`pairError_${reason.replace(/-/g, '_')}` as 'pairError_bad_code') });
    }
  };

  if (!identity) return null;
  return (
    <div data-testid="member-keys">
      <h3>{t('optionsKeysTitle')}</h3>
      <p class="pz-muted">{t('optionsKeysHelp')}</p>
      <p data-testid="own-fingerprint">{t('optionsKeysOwn', own)}</p>
      {rows.length === 0 ? (
        <p class="pz-muted">{t('optionsKeysNone')}</p>
      ) : (
        <ul>
          {rows.map((row) => (
            <li key={row.member} data-testid="member-key" data-member={row.member}>
              <bdi>{row.name}</bdi>：<code>{row.fingerprint}</code>
              {row.pending && (
                <>
                  <p class="pz-error" role="alert" data-testid="key-changed">
                    {t('optionsKeysChanged', row.pending)}
                  </p>
                  <button type="button" data-testid="accept-key" onClick={() => void accept(row.member)}>
                    {t('optionsKeysAccept')}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      <h3>{t('optionsPairTitle')}</h3>
      <p class="pz-muted">{t('optionsPairHelp')}</p>
      <p>
        <button type="button" onClick={() => setRequestShown(true)}>
          {t('optionsPairShow')}
        </button>
      </p>
      {requestShown && (
        <label>
          <span>{t('optionsPairCode')}</span>
          <textarea readOnly rows={2} data-testid="pair-request" value={pairingRequestCode(identity)} />
        </label>
      )}
      <label>
        <span>{t('optionsPairInput')}</span>
        <textarea
          rows={2}
          spellcheck={false}
          data-testid="pair-input"
          value={code}
          onInput={(event) => setCode(event.currentTarget.value)}
        />
      </label>
      <p>
        <button type="button" disabled={!code.trim()} onClick={() => void pair()}>
          {t('optionsPairSubmit')}
        </button>
      </p>
      {pairing?.kind === 'answer' && (
        <label>
          <span>{t('optionsPairAnswer')}</span>
          <textarea readOnly rows={3} data-testid="pair-answer" value={pairing.code} />
        </label>
      )}
      {pairing?.kind === 'done' && <p role="status">{t('optionsPairDone', pairing.member)}</p>}
      {pairing?.kind === 'error' && (
        <p class="pz-error" role="alert">
          {t('optionsPairError', pairing.reason)}
        </p>
      )}
    </div>
  );
}
