import type { AnnotationRecord } from '../model/annotation';
import type { ArticleRecord } from '../model/article';

/** What of an article and of an annotation the library's search looks through. */
export const articleSearchKey = (id: string) => `article:${id}`;
export const annotationSearchKey = (id: string) => `annotation:${id}`;

export function articleSearchText(
  article: Pick<ArticleRecord, 'title' | 'text' | 'source' | 'author' | 'siteName'>,
): string {
  return [article.title, article.source, article.author, article.siteName, article.text].filter(Boolean).join('\n');
}

export function annotationSearchText(annotation: Pick<AnnotationRecord, 'quote' | 'note' | 'tags'>): string {
  return [annotation.quote.exact, annotation.note, ...annotation.tags].join('\n');
}
