// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { detectArticle } from '@/utils/detect/detect-article';
import {
  cmsBody,
  datedHeadline,
  infoLine,
  linkHeavy,
  noProse,
  readerable,
  singleHeadline,
} from '@/utils/detect/signals/content-signals';
import { articleMarkup, govMetaTags } from '@/utils/detect/signals/metadata-signals';
import { readPageFacts, type Signal } from '@/utils/detect/signals/signal';
import { readPage } from '@/utils/extract/page-reading';
import { articleUrl } from '@/utils/detect/signals/url-signals';
import { parsePage, portalPageHtml } from '../support/portal-page';

const ARTICLE_URL = 'http://www.test.gov.cn/news/2024-03/05/content_1234.htm';

function weigh(signal: Signal, html: string, url: string | null = null): number {
  const document = parsePage(html, url ?? 'https://example.invalid/');
  return signal.test(readPageFacts(document, url ? new URL(url) : null, readPage(document)));
}

function listPageHtml(): string {
  const items = Array.from(
    { length: 60 },
    (_, index) =>
      `<li><a href="/news/2024-03/0${(index % 9) + 1}/content_${index}.htm">测试新闻标题第${index}条，关于公共服务的报道</a><span>2024-03-05</span></li>`,
  ).join('');
  return `<!DOCTYPE html><html><head><title>新闻列表_测试新闻网</title></head><body><ul>${items}</ul></body></html>`;
}

describe('article signals', () => {
  it('gov-meta: counts ArticleTitle, PubDate and ContentSource in any case', () => {
    expect(
      weigh(govMetaTags, portalPageHtml({ meta: { ArticleTitle: 'x', pubdate: '2024-03-05', CONTENTSOURCE: 'y' } })),
    ).toBe(3);
    expect(weigh(govMetaTags, portalPageHtml({ meta: { ArticleTitle: 'x' } }))).toBe(1);
    expect(weigh(govMetaTags, portalPageHtml({ meta: { ArticleTitle: '  ' } }))).toBe(0);
  });

  it('article-markup: reads og:type and JSON-LD', () => {
    const og = '<html><head><meta property="og:type" content="article"></head><body></body></html>';
    const ld =
      '<html><head><script type="application/ld+json">{"@type":"NewsArticle"}</script></head><body></body></html>';
    expect(weigh(articleMarkup, og)).toBe(2);
    expect(weigh(articleMarkup, ld)).toBe(2);
    expect(weigh(articleMarkup, '<html><body></body></html>')).toBe(0);
  });

  it.each([
    'http://www.test.gov.cn/news/2024-03/05/content_1234.htm',
    'http://www.test.gov.cn/zwgk/202403/t20240305_5678.html',
    'http://www.test.gov.cn/art/2024/3/5/art_12_3456.html',
    'http://www.test.com.cn/n1/2024/0305/c1001-4023.html',
    'http://www.test.cn/20240305/0123456789abcdef0123/c.html',
  ])('article-url: knows the CMS shape of %s', (url) => {
    expect(weigh(articleUrl, '<html><body></body></html>', url)).toBe(2);
  });

  it.each([
    'http://www.test.gov.cn/',
    'http://www.test.gov.cn/news/index.html',
    'http://www.test.gov.cn/search?q=政法',
  ])('article-url: counts %s against', (url) => {
    expect(weigh(articleUrl, '<html><body></body></html>', url)).toBeLessThan(0);
  });

  it('info-line: finds 发布时间 / 来源 lines, not a bare date in a list', () => {
    expect(weigh(infoLine, portalPageHtml())).toBe(2);
    expect(weigh(infoLine, '<html><body><p>2024-03-05</p><p>测试</p></body></html>')).toBe(0);
  });

  it('cms-body: needs a CMS container with real text in it', () => {
    expect(weigh(cmsBody, portalPageHtml())).toBe(0);
    const long = portalPageHtml({ bodyHtml: `<p>${'测试正文内容。'.repeat(60)}</p>` });
    expect(weigh(cmsBody, long)).toBe(1);
  });

  it('readerable and single-headline: prose under one headline', () => {
    const article = portalPageHtml({ bodyHtml: `<p>${'测试正文内容，用于检测。'.repeat(20)}</p>`.repeat(3) });
    expect(weigh(readerable, article)).toBe(2);
    expect(weigh(singleHeadline, article)).toBe(1);
    expect(weigh(singleHeadline, listPageHtml())).toBe(0);
  });

  it('no-prose: a page without a paragraph outside links counts against', () => {
    expect(weigh(noProse, listPageHtml())).toBe(-3);
    expect(weigh(noProse, portalPageHtml())).toBe(0);
  });

  it('dated-headline: a date and time shortly after the headline', () => {
    expect(weigh(datedHeadline, portalPageHtml({ infoLine: '2024-03-05 10:20' }))).toBe(1);
    expect(weigh(datedHeadline, portalPageHtml({ infoLine: '测试日报' }))).toBe(0);
  });

  it('link-heavy: a page of links counts against', () => {
    expect(weigh(linkHeavy, listPageHtml())).toBeLessThan(0);
    expect(weigh(linkHeavy, portalPageHtml())).toBe(0);
  });
});

describe('detectArticle', () => {
  it('takes a portal article for an article and says why', () => {
    const detection = detectArticle(parsePage(portalPageHtml(), ARTICLE_URL), ARTICLE_URL);
    expect(detection.isArticle).toBe(true);
    expect(detection.reasons).toEqual(expect.arrayContaining(['article-url+2', 'info-line+2']));
  });

  it('does not take a list page for an article', () => {
    const url = 'http://www.test.gov.cn/news/index.html';
    expect(detectArticle(parsePage(listPageHtml(), url), url).isArticle).toBe(false);
  });

  it('survives a page without a body or a usable address', () => {
    const document = parsePage('<html></html>');
    document.body?.remove();
    expect(detectArticle(document, 'not a url')).toMatchObject({ isArticle: false });
  });
});
