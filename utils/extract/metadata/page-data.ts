import { normalizeSpace } from '../../text/normalize-space';
import type { SiteFamily } from '../site-families';
import { metaValue, readJsonLdArticles, type MetaTags } from './meta-tags';
import { readScriptData } from './script-data';

/**
 * What the page says of itself as data, before any line of its text: the meta tags Chinese CMSs
 * write (TRS/WCM's ContentSource and Author, <meta name="source|author|mediaid">), JSON-LD and
 * og:/article: tags, and the article data a site family embeds for its scripts. A site-wide
 * default is no value: a portal that writes its own name as every page's author names no author.
 */
export interface PageData {
  source: string | null;
  /** The source is the site's own name, as its template writes on every page: a default, not this page's. */
  sourceIsSiteDefault: boolean;
  author: string | null;
}

interface PageDataInput {
  document: Document;
  url: string;
  meta: MetaTags;
  families?: readonly SiteFamily[];
}

const personOf = (value: unknown): string | null => {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    const names = value.map(personOf).filter((name): name is string => !!name);
    return names.length ? names.join(' ') : null;
  }
  if (value && typeof value === 'object' && typeof (value as { name?: unknown }).name === 'string')
    return (value as { name: string }).name;
  return null;
};

/** Whether `text` is the site's own name, or its name before a suffix (三立新聞網 of 三立新聞網 SETN.COM). */
const isSiteName = (text: string, siteName: string | null) =>
  !!siteName && (text === siteName || siteName.startsWith(text));

/** A value that is an address or is the site's own name says nothing about this article. */
function ownValue(value: string | null, siteName: string | null, url: string): string | null {
  if (!value) return null;
  const text = normalizeSpace(value);
  if (!text || /^(?:https?:)?\/\//i.test(text)) return null;
  if (isSiteName(text, siteName)) return null;
  try {
    const host = new URL(url).hostname.replace(/^www\./, '');
    if (text.toLowerCase() === host || text.toLowerCase().endsWith(`.${host}`)) return null;
  } catch {
    // An address that does not parse has no host to compare with.
  }
  return text;
}

export function readPageData(input: PageDataInput, siteName: string | null): PageData {
  const script = readScriptData(
    input.document,
    (input.families ?? []).flatMap((family) => family.scriptData ?? []),
  );
  const jsonLd = readJsonLdArticles(input.document);
  const source =
    metaValue(input.meta, 'ContentSource', 'source', 'Copyright_Source', 'mediaid') ?? script.source ?? null;
  const author =
    ownValue(metaValue(input.meta, 'Author', 'article:author', 'dc.creator'), siteName, input.url) ??
    ownValue(jsonLd.map((article) => personOf(article.author)).find(Boolean) ?? null, siteName, input.url) ??
    ownValue(script.author, siteName, input.url);
  const sourceText = source ? normalizeSpace(source) : null;
  return { source, sourceIsSiteDefault: !!sourceText && isSiteName(sourceText, siteName), author };
}
