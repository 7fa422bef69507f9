import type { HighlightColor } from '@/utils/highlight/colors';
import type { AnnotationRecord, AnnotationVersion } from '@/utils/model/annotation';
import { findCandidates, keysOf } from './search-index';
import { passageAround, queryWords, searchableText } from '@/utils/search/search-text';
import { readArticleRows, sortDateField, summaryOf, type ArticleSort, type ArticleSummary } from './article-rows';
import type { PizhuDatabase } from './database';
import type { StoredArticle } from '@/utils/model/article';
import { distinctIndexKeys } from './distinct-keys';
import { articleIdsWithTag } from './tag-articles';
import { annotationSearchText, articleSearchText } from '@/utils/search/search-documents';
import { ONLY_ME, passesMemberFilter, type Me } from '@/utils/annotate/member-filter';

export interface ArticleFilters {
  site?: string;
  tag?: string;
  color?: HighlightColor;
  /** Only what a member of the study group annotated: their display name, or `ONLY_ME` (member-filter.ts). */
  author?: string;
  /** Who the reader is, for `ONLY_ME`. */
  me?: Me;
  /** Only clipped articles, or only ones with annotations. */
  state?: 'clipped' | 'annotated';
  /** Inclusive `YYYY-MM-DD` bounds on the sort's date (clip date when sorting by title). */
  from?: string;
  to?: string;
}

export const hasFilters = (filters: ArticleFilters) => Object.values(filters).some(Boolean);

function nextDay(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

const NOBODY: Me = { memberId: null, name: '' };

/**
 * The notes of one member (by name, through its index), or the reader's own: those made under
 * this install's member id, or under its name before sync, which no index finds together.
 */
function annotationsOfMember(db: PizhuDatabase, filter: string, me = NOBODY): Promise<AnnotationRecord[]> {
  return filter === ONLY_ME
    ? db.annotations.filter((annotation) => passesMemberFilter(annotation, ONLY_ME, me)).toArray()
    : db.annotations.where('author').equals(filter).toArray();
}

async function articleIdsOfAnnotations(annotations: Promise<AnnotationRecord[]>): Promise<Set<string>> {
  return new Set((await annotations).map((annotation) => annotation.articleId));
}

/** The ids each filter allows; null when the filter is not set. */
async function filterSets(db: PizhuDatabase, sort: ArticleSort, filters: ArticleFilters): Promise<Set<string>[]> {
  const sets: Promise<Set<string>>[] = [];
  if (filters.site)
    sets.push(
      db.articles
        .where('siteName')
        .equals(filters.site)
        .primaryKeys()
        .then((ids) => new Set(ids as string[])),
    );
  if (filters.tag) sets.push(articleIdsWithTag(db, filters.tag));
  if (filters.color) sets.push(articleIdsOfAnnotations(db.annotations.where('color').equals(filters.color).toArray()));
  if (filters.author) sets.push(articleIdsOfAnnotations(annotationsOfMember(db, filters.author, filters.me)));
  if (filters.state === 'clipped')
    sets.push(
      db.articles
        .orderBy('clippedAt')
        .primaryKeys()
        .then((ids) => new Set(ids as string[])),
    );
  if (filters.state === 'annotated')
    sets.push(
      db.annotations
        .orderBy('articleId')
        .uniqueKeys()
        .then((ids) => new Set(ids as string[])),
    );
  if (filters.from || filters.to) {
    const field = sortDateField(sort);
    const range = db.articles
      .where(field)
      .between(filters.from ?? '', filters.to ? nextDay(filters.to) : '9999-12-31', true, false);
    sets.push(range.primaryKeys().then((ids) => new Set(ids as string[])));
  }
  return Promise.all(sets);
}

/**
 * One page of the library's article list, sorted and filtered. With filters, the total that
 * matched comes with it; without, it is null — ask `countArticles` once the page is shown, since
 * IndexedDB counts a large table slowly.
 */
export async function listArticles(
  db: PizhuDatabase,
  query: { sort: ArticleSort; filters: ArticleFilters; offset: number; limit: number },
): Promise<{ total: number | null; articles: ArticleSummary[] }> {
  const plain = (await db.open()).backendDB();
  if (!hasFilters(query.filters)) {
    return { total: null, articles: await readArticleRows(plain, query.sort, query.offset, query.limit) };
  }
  const sets = await filterSets(db, query.sort, query.filters);
  const allowed = sets.reduce((kept, set) => new Set([...kept].filter((id) => set.has(id))));
  return {
    total: allowed.size,
    articles: await readArticleRows(plain, query.sort, query.offset, query.limit, allowed),
  };
}

export interface LibraryFacets {
  sites: string[];
  tags: string[];
  /** The display names of the members whose notes the library holds. */
  authors: string[];
}

/** Sites, tags and members to filter by. */
export async function libraryFacets(db: PizhuDatabase): Promise<LibraryFacets> {
  const [sites, tags, authors] = await Promise.all([
    distinctIndexKeys(db, 'articles', 'siteName'),
    distinctIndexKeys(db, 'annotations', 'tags'),
    distinctIndexKeys(db, 'annotations', 'author'),
  ]);
  return { sites, tags, authors: authors.filter(Boolean) };
}

export interface AnnotationListItem {
  annotation: AnnotationRecord;
  article: Pick<StoredArticle, 'id' | 'title' | 'url' | 'siteName'>;
}

export type AnnotationFilters = Pick<ArticleFilters, 'tag' | 'color' | 'site' | 'author' | 'me'>;

/** Every highlight across articles, newest first, filtered by tag, colour, site and member. */
export async function listAllAnnotations(
  db: PizhuDatabase,
  query: AnnotationFilters & { offset: number; limit: number },
): Promise<{ total: number; items: AnnotationListItem[] }> {
  let total: number;
  let page: AnnotationRecord[];
  if (!query.tag && !query.color && !query.site && query.author === undefined) {
    // Only the page's rows are read; the whole table would be ~100,000 notes in a large library.
    [total, page] = await Promise.all([
      db.annotations.orderBy('updatedAt').count(),
      db.annotations.orderBy('updatedAt').reverse().offset(query.offset).limit(query.limit).toArray(),
    ]);
  } else {
    // Start from the most selective index a filter offers, and check the other filters on the rows.
    const siteIds = query.site
      ? ((await db.articles.where('siteName').equals(query.site).primaryKeys()) as string[])
      : [];
    const base = query.tag
      ? db.annotations.where('tags').equals(query.tag).toArray()
      : query.author !== undefined
        ? annotationsOfMember(db, query.author, query.me)
        : query.color
          ? db.annotations.where('color').equals(query.color).toArray()
          : db.annotations.where('articleId').anyOf(siteIds).toArray();
    const sites = new Set(siteIds);
    const matching = (await base)
      .filter(
        (annotation) =>
          (!query.color || annotation.color === query.color) &&
          (query.author === undefined || passesMemberFilter(annotation, query.author, query.me ?? NOBODY)) &&
          (!query.site || sites.has(annotation.articleId)),
      )
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || b.id.localeCompare(a.id));
    total = matching.length;
    page = matching.slice(query.offset, query.offset + query.limit);
  }
  const articles = await db.articles.bulkGet([...new Set(page.map((annotation) => annotation.articleId))]);
  const byId = new Map(articles.flatMap((article) => (article ? [[article.id, article] as const] : [])));
  return {
    total,
    items: page.flatMap((annotation) => {
      const article = byId.get(annotation.articleId);
      return article
        ? [
            {
              annotation,
              article: { id: article.id, title: article.title, url: article.url, siteName: article.siteName },
            },
          ]
        : [];
    }),
  };
}

/** The kept previous versions of some annotations, oldest first, by annotation. */
export async function versionsOf(
  db: PizhuDatabase,
  annotationIds: readonly string[],
): Promise<Map<string, AnnotationVersion[]>> {
  const versions = await db.annotationVersions
    .where('annotationId')
    .anyOf([...annotationIds])
    .toArray();
  const byAnnotation = new Map<string, AnnotationVersion[]>();
  for (const version of versions.sort((a, b) => a.record.updatedAt.localeCompare(b.record.updatedAt))) {
    byAnnotation.set(version.annotationId, [...(byAnnotation.get(version.annotationId) ?? []), version]);
  }
  return byAnnotation;
}

export type Passage = { before: string; match: string; after: string };

export type SearchHit =
  /** `title`: the title with the first word marked, when it holds it; `passage`: where else it is. */
  | { kind: 'article'; article: ArticleSummary; title: Passage | null; passage: Passage | null }
  | {
      kind: 'annotation';
      annotation: AnnotationRecord;
      article: Pick<StoredArticle, 'id' | 'title' | 'url'>;
      passage: Passage;
    };

const holdsAll = (text: string, words: readonly string[]) => {
  const searchable = searchableText(text);
  return words.every((word) => searchable.includes(word));
};

/** The passage where the first of the words that `text` holds is. */
function passageOf(text: string, words: readonly string[]): Passage | null {
  for (const word of words) {
    const passage = passageAround(text, word);
    if (passage) return passage;
  }
  return null;
}

/**
 * Searches titles, article text, quotes, notes and tags for records holding every word of the
 * query. The index proposes candidates; each is checked against its record (the index may be a
 * write behind) and shown with the passage that matched. Stops after `limit` hits; `more` says
 * whether there were others.
 */
export async function searchLibrary(
  db: PizhuDatabase,
  query: string,
  limit: number,
): Promise<{ hits: SearchHit[]; more: boolean }> {
  const words = queryWords(query);
  if (words.length === 0) return { hits: [], more: false };
  const candidates = await findCandidates(db, query);
  const hits: SearchHit[] = [];
  const BATCH = 20;
  for (let at = 0; at < candidates.length && hits.length <= limit; at += BATCH) {
    const batch = await keysOf(db, candidates.slice(at, at + BATCH));
    const articleIds = batch.filter((key) => key.startsWith('article:')).map((key) => key.slice(8));
    const annotationIds = batch.filter((key) => key.startsWith('annotation:')).map((key) => key.slice(11));
    const [articles, annotations] = await Promise.all([
      db.articles.bulkGet(articleIds),
      db.annotations.bulkGet(annotationIds),
    ]);
    const owners = await db.articles.bulkGet(
      annotations.flatMap((annotation) => (annotation ? [annotation.articleId] : [])),
    );
    const ownerById = new Map(owners.flatMap((owner) => (owner ? [[owner.id, owner] as const] : [])));
    for (const article of articles) {
      if (!article || !holdsAll(articleSearchText(article), words)) continue;
      const title = passageOf(article.title, words);
      // The title is shown once, marked; a passage only where the text holds more than the title.
      const passage = passageOf(article.text, words) ?? (title ? null : passageOf(articleSearchText(article), words));
      hits.push({ kind: 'article', article: summaryOf(article, 0), title, passage });
    }
    for (const annotation of annotations) {
      const owner = annotation && ownerById.get(annotation.articleId);
      if (!annotation || !owner || !holdsAll(annotationSearchText(annotation), words)) continue;
      const passage = passageOf(annotationSearchText(annotation), words);
      if (passage)
        hits.push({
          kind: 'annotation',
          annotation,
          article: { id: owner.id, title: owner.title, url: owner.url },
          passage,
        });
    }
  }
  return { hits: hits.slice(0, limit), more: hits.length > limit };
}
