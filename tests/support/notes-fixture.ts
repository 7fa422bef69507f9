import { saveAnnotation } from '@/store/annotation-store';
import { saveClippedArticle } from '@/store/article-store';
import type { PizhuDatabase } from '@/store/database';
import type { StoredArticle } from '@/utils/model/article';
import type { HighlightColor } from '@/utils/highlight/colors';
import type { AnnotationRecord } from '@/utils/model/annotation';
import type { ArticleExtract } from '@/utils/model/article';
import { anchorOfQuote } from './quote-in-text';

/** An invented article with 一、/（一） headings, for export and merge tests. */
export function outlinedArticle(url: string, title: string): ArticleExtract {
  const paragraphs = [
    '导语：这是一篇用于测试的文章。',
    '一、总体要求',
    '坚持问题导向，推进工作落实。',
    '（一）明确目标',
    '到明年底，基本建成协同机制。',
    '（二）压实责任',
    '各单位主要负责人是第一责任人。',
    '二、主要任务',
    '加强基层基础建设，提升服务能力。',
  ];
  return {
    url,
    canonicalUrl: null,
    title,
    publishedAt: '2024-03-05T08:00:00+08:00',
    publishedText: '2024-03-05 08:00',
    source: '测试日报',
    author: '张记者',
    editor: '李编辑',
    siteName: '测试网',
    column: null,
    lang: 'zh-CN',
    excerpt: '导语',
    text: paragraphs.join('\n'),
    html: paragraphs.map((paragraph) => `<p>${paragraph}</p>`).join(''),
    outline: [
      { level: 1, text: '一、总体要求' },
      { level: 2, text: '（一）明确目标' },
      { level: 2, text: '（二）压实责任' },
      { level: 1, text: '二、主要任务' },
    ],
    length: paragraphs.join('').length,
  };
}

/** Saves a highlight of `exact` (which must occur in the article's text) as `author` at `time`. */
export async function highlight(
  db: PizhuDatabase,
  article: ArticleExtract,
  exact: string,
  options: {
    author: string;
    time: number;
    note?: string;
    tags?: string[];
    color?: HighlightColor;
    id?: string;
    memberId?: string;
  },
): Promise<AnnotationRecord> {
  return saveAnnotation(
    db,
    {
      id: options.id ?? crypto.randomUUID(),
      url: article.url,
      ...anchorOfQuote(article.text.replace(/\n/g, ' '), exact),
      color: options.color ?? 'yellow',
      note: options.note ?? '',
      tags: options.tags ?? [],
    },
    {
      author: options.author,
      memberId: options.memberId,
      loadArticle: async () => article,
      now: new Date(options.time),
    },
  );
}

export async function clip(db: PizhuDatabase, article: ArticleExtract, time: number): Promise<StoredArticle> {
  return saveClippedArticle(db, article, new Date(time));
}

/** Everything a user would miss if it were lost, in a stable order for comparison. */
export async function snapshot(db: PizhuDatabase) {
  const byId = <T extends { id: string }>(rows: T[]) => rows.sort((a, b) => a.id.localeCompare(b.id));
  return {
    articles: byId(await db.articles.toArray()),
    annotations: byId(await db.annotations.toArray()),
    versions: (await db.annotationVersions.toArray()).sort((a, b) => a.key.localeCompare(b.key)),
    replies: byId(await db.replies.toArray()),
    tombstones: byId(await db.tombstones.toArray()),
  };
}
