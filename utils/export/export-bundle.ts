import type { PizhuDatabase, StoredArticle } from '../db/database';
import type { AnnotationRecord, AnnotationVersion } from '../model/annotation';

/** One article and its annotations, as every export format takes them. */
export interface ExportedArticle {
  article: StoredArticle;
  annotations: AnnotationRecord[];
}

/** What an export holds: articles with their annotations, and the versions a merge kept. */
export interface ExportBundle {
  generatedAt: string;
  articles: ExportedArticle[];
  versions: AnnotationVersion[];
}

/** Which articles to export: some, or the whole library (a backup). */
export type ExportScope = { articleIds: readonly string[] } | 'all';

const byTitle = (a: ExportedArticle, b: ExportedArticle) => a.article.title.localeCompare(b.article.title, 'zh');

/** Reads what a scope covers in one read transaction, so the export is a consistent snapshot. */
export async function loadExportBundle(db: PizhuDatabase, scope: ExportScope, now = new Date()): Promise<ExportBundle> {
  return db.transaction('r', [db.articles, db.annotations, db.annotationVersions], async () => {
    let articles: StoredArticle[];
    let annotations: AnnotationRecord[];
    let versions: AnnotationVersion[];
    if (scope === 'all') {
      [articles, annotations, versions] = await Promise.all([db.articles.toArray(), db.annotations.toArray(), db.annotationVersions.toArray()]);
    } else {
      articles = (await db.articles.bulkGet([...scope.articleIds])).filter((article): article is StoredArticle => Boolean(article));
      annotations = await db.annotations.where('articleId').anyOf(articles.map((article) => article.id)).toArray();
      versions = await db.annotationVersions.where('annotationId').anyOf(annotations.map((annotation) => annotation.id)).toArray();
    }
    const byArticle = new Map<string, AnnotationRecord[]>(articles.map((article) => [article.id, []]));
    for (const annotation of annotations) byArticle.get(annotation.articleId)?.push(annotation);
    return {
      generatedAt: now.toISOString(),
      articles: articles.map((article) => ({ article, annotations: byArticle.get(article.id) ?? [] })).sort(byTitle),
      versions,
    };
  });
}

/** The documents a reader prints (Markdown, Word, CSV) leave out articles with no notes, unless that is all there is. */
export function annotatedArticles(bundle: ExportBundle): ExportedArticle[] {
  const annotated = bundle.articles.filter((entry) => entry.annotations.length > 0);
  return annotated.length > 0 || bundle.articles.length !== 1 ? annotated : bundle.articles;
}

export function countAnnotations(articles: readonly ExportedArticle[]): number {
  return articles.reduce((sum, entry) => sum + entry.annotations.length, 0);
}
