import type { ArticleExtract } from '@/utils/model/article';

/** A small, invented article extract for database and protocol tests. */
export function sampleExtract(url: string, title: string): ArticleExtract {
  return {
    url,
    canonicalUrl: null,
    title,
    publishedAt: '2024-03-05',
    publishedText: '2024-03-05',
    source: '测试日报',
    author: null,
    editor: null,
    siteName: null,
    column: null,
    lang: 'zh-CN',
    excerpt: '',
    text: '正文第一段。正文第二段。',
    html: '<p>正文第一段。</p><p>正文第二段。</p>',
    outline: [],
    length: 12,
  };
}
