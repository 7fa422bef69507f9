/**
 * DOM reads a hostile page cannot redirect. A form exposes its controls as properties named by
 * their `name` or `id`, so inside `<form><input name="parentNode"></form>` the form's
 * `parentNode` is the input — and a loop walking up parents never ends. The same goes for
 * `document.querySelector` under `<img name="querySelector">`. These shadows live on the object
 * itself, so the helpers below take the real getter or method from the object's prototypes,
 * which page markup cannot reach (a content script's prototypes are its own world's).
 */

const cache = new WeakMap<object, Map<string, PropertyDescriptor | null>>();

/** The property as the object's class defines it, skipping anything on the object itself. */
function definition(target: object, property: string): PropertyDescriptor | null {
  const first = Object.getPrototypeOf(target) as object | null;
  if (!first) return null;
  let known = cache.get(first);
  if (!known) cache.set(first, (known = new Map()));
  let found = known.get(property);
  if (found === undefined) {
    found = null;
    for (
      let prototype: object | null = first;
      prototype;
      prototype = Object.getPrototypeOf(prototype) as object | null
    ) {
      const descriptor = Object.getOwnPropertyDescriptor(prototype, property);
      if (descriptor) {
        found = descriptor;
        break;
      }
    }
    known.set(property, found);
  }
  return found;
}

function read<T>(property: string) {
  return (target: object): T => {
    const descriptor = definition(target, property);
    return (descriptor?.get ? descriptor.get.call(target) : (target as Record<string, T>)[property]) as T;
  };
}

function call<T>(target: object, method: string, ...args: unknown[]): T {
  const value = definition(target, method)?.value as ((...args: unknown[]) => T) | undefined;
  return (value ?? ((target as Record<string, (...args: unknown[]) => T>)[method] as (...args: unknown[]) => T)).apply(
    target,
    args,
  );
}

export const parentOf = read<Node | null>('parentNode') as (node: Node) => Node | null;
export const parentElementOf = read<Element | null>('parentElement') as (node: Node) => Element | null;
export const nodeNameOf = read<string>('nodeName') as (node: Node) => string;
export const childNodesOf = read<NodeListOf<ChildNode>>('childNodes') as (node: Node) => NodeListOf<ChildNode>;
export const textContentOf = read<string | null>('textContent') as (node: Node) => string | null;
export const nodeTypeOf = read<number>('nodeType') as (node: Node) => number;
export const childElementCountOf = read<number>('childElementCount') as (element: Element) => number;
export const localNameOf = read<string>('localName') as (element: Element) => string;
export const outerHtmlOf = read<string>('outerHTML') as (element: Element) => string;
export const attributesOf = read<NamedNodeMap>('attributes') as (element: Element) => NamedNodeMap;
export const namespaceOf = read<string | null>('namespaceURI') as (element: Element) => string | null;
export const documentElementOf = read<Element | null>('documentElement') as (document: Document) => Element | null;
export const doctypeOf = read<DocumentType | null>('doctype') as (document: Document) => DocumentType | null;
export const implementationOf = read<DOMImplementation>('implementation') as (document: Document) => DOMImplementation;

/** `document.getSelection()`, safe from an image named `getSelection`. */
export function selectionOf(document: Document): Selection | null {
  return call<Selection | null>(document, 'getSelection');
}

/** `element.hasAttribute(name)`, safe from a control named `hasAttribute`. */
export function hasAttributeOf(element: Element, name: string): boolean {
  return call<boolean>(element, 'hasAttribute', name);
}

/** `element.matches(selector)`, safe from a control named `matches`. */
export function matchesOf(element: Element, selector: string): boolean {
  return call<boolean>(element, 'matches', selector);
}

/** `root.querySelectorAll(selector)`, safe from an element named `querySelectorAll`. */
export function queryAll(root: ParentNode, selector: string): Element[] {
  return [...call<NodeListOf<Element>>(root, 'querySelectorAll', selector)];
}

/** A walker over the nodes under `root`, safe from an image named `createTreeWalker`. */
function walker(root: Node, whatToShow: number): TreeWalker {
  const document = root.nodeType === 9 ? (root as Document) : root.ownerDocument!;
  return call<TreeWalker>(document, 'createTreeWalker', root, whatToShow);
}

export const textWalker = (root: Node): TreeWalker => walker(root, 4 /* SHOW_TEXT */);
export const elementWalker = (root: Node): TreeWalker => walker(root, 1 /* SHOW_ELEMENT */);

/** How many elements the document has, safe from an image named `getElementsByTagName`. */
export function elementCountOf(document: Document): number {
  return call<HTMLCollection>(document, 'getElementsByTagName', '*').length;
}

/**
 * A copy of a page its own markup cannot clobber, for detection and extraction: forms become
 * plain blocks (their controls can no longer shadow form properties), and the names of images,
 * frames, embeds and objects go (they shadow `document` properties), as do ids on the last two.
 * Nothing in it loads or runs.
 */
export function declobberedCopy(document: Document): Document {
  const clone = call<Document>(document, 'cloneNode', true);
  for (const form of queryAll(clone, 'form')) {
    const block = call<HTMLElement>(clone, 'createElement', 'div');
    const children = childNodesOf(form);
    while (children.length > 0) call(block, 'appendChild', children[0]);
    for (const attribute of ['id', 'class']) {
      const value = call<string | null>(form, 'getAttribute', attribute);
      if (value !== null) call(block, 'setAttribute', attribute, value);
    }
    call(form, 'replaceWith', block);
  }
  for (const element of queryAll(clone, 'img[name], iframe[name], embed, object')) {
    call(element, 'removeAttribute', 'name');
    const tag = nodeNameOf(element);
    if (tag === 'OBJECT' || tag === 'EMBED') call(element, 'removeAttribute', 'id');
  }
  return clone;
}
