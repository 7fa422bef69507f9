import { markOwnElement } from '@/utils/anchor/text-index';

/**
 * The in-page tools' home: an element outside <body> (pages that replace their body keep it)
 * holding a closed shadow root, so page styles cannot restyle the tools. A built-in element, not
 * a custom element name: a page may define a custom element before Pizhu runs and reach its
 * "closed" root through ElementInternals. Nothing private is shown here — notes live in the note
 * frame. Inline `!important` on the host beats any page rule; `all: initial` stops inherited
 * styles at the border. It carries no id, class or attribute of its own: the page reads those,
 * and a fixed one would tell it that the reader runs Pizhu.
 */
export function createUiHost(document: Document, css: string): { host: HTMLElement; root: ShadowRoot } {
  const host = document.createElement('div');
  markOwnElement(host);
  host.style.cssText = [
    'all: initial',
    'display: block',
    'position: fixed',
    'top: 0',
    'left: 0',
    'width: 0',
    'height: 0',
    'overflow: visible',
    'z-index: 2147483647',
    'pointer-events: auto',
  ]
    .map((rule) => `${rule} !important`)
    .join(';');
  keepOwnStyle(host);
  const root = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = css;
  root.append(style);
  document.documentElement.append(host);
  return { host, root };
}

/** Past this many restorations in a second the page is fighting back (it would hang in a ping-pong). */
const MAX_RESTORES_PER_SECOND = 100;

/**
 * Puts the host's own inline style back, and takes away any attribute, whenever the page changes
 * them: its inline style is the one thing a page can use to make the tools transparent, transform
 * them or hide them (stylesheets lose to inline `!important`). A page that keeps undoing it is not
 * fought without end: Pizhu tries again a second later, and meanwhile the note frame refuses clicks
 * while it cannot be seen (`in-plain-sight.ts`).
 */
function keepOwnStyle(host: HTMLElement) {
  const style = host.getAttribute('style')!;
  let second = 0;
  let restores = 0;
  let later: ReturnType<typeof setTimeout> | undefined;
  const restore = () => {
    const now = Math.floor(performance.now() / 1000);
    if (now !== second) [second, restores] = [now, 0];
    const names = host.getAttributeNames();
    if (names.length === 1 && host.getAttribute('style') === style) return;
    if (restores >= MAX_RESTORES_PER_SECOND) {
      clearTimeout(later);
      later = setTimeout(restore, 1000);
      return;
    }
    restores++;
    for (const name of names) if (name !== 'style') host.removeAttribute(name);
    if (host.getAttribute('style') !== style) host.setAttribute('style', style);
  };
  new MutationObserver(restore).observe(host, { attributes: true });
}
