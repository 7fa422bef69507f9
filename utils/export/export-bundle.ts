import type { StoredArticle } from '../model/article';
import type { AnnotationRecord, AnnotationVersion } from '../model/annotation';
import { threadsOf, type ReplyRecord } from '../model/reply';

/** One article and its annotations, as every export format takes them. */
export interface ExportedArticle {
  article: StoredArticle;
  annotations: AnnotationRecord[];
  /** Members' answers to these annotations, oldest first. */
  replies?: ReplyRecord[];
}

/** Text as written, for a format whose every string is plain text. */
const asIs = (text: string) => text;

/** Who answered, as an export heads a reply: 回复（小李）; `show` writes the member's name (isolated, escaped). */
export const replyHeading = (reply: ReplyRecord, label: string, show = asIs) =>
  `${label}（${show(reply.author || '—')}）`;

/** A reply as one line of an export: who answered, and what. */
export const replyLine = (reply: ReplyRecord, label: string, show = asIs) =>
  `${replyHeading(reply, label, show)}：${show(reply.text)}`;

/** Each of the article's annotations' replies, oldest first. */
export const repliesByAnnotation = (entry: ExportedArticle) => threadsOf(entry.replies ?? []);

/** What an export holds: articles with their annotations, and the versions a merge kept. */
export interface ExportBundle {
  generatedAt: string;
  articles: ExportedArticle[];
  versions: AnnotationVersion[];
}

/** Which articles to export: some, or the whole library (a backup). */
export type ExportScope = { articleIds: readonly string[] } | 'all';

/** Articles in the order every export lists them. */
export const byTitle = (a: ExportedArticle, b: ExportedArticle) => a.article.title.localeCompare(b.article.title, 'zh');

/** The documents a reader prints (Markdown, Word, CSV) leave out articles with no notes, unless that is all there is. */
export function annotatedArticles(bundle: ExportBundle): ExportedArticle[] {
  const annotated = bundle.articles.filter((entry) => entry.annotations.length > 0);
  return annotated.length > 0 || bundle.articles.length !== 1 ? annotated : bundle.articles;
}

export function countAnnotations(articles: readonly ExportedArticle[]): number {
  return articles.reduce((sum, entry) => sum + entry.annotations.length, 0);
}
