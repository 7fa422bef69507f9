import { runToEnd, type Steps } from '../schedule/slices';
import {
  attributesOf,
  childElementCountOf,
  childNodesOf,
  doctypeOf,
  documentElementOf,
  implementationOf,
  localNameOf,
  namespaceOf,
  nodeNameOf,
  nodeTypeOf,
  outerHtmlOf,
  selectionOf,
} from './safe-dom';

/*
 * The page as markup, to be read from a copy elsewhere (utils/read-copy.ts). A large page's markup
 * is read a piece at a time, pausing between pieces, so that serializing it is never one long task
 * of the page's.
 */

const HTML_NAMESPACE = 'http://www.w3.org/1999/xhtml';
/**
 * Elements whose content serializes by rules of its own — raw text, a template's content, a
 * leading newline kept, what <noscript> holds — read whole wherever they stand.
 */
const READ_WHOLE = new Set([
  'SCRIPT',
  'STYLE',
  'TEXTAREA',
  'TEMPLATE',
  'NOSCRIPT',
  'IFRAME',
  'NOEMBED',
  'NOFRAMES',
  'XMP',
  'PLAINTEXT',
  'PRE',
  'LISTING',
  'TITLE',
]);

// As the HTML serializer escapes text and attribute values.
const escapeText = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/\u00a0/g, '&nbsp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
const escapeValue = (value: string) =>
  value
    .replace(/&/g, '&amp;')
    .replace(/\u00a0/g, '&nbsp;')
    .replace(/"/g, '&quot;');

/** An element read whole: one without child elements, a foreign one (SVG, MathML), or one of READ_WHOLE. */
const readWhole = (element: Element) =>
  childElementCountOf(element) === 0 || namespaceOf(element) !== HTML_NAMESPACE || READ_WHOLE.has(nodeNameOf(element));

/**
 * The page's document as markup, a piece at a time, pausing after each element; its doctype kept,
 * as it sets how the markup parses. Elements with child elements are opened and closed here, the
 * rest read whole, walking without recursion (a page may nest thousands of levels deep).
 */
export function* documentMarkupSteps(document: Document): Steps<string> {
  const out = [doctypeOf(document) ? '<!doctype html>' : ''];
  const root = documentElementOf(document);
  // What is left to write, last first: nodes, and the closing tags of the elements opened.
  const left: Array<Node | string> = root ? [root] : [];
  while (left.length > 0) {
    const next = left.pop()!;
    if (typeof next === 'string') {
      out.push(next);
      continue;
    }
    const type = nodeTypeOf(next);
    if (type === 3) out.push(escapeText((next as Text).data));
    else if (type === 8) out.push(`<!--${(next as Comment).data}-->`);
    if (type !== 1) continue;
    const element = next as Element;
    if (readWhole(element)) out.push(outerHtmlOf(element));
    else {
      const name = localNameOf(element);
      let open = `<${name}`;
      for (const attribute of attributesOf(element)) open += ` ${attribute.name}="${escapeValue(attribute.value)}"`;
      out.push(`${open}>`);
      left.push(`</${name}>`);
      const children = childNodesOf(element);
      for (let index = children.length - 1; index >= 0; index--) left.push(children[index]!);
    }
    yield;
  }
  return out.join('');
}

/** The page's document as markup, at once. */
export const documentMarkup = (document: Document): string => runToEnd(documentMarkupSteps(document));

/** The reader's selection as markup (every range, in order), for a clip read from a copy elsewhere. */
export function selectionMarkup(document: Document): string {
  const selection = selectionOf(document);
  const holder = implementationOf(document).createHTMLDocument('').createElement('div');
  for (let index = 0; index < (selection?.rangeCount ?? 0); index++)
    holder.append(selection!.getRangeAt(index).cloneContents());
  return holder.innerHTML;
}
