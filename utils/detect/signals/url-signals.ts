import type { Signal } from './signal';

/**
 * Address shapes of portal CMSs' article pages: content_123.htm, /t20181102_123.html,
 * art_1_2.html, c_123.htm, /n1/2019/0615/c1013-31153719.html, /2018-11/02/…, /20240515/<hash>/c.html,
 * doc-<id>.shtml, /detail/…, /202311/17/….
 */
const ARTICLE_PATHS: readonly RegExp[] = [
  /\/content_\d+\.s?html?$/i,
  /\/t\d{8}_\d+\.s?html?$/i,
  /\/art_\d+_\d+\.html?$/i,
  /\/c_\d+\.s?html?$/i,
  /\/c\d+-\d+\.html?$/i,
  /\/(?:19|20)\d{2}-\d{2}\/\d{2}\/[^/]+$/,
  /\/(?:19|20)\d{6}\/[0-9a-f]{16,}\/c\.html?$/i,
  /\/(?:19|20)\d{2}\/\d{2}-?\d{2}\/[^/]+\.s?html?$/i,
  /\/doc-[a-z0-9]+\.s?html?$/i,
  /\/detail\/(?:19|20)\d{6}\/[^/]+\.html?$/i,
  /\/(?:19|20)\d{2}(?:0[1-9]|1[0-2])\/t(?:19|20)\d{6}_\d+\.html?$/i,
  /\/(?:19|20)\d{2}(?:0[1-9]|1[0-2])\/\d{2}\/[^/]+\.s?html?$/i,
];

/** Addresses of home, column and list pages, and of search results and forums. */
const NON_ARTICLE_PATHS: readonly RegExp[] = [
  /^\/(?:index\.s?html?|default\.aspx?)?$/i,
  /\/(?:list|index)(?:_\d+)?\.s?html?$/i,
  /\/(?:search|s|so)(?:\/|$)/i,
  /\/(?:bbs|forum|thread|tieba)\b/i,
];

export const articleUrl: Signal = {
  name: 'article-url',
  test: ({ url }) => {
    if (!url) return 0;
    if (ARTICLE_PATHS.some((pattern) => pattern.test(url.pathname))) return 2;
    if (NON_ARTICLE_PATHS.some((pattern) => pattern.test(url.pathname))) return -2;
    if (/[?&](?:q|wd|keyword|query|kw)=/i.test(url.search)) return -2;
    return 0;
  },
};
