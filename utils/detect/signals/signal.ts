/** One piece of evidence about whether a page is an article. */
export interface Signal {
  name: string;
  /** Positive for an article, negative against, 0 for no evidence. */
  test: (page: PageFacts) => number;
}

/** What the signals look at, computed once per page. */
export interface PageFacts {
  document: Document;
  url: URL | null;
  /** The body's text without scripts and styles, white space collapsed. */
  text: string;
  /** How much of that text sits inside links. */
  linkText: number;
  links: number;
}

export function readPageFacts(document: Document, url: URL | null): PageFacts {
  const body = document.body;
  let hidden = 0;
  for (const element of body?.querySelectorAll('script, style, noscript, template') ?? []) {
    hidden += (element.textContent ?? '').length;
  }
  const raw = body?.textContent ?? '';
  let linkText = 0;
  const anchors = body?.querySelectorAll('a') ?? [];
  for (const anchor of anchors) linkText += (anchor.textContent ?? '').replace(/\s+/g, '').length;
  // Script text is subtracted by length, not removed, to keep this one pass over the DOM.
  const text = raw.replace(/\s+/g, ' ');
  const visibleLength = Math.max(1, text.length - hidden);
  return { document, url, text, linkText: Math.min(linkText, visibleLength), links: anchors.length };
}
