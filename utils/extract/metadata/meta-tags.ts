/**
 * The page's <meta> values by lower-cased name or property. Government CMSs write the same
 * field many ways (ArticleTitle, articletitle, ARTICLETITLE), and values often carry stray spaces.
 */
export type MetaTags = ReadonlyMap<string, string>;

export function readMetaTags(document: Document): MetaTags {
  const tags = new Map<string, string>();
  for (const meta of document.querySelectorAll('meta')) {
    const key = (meta.getAttribute('name') ?? meta.getAttribute('property') ?? meta.getAttribute('itemprop') ?? '')
      .trim()
      .toLowerCase();
    const value = meta.getAttribute('content')?.replace(/\s+/g, ' ').trim();
    if (key && value && !tags.has(key)) tags.set(key, value);
  }
  return tags;
}

/** The first of `names` that has a value. */
export function metaValue(tags: MetaTags, ...names: string[]): string | null {
  for (const name of names) {
    const value = tags.get(name.toLowerCase());
    if (value) return value;
  }
  return null;
}

/** Schema.org article objects from JSON-LD blocks; broken JSON is ignored. */
export function readJsonLdArticles(document: Document): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const visit = (value: unknown) => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!value || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    const type = record['@type'];
    const types = Array.isArray(type) ? type : [type];
    if (
      types.some(
        (item) => typeof item === 'string' && /^(News)?Article$|^BlogPosting$|^ReportageNewsArticle$/.test(item),
      )
    ) {
      found.push(record);
    }
    if (record['@graph']) visit(record['@graph']);
  };
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      visit(JSON.parse(script.textContent ?? ''));
    } catch {
      // Broken JSON-LD is common; it just gives no evidence.
    }
  }
  return found;
}
