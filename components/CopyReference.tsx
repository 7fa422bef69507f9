import { useState } from 'preact/hooks';
import { t } from '@/runtime/translate';
import { gbtReference, type ReferenceSource } from '@/utils/annotate/citation';
import { localDateTime, machineTimeZone } from '@/utils/export/local-time';
import { IsolatedMessage } from './IsolatedText';
import { writeClipboard } from './write-clipboard';

/**
 * 复制引用: the article's GB/T 7714-2015 reference, from its (corrected) details, cited today on the reader's
 * clock. What was copied is shown, and when the clipboard refuses, shown to copy by hand — never lost.
 */
export function CopyReference(props: { article: ReferenceSource }) {
  const [status, setStatus] = useState<{ copied: boolean; text: string } | null>(null);
  const copy = async () => {
    const today = localDateTime(new Date().toISOString(), machineTimeZone()).slice(0, 10);
    const text = gbtReference(props.article, today);
    const copied = await writeClipboard(text).then(
      () => true,
      () => false,
    );
    setStatus({ copied, text });
  };
  return (
    <>
      <button type="button" title={t('copyReferenceHelp')} data-testid="copy-reference" onClick={() => void copy()}>
        {t('copyReference')}
      </button>
      {status && (
        <p role="status" class="pz-muted pz-reference" data-testid="reference-status">
          <IsolatedMessage id={status.copied ? 'referenceCopied' : 'referenceCopyFailed'} value={status.text} />
        </p>
      )}
    </>
  );
}
