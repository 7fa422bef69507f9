import { PORTAL_MATCH_PATTERNS, matchPatternsForDomain } from '../portal-sites';

/**
 * Content-script match patterns for the origins the user granted in the options page,
 * leaving out what the manifest already covers so the script is never injected twice. Sites are
 * granted for any scheme (`*://`); an origin granted with its scheme is group sync's WebDAV
 * server, which Pizhu only talks to and never runs on.
 */
export function userSiteMatches(grantedOrigins: readonly string[]): string[] {
  const builtIn = new Set(PORTAL_MATCH_PATTERNS);
  return [...new Set(grantedOrigins)].filter((origin) => origin.startsWith('*://') && !builtIn.has(origin)).sort();
}

/**
 * Turns what the user typed ("example.com", "https://news.example.com/a/b") into the host
 * permission to ask for: the host and its subdomains, over http and https.
 */
export function originsForSite(input: string): string[] | null {
  const trimmed = input.trim().toLowerCase();
  if (!trimmed) return null;
  let host: string;
  try {
    host = new URL(/^[a-z][a-z0-9+.-]*:\/\//.test(trimmed) ? trimmed : `http://${trimmed}`).hostname;
  } catch {
    return null;
  }
  host = host
    .replace(/^\*\./, '')
    .replace(/^www\./, '')
    .replace(/\.$/, '');
  if (
    !/^([a-z0-9-]+\.)+[a-z0-9-]{2,}$/.test(host) ||
    host.split('.').some((label) => !label || label.startsWith('-'))
  ) {
    return null;
  }
  return matchPatternsForDomain(host);
}

/**
 * The sites the user added, from the origins the browser says are granted. Firefox counts the
 * manifest's content-script matches among granted origins, so the built-in portals and the
 * all-sites pattern are left out: they are not the user's to remove here.
 */
export function userAddedSites(grantedOrigins: readonly string[]): string[] {
  const sites = userSiteMatches(grantedOrigins)
    .map(siteOfPattern)
    .filter((site): site is string => site !== null);
  return [...new Set(sites)].sort();
}

/** The site a granted pattern stands for, as shown in the options page. */
export function siteOfPattern(pattern: string): string | null {
  const match = /^\*:\/\/(?:\*\.)?([^/*]+)\/\*$/.exec(pattern);
  return match?.[1] ?? null;
}
