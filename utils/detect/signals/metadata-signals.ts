import type { Signal } from './signal';

function metaNames(document: Document): Set<string> {
  const names = new Set<string>();
  for (const meta of document.head?.querySelectorAll('meta[name], meta[property]') ?? []) {
    const key = (meta.getAttribute('name') ?? meta.getAttribute('property') ?? '').trim().toLowerCase();
    if (key && meta.getAttribute('content')?.trim()) names.add(key);
  }
  return names;
}

/** Government CMS metadata (ArticleTitle, PubDate, ContentSource) is only written on content pages. */
export const govMetaTags: Signal = {
  name: 'gov-meta',
  test: ({ document }) => {
    const names = metaNames(document);
    const present = ['articletitle', 'pubdate', 'contentsource'].filter((name) => names.has(name)).length;
    return present >= 2 ? 3 : present;
  },
};

/** og:type=article, article:published_time or a JSON-LD NewsArticle/Article. */
export const articleMarkup: Signal = {
  name: 'article-markup',
  test: ({ document }) => {
    const ogType = document.querySelector('meta[property="og:type" i]')?.getAttribute('content')?.trim().toLowerCase();
    if (ogType === 'article' || metaNames(document).has('article:published_time')) return 2;
    for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
      if (/"@type"\s*:\s*\[?\s*"(?:News|Reportage|Blog)?(?:Article|Posting)"/.test(script.textContent ?? '')) return 2;
    }
    return 0;
  },
};

// Exercised by corpus pages: gne-shanxi-1 (gov meta), rdb-bbc-1 and rdb-guardian-1 (article markup).
