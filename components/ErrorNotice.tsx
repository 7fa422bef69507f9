import { describeError } from '@/runtime/translate';

/** A failed action, said in the UI language; the technical detail stays in the tooltip. */
export function ErrorNotice({ error }: { error: unknown }) {
  if (!error) return null;
  const detail = error instanceof Error ? error.message : String(error);
  return (
    <p class="pz-error" role="alert" title={detail} data-testid="error">
      {describeError(error)}
    </p>
  );
}
