/**
 * The clipboard's older path, which needs no secure context: the `copy` command, whose `copy`
 * event carries the text. Registered as the document starts (the content script runs at
 * document_start), so this listener is the first of the whole event path — before any listener a
 * page adds to rewrite what Ctrl+C copies — and an own copy stops there: the page neither hears it
 * nor changes it. Other copies pass by untouched. Returns the copy, true when the text was set.
 */
export function listenForOwnCopy(window: Window): (text: string) => boolean {
  let pending: string | null = null;
  let written = false;
  window.addEventListener(
    'copy',
    (event) => {
      if (pending === null || !event.clipboardData) return;
      event.clipboardData.setData('text/plain', pending);
      event.preventDefault();
      event.stopImmediatePropagation();
      written = true;
    },
    true,
  );
  return (text) => {
    pending = text;
    written = false;
    try {
      window.document.execCommand('copy');
    } finally {
      pending = null;
    }
    return written;
  };
}
