/**
 * Writes text to the clipboard on the reader's click. `navigator.clipboard` exists only in a
 * secure context (on an http:// page, most portals, the page's tools have none, and in Firefox
 * neither has the note frame inside such a page), and a page's Permissions-Policy can refuse it:
 * then the copy command is used (`ownCopy`, see own-copy.ts). When both fail the promise fails,
 * so the caller says so in words.
 */
export async function writeClipboard(text: string, ownCopy?: (text: string) => boolean): Promise<void> {
  if (navigator.clipboard) {
    try {
      return await navigator.clipboard.writeText(text);
    } catch {
      // Refused (a policy, a document without focus): the copy command may still be allowed.
    }
  }
  if (!ownCopy?.(text)) throw new Error('the copy command was refused');
}
