import type { Signal } from './signal';

/** Government CMS metadata (ArticleTitle, PubDate, ContentSource) is only written on content pages. */
export const govMetaTags: Signal = {
  name: 'gov-meta',
  test: ({ meta }) => {
    const present = ['articletitle', 'pubdate', 'contentsource'].filter((name) => meta.has(name)).length;
    return present >= 2 ? 3 : present;
  },
};

/** og:type=article, article:published_time or a JSON-LD NewsArticle/Article. */
export const articleMarkup: Signal = {
  name: 'article-markup',
  test: ({ document, meta }) => {
    if (meta.get('og:type')?.toLowerCase() === 'article' || meta.has('article:published_time')) return 2;
    for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
      if (/"@type"\s*:\s*\[?\s*"(?:News|Reportage|Blog)?(?:Article|Posting)"/.test(script.textContent ?? '')) return 2;
    }
    return 0;
  },
};
