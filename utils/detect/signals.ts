import { isProbablyReaderable } from '@mozilla/readability';

export interface Signal {
  name: string;
  /** The evidence this signal gives: positive for an article, negative against, 0 for none. */
  test: (document: Document, url: URL | null) => number;
}

export interface SignalResult {
  name: string;
  weight: number;
}

function metaContent(document: Document, name: string): string | null {
  const wanted = name.toLowerCase();
  for (const meta of document.querySelectorAll('meta[name], meta[property]')) {
    const key = (meta.getAttribute('name') ?? meta.getAttribute('property') ?? '').trim().toLowerCase();
    if (key === wanted) return meta.getAttribute('content')?.trim() || null;
  }
  return null;
}

/** Government CMS metadata (ArticleTitle, PubDate, ContentSource) marks a content page. */
export const govMetaTags: Signal = {
  name: 'gov-meta',
  test: (document) => {
    const present = ['articletitle', 'pubdate', 'contentsource'].filter((name) => metaContent(document, name));
    return present.length >= 2 ? 3 : present.length;
  },
};

export const readerable: Signal = {
  name: 'readerable',
  test: (document) => (isProbablyReaderable(document, { minContentLength: 60, minScore: 12 }) ? 2 : 0),
};

export const ARTICLE_SIGNALS: readonly Signal[] = [govMetaTags, readerable];
