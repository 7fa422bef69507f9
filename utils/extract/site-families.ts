/**
 * What Pizhu knows of particular site families, as data and nothing else: where a family's
 * templates hold the body, and which keys of the article data its pages carry for their own
 * scripts name the outlet, the author and the date. Like a reader's site adapters, an entry helps
 * only the pages of its own domains; every generic rule must stand without it, and the extraction
 * benchmark scores each site's pages with the entries that name it switched off
 * (leave-one-site-out) to show that they do.
 */
export interface ScriptData {
  /** The script variable that holds the article's data (window.X = {…} or var X = {…}). */
  variable: string;
  /** The keys inside it, in order of preference, for each field. */
  source?: readonly string[];
  author?: readonly string[];
  published?: readonly string[];
}

export interface SiteFamily {
  name: string;
  /** Host names the family covers; a subdomain belongs to its domain. */
  domains: readonly string[];
  /** Body containers of the family's templates, tried before the CMS containers every site may use. */
  bodySelectors?: readonly string[];
  scriptData?: readonly ScriptData[];
}

export const SITE_FAMILIES: readonly SiteFamily[] = [
  { name: '人民网', domains: ['people.com.cn'], bodySelectors: ['.rm_txt_con', '#rwb_zw', '.box_con'] },
  {
    name: '新华网',
    domains: ['xinhuanet.com', 'news.cn'],
    bodySelectors: ['#detail', '.main-aticle', '#p-detail'],
    scriptData: [{ variable: 'BFD_INFO', source: ['source'], author: ['author'], published: ['ptime'] }],
  },
  { name: '中国新闻网', domains: ['chinanews.com', 'chinanews.com.cn'], bodySelectors: ['.left_zw'] },
  {
    name: '新浪',
    domains: ['sina.com.cn', 'sina.cn'],
    scriptData: [
      { variable: 'ARTICLE_DATA', source: ['source'], published: ['pagepubtime'] },
      { variable: 'SINA_TEXT_PAGE_INFO', source: ['source'], published: ['pagepubtime'] },
    ],
  },
  {
    name: '凤凰网',
    domains: ['ifeng.com'],
    scriptData: [{ variable: 'allData', source: ['source'], published: ['newsTime'] }],
  },
  {
    name: '腾讯网',
    domains: ['qq.com'],
    scriptData: [{ variable: 'DATA', source: ['media'], published: ['pubtime'] }],
  },
  {
    name: '今日头条',
    domains: ['toutiao.com'],
    scriptData: [{ variable: 'BASE_DATA', source: ['source'], published: ['publishTime', 'time'] }],
  },
];

const hostOf = (url: string) => {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return '';
  }
};

const covers = (domain: string, host: string) => host === domain || host.endsWith(`.${domain}`);

/**
 * The families whose domains cover `url`'s host. `leaveOut` (a site's domain) switches off every
 * family that names that site, for scoring rules on sites they never saw.
 */
export function siteFamiliesFor(url: string, leaveOut?: string): SiteFamily[] {
  const host = hostOf(url);
  if (!host) return [];
  return SITE_FAMILIES.filter(
    (family) =>
      family.domains.some((domain) => covers(domain, host)) &&
      !(leaveOut && family.domains.some((domain) => covers(domain, leaveOut) || covers(leaveOut, domain))),
  );
}

/** The body containers the families name, in their order. */
export const familyBodySelectors = (families: readonly SiteFamily[]) =>
  families.flatMap((family) => family.bodySelectors ?? []);
