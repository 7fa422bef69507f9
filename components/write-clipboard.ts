/**
 * Writes text to the clipboard on the reader's click. `navigator.clipboard` exists only in a
 * secure context: on an http:// page (most portals) the page's tools have none, and in Firefox
 * neither has the note frame inside such a page. `own` is a document of the extension's own (the
 * note frame's, never the page's): there the older `copy` command is used instead, from a field
 * that is there only for the copy. Otherwise the promise fails, so the caller says so in words.
 */
export async function writeClipboard(text: string, own?: Document): Promise<void> {
  if (navigator.clipboard) return navigator.clipboard.writeText(text);
  if (!own) throw new Error('no clipboard in this context');
  const field = own.createElement('textarea');
  field.value = text;
  field.setAttribute('readonly', '');
  Object.assign(field.style, { position: 'fixed', opacity: '0', pointerEvents: 'none' });
  const focused = own.activeElement as HTMLElement | null;
  own.body.append(field);
  field.select();
  const copied = own.execCommand('copy');
  field.remove();
  focused?.focus();
  if (!copied) throw new Error('the copy command was refused');
}
