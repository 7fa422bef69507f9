import { randomUUID } from 'node:crypto';
import { portalPageHtml } from './portal-page';
import type { HighlightColor } from '../../utils/highlight/colors';
import type { AnnotationRecord } from '../../utils/model/annotation';
import type { StoredArticle } from '../../utils/model/article';
import { exportW3cJson } from '../../utils/export/w3c-export';
import { anchorOfQuote } from './quote-in-text';

/** An invented article as two study-group members would both have it. */
const URL = 'http://www.gov.cn/zhengce/2024-03/05/content_900001.htm';
const PARAGRAPHS = [
  '一、总体要求',
  '坚持问题导向，推进工作落实。',
  '二、主要任务',
  '加强基层基础建设，提升服务能力。',
  '三、保障措施',
  '各单位主要负责人是第一责任人。',
];
const TEXT = PARAGRAPHS.join(' ');
export const ARTICLE: StoredArticle = {
  id: randomUUID(),
  urlKey: URL,
  url: URL,
  canonicalUrl: null,
  title: '关于推进测试工作的意见',
  publishedAt: '2024-03-05T08:00:00+08:00',
  publishedText: '2024-03-05 08:00',
  source: '测试日报',
  author: null,
  editor: '李编辑',
  siteName: '中国政府网',
  column: null,
  lang: 'zh-CN',
  excerpt: '',
  text: PARAGRAPHS.join('\n'),
  html: PARAGRAPHS.map((paragraph) => `<p>${paragraph}</p>`).join(''),
  outline: [
    { level: 1, text: '一、总体要求' },
    { level: 1, text: '二、主要任务' },
    { level: 1, text: '三、保障措施' },
  ],
  length: TEXT.length,
  clippedAt: '2024-03-06T00:00:00.000Z',
  createdAt: '2024-03-06T00:00:00.000Z',
  updatedAt: '2024-03-06T00:00:00.000Z',
};

/** `time` is when it was last edited; `created`, when it was made (the same unless it was edited since). */
export function annotation(
  exact: string,
  author: string,
  time: string,
  extra: { id?: string; note?: string; color?: HighlightColor; tags?: string[]; created?: string } = {},
): AnnotationRecord {
  return {
    id: extra.id ?? randomUUID(),
    url: URL,
    urlKey: URL,
    articleId: ARTICLE.id,
    ...anchorOfQuote(TEXT, exact),
    color: extra.color ?? 'yellow',
    note: extra.note ?? '',
    tags: extra.tags ?? [],
    author,
    createdAt: extra.created ?? time,
    updatedAt: time,
  };
}

/** A member's notes file, as the library's 导入笔记 takes it. */
export function notesFile(name: string, annotations: AnnotationRecord[]) {
  const collection = exportW3cJson(
    { generatedAt: '2024-03-09T00:00:00.000Z', articles: [{ article: ARTICLE, annotations }], versions: [] },
    randomUUID(),
    name,
  );
  return { name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(collection)) };
}

/**
 * The article as its portal page shows it, the words "问题" of the passage three members mark in a
 * link: a place in a highlight that the keyboard reaches with Tab (the page has no link before it).
 */
export function groupArticlePage(): string {
  return portalPageHtml({
    heading: ARTICLE.title,
    navigation: '<span>首页</span>',
    bodyHtml: ARTICLE.html.replace('坚持问题导向', '坚持<a href="#task">问题</a>导向'),
  });
}

const SHARED = '坚持问题导向';
const ALONE = '加强基层基础建设';
/**
 * Three members marked the same words (小王 with a note); one of them, 小李, also marked a passage
 * alone: their three notes files, as 导入笔记 takes them.
 */
export const GROUP_MARKS = {
  SHARED,
  ALONE,
  files: () => [
    notesFile('wang.json', [annotation(SHARED, '小王', '2024-03-07T01:00:00.000Z', { note: '重点' })]),
    notesFile('li.json', [
      annotation('问题导向', '小李', '2024-03-07T02:00:00.000Z'),
      annotation(ALONE, '小李', '2024-03-07T03:00:00.000Z'),
    ]),
    notesFile('zhang.json', [annotation('坚持问题', '小张', '2024-03-07T04:00:00.000Z')]),
  ],
};
