/**
 * The one list of sites where Pizhu runs by itself. Everything else needs the
 * user's consent: a toolbar click (activeTab) or an optional host permission.
 *
 * Each entry is a registrable domain; its subdomains are included, which is how
 * provincial and municipal sites (e.g. the 长安网群 under chinapeace.gov.cn, or
 * every *.gov.cn government portal) are covered without listing them one by one.
 */
export const PORTAL_DOMAINS: readonly string[] = [
  // Government portals, including most provincial 长安网 sites and 中国长安网 itself.
  'gov.cn',
  // Provincial 长安网 and political-legal sites outside gov.cn.
  'hebcaw.org.cn',
  'jszf.org',
  'gdzf.org.cn',
  'chinacourt.org',
  'legaldaily.com.cn',
  'jcrb.com',
  // Central news portals.
  'people.com.cn',
  'xinhuanet.com',
  'news.cn',
  'gmw.cn',
  'youth.cn',
  'chinanews.com.cn',
  'chinanews.com',
  'china.com.cn',
  'cctv.com',
  'qstheory.cn',
  'chinadaily.com.cn',
  'ce.cn',
  'cnr.cn',
  'banyuetan.org',
  'theorychina.org.cn',
  // Provincial news portals.
  'southcn.com',
  'hebnews.cn',
  'dbw.cn',
  'nen.com.cn',
  'cjn.cn',
];

/** Match patterns (for the manifest and for `scripting`) covering a domain and all its subdomains. */
export function matchPatternsForDomain(domain: string): string[] {
  // `*.example.com` also matches example.com itself.
  return [`*://*.${domain}/*`];
}

export const PORTAL_MATCH_PATTERNS: readonly string[] = PORTAL_DOMAINS.flatMap(matchPatternsForDomain);

/** True when `hostname` is one of the portal domains or a subdomain of one. */
export function isPortalHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return PORTAL_DOMAINS.some((domain) => host === domain || host.endsWith(`.${domain}`));
}
