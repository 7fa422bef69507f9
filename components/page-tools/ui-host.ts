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
  const root = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = css;
  root.append(style);
  document.documentElement.append(host);
  return { host, root };
}
