import type { AnnotationRecord, AnnotationVersion } from '@/utils/model/annotation';
import type { StoredArticle } from '@/utils/model/article';
import type { ReplyRecord } from '@/utils/model/reply';
import { byTitle, type ExportBundle, type ExportScope } from '@/utils/export/export-bundle';
import type { PizhuDatabase } from './database';

/** Reads what a scope covers in one read transaction, so the export is a consistent snapshot. */
export async function loadExportBundle(db: PizhuDatabase, scope: ExportScope, now = new Date()): Promise<ExportBundle> {
  return db.transaction('r', [db.articles, db.annotations, db.annotationVersions, db.replies], async () => {
    let articles: StoredArticle[];
    let annotations: AnnotationRecord[];
    let versions: AnnotationVersion[];
    if (scope === 'all') {
      [articles, annotations, versions] = await Promise.all([
        db.articles.toArray(),
        db.annotations.toArray(),
        db.annotationVersions.toArray(),
      ]);
    } else {
      articles = (await db.articles.bulkGet([...scope.articleIds])).filter((article): article is StoredArticle =>
        Boolean(article),
      );
      annotations = await db.annotations
        .where('articleId')
        .anyOf(articles.map((article) => article.id))
        .toArray();
      versions = await db.annotationVersions
        .where('annotationId')
        .anyOf(annotations.map((annotation) => annotation.id))
        .toArray();
    }
    const replies = await db.replies
      .where('urlKey')
      .anyOf(articles.map((article) => article.urlKey))
      .toArray();
    const byArticle = new Map<string, AnnotationRecord[]>(articles.map((article) => [article.id, []]));
    for (const annotation of annotations) byArticle.get(annotation.articleId)?.push(annotation);
    const repliesByUrl = new Map<string, ReplyRecord[]>();
    for (const reply of replies) repliesByUrl.set(reply.urlKey, [...(repliesByUrl.get(reply.urlKey) ?? []), reply]);
    return {
      generatedAt: now.toISOString(),
      articles: articles
        .map((article) => ({
          article,
          annotations: byArticle.get(article.id) ?? [],
          replies: repliesByUrl.get(article.urlKey) ?? [],
        }))
        .sort(byTitle),
      versions,
    };
  });
}
