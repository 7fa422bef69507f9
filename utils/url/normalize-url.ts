/**
 * The key an article is stored and looked up under. Two addresses of the same article
 * must give the same key; two different articles must not.
 */
const TRACKING_PARAMS = /^(utm_[a-z]+|spm|from|share_token|fbclid|gclid|wxshare_count|isappinstalled)$/i;
const DEFAULT_DOCUMENTS = /\/(index|default)\.(html?|shtml|php|aspx?|jsp)$/i;

/**
 * Keys already made, by address: a group's join asks for the same hundred articles' keys tens of
 * thousands of times (parsing them took 0.7 s of a 10-member join's worker time). Bounded, as
 * addresses come from files.
 */
const madeKeys = new Map<string, string>();
const MADE_KEYS_MAX = 1_024;

export function normalizeUrl(input: string): string {
  const made = madeKeys.get(input);
  if (made !== undefined) return made;
  const key = keyOf(input);
  if (madeKeys.size >= MADE_KEYS_MAX) madeKeys.clear();
  madeKeys.set(input, key);
  return key;
}

function keyOf(input: string): string {
  const url = new URL(input);
  url.hash = '';
  url.hostname = url.hostname.toLowerCase().replace(/\.$/, '');
  if ((url.protocol === 'http:' && url.port === '80') || (url.protocol === 'https:' && url.port === '443')) {
    url.port = '';
  }
  for (const key of [...url.searchParams.keys()]) {
    if (TRACKING_PARAMS.test(key)) url.searchParams.delete(key);
  }
  // Query strings often carry the article id on portal CMSs (e.g. ?id=123), so they stay, sorted.
  url.searchParams.sort();
  url.pathname = url.pathname.replace(DEFAULT_DOCUMENTS, '/');
  // http and https serve the same article on these sites; one key for both.
  url.protocol = 'https:';
  return url.toString();
}
