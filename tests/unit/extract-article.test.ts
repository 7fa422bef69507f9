// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { extractArticle } from '@/utils/extract/extract-article';
import { paragraphs, parsePage, portalPageHtml, SAMPLE_PARAGRAPHS } from '../support/portal-page';

const URL = 'http://www.test.gov.cn/news/2024-03/05/content_1234.htm';
const extract = (html: string) => extractArticle(parsePage(html, URL), URL);

describe('extractArticle on a portal page', () => {
  const article = extract(portalPageHtml());

  it('takes the heading as the title, not <title> with the site suffix', () => {
    expect(article.title).toBe('测试市推进公共法律服务体系建设');
  });

  it('reads the 发布时间 / 来源 / 作者 line under the title', () => {
    expect(article.publishedAt).toBe('2024-03-05T10:20+08:00');
    expect(article.publishedText).toBe('2024-03-05 10:20');
    expect(article.source).toBe('测试日报');
    expect(article.author).toBe('王小明');
  });

  it('reads the 责任编辑 below the body and keeps it out of the text', () => {
    expect(article.editor).toBe('李明');
    expect(article.text).not.toContain('责任编辑');
  });

  it('keeps the body, from its first to its last paragraph', () => {
    expect(article.text.split('\n')).toEqual(SAMPLE_PARAGRAPHS);
    expect(article.length).toBe(SAMPLE_PARAGRAPHS.join('').length);
  });

  it('builds an outline from Chinese numbered headings', () => {
    expect(article.outline).toEqual([
      { level: 1, text: '一、完善服务网络' },
      { level: 2, text: '（一）推进站点建设' },
      { level: 2, text: '（二）加强队伍培训' },
      { level: 1, text: '二、拓展服务内容' },
    ]);
  });

  it('sanitizes the body HTML', () => {
    expect(article.html).toContain('<p>');
    expect(article.html).not.toContain('class=');
  });
});

describe('portal rules', () => {
  it('prefers the CMS ArticleTitle meta tag, whatever its case', () => {
    const article = extract(portalPageHtml({ meta: { articletitle: ' 元数据里的标题 ' }, heading: '页面上的标题' }));
    expect(article.title).toBe('元数据里的标题');
  });

  it('cuts the site suffix from <title> when no heading matches', () => {
    const article = extract(
      portalPageHtml({ documentTitle: '没有标题元素的文章-测试新闻网', heading: '', headingTag: 'span', infoLine: '' }),
    );
    expect(article.title).toBe('没有标题元素的文章');
  });

  it('never takes the 责任编辑 for the author', () => {
    const article = extract(
      portalPageHtml({
        infoLine: '2024-03-05 10:20 来源：测试日报',
        bodyHtml: paragraphs([...SAMPLE_PARAGRAPHS.slice(0, -1), `${SAMPLE_PARAGRAPHS.at(-1)}（李明）`]),
      }),
    );
    expect(article.editor).toBe('李明');
    expect(article.author).toBeNull();
  });

  it('never takes the source for the author or the site name for the source', () => {
    const article = extract(portalPageHtml({ infoLine: '2024-03-05', meta: { SiteName: '测试新闻网' } }));
    expect(article.source).toBeNull();
    expect(article.author).toBeNull();
    expect(article.siteName).toBe('测试新闻网');
  });

  it('finds the reporter in a dateline', () => {
    const article = extract(
      portalPageHtml({
        infoLine: '2024-03-05 10:20 来源：测试社',
        bodyHtml: paragraphs([
          `测试社北京3月5日电（记者张三、李四）${SAMPLE_PARAGRAPHS[0]}`,
          ...SAMPLE_PARAGRAPHS.slice(1),
        ]),
      }),
    );
    expect(article.author).toBe('张三 李四');
  });

  it('finds a trailing （name） attribution and drops a line that holds only it', () => {
    const article = extract(
      portalPageHtml({
        infoLine: '2024-03-05 来源：测试日报',
        bodyHtml: paragraphs([...SAMPLE_PARAGRAPHS, '（赵六）']),
        afterBody: '',
      }),
    );
    expect(article.author).toBe('赵六');
    expect(article.text).not.toContain('赵六');
  });

  it('reads a value in its own element after the label', () => {
    const article = extract(
      portalPageHtml({ infoLine: '<span>来源：</span><span>测试晚报</span> <span>2024年03月05日 08:09</span>' }),
    );
    expect(article.source).toBe('测试晚报');
    expect(article.publishedAt).toBe('2024-03-05T08:09+08:00');
  });

  it('reads a value printed on the line after its label', () => {
    const article = extract(portalPageHtml({ infoLine: '<div>2024-03-05 08:09 来源：</div><div>测试晚报</div>' }));
    expect(article.source).toBe('测试晚报');
  });

  it('does not take the next line for an empty label when it is text or chrome', () => {
    const article = extract(
      portalPageHtml({
        infoLine: '发布时间: 2024-03-05 来源: 测试日报 作者:',
        afterBody: '<div>责编:</div><div>【加入收藏】 【关闭窗口】 【打印此文】</div>',
      }),
    );
    expect(article.author).toBeNull();
    expect(article.editor).toBeNull();
  });

  it('removes portal chrome from the body', () => {
    const chrome = [
      '【打印此文】 【关闭窗口】 【加入收藏】',
      '字号：大 中 小',
      '分享到：微信 微博',
      '原标题：测试用的原标题',
      '扫一扫在手机打开当前页',
    ];
    const article = extract(
      portalPageHtml({ bodyHtml: paragraphs([chrome[3]!, ...SAMPLE_PARAGRAPHS, ...chrome.slice(0, 3), chrome[4]!]) }),
    );
    for (const line of chrome) expect(article.text).not.toContain(line);
    expect(article.text.split('\n')).toEqual(SAMPLE_PARAGRAPHS);
  });

  it('removes a video player inside the site-marked body container, and keeps one that holds the prose', () => {
    const player = '<div class="video-player"><span>00:00 / 03:12</span><span>播放</span></div>';
    const withPlayer = extract(portalPageHtml({ bodyHtml: player + paragraphs() }));
    expect(withPlayer.text.split('\n')).toEqual(SAMPLE_PARAGRAPHS);
    const proseInPlayer = extract(portalPageHtml({ bodyHtml: `<div class="player-wrap">${paragraphs()}</div>` }));
    expect(proseInPlayer.text.split('\n')).toEqual(SAMPLE_PARAGRAPHS);
  });

  it('ends the body at pagination and related stories on page 1 of a multi-page story', () => {
    const article = extract(
      portalPageHtml({
        bodyHtml: `${paragraphs()}<div>首页 | 上一页 1 2 3 下一页 | 尾页</div><p>另一篇新闻的摘要文字，不属于本文。【详细】</p>`,
      }),
    );
    expect(article.text.split('\n')).toEqual(SAMPLE_PARAGRAPHS);
  });

  it('gives the date alone when no time is shown', () => {
    const article = extract(portalPageHtml({ infoLine: '日期：2024/3/5　来源：测试日报' }));
    expect(article.publishedAt).toBe('2024-03-05');
  });
});

/** Classes of mistakes seen on pages nobody tuned on, each stated as what a page of any site prints. */
describe('rules for sites nobody tuned on', () => {
  it('reads a reporter before a slash and where they reported from, in either script', () => {
    const opening = (byline: string) =>
      extract(
        portalPageHtml({
          infoLine: '2024-03-05 10:20',
          bodyHtml: paragraphs([`${byline}${SAMPLE_PARAGRAPHS[0]}`, ...SAMPLE_PARAGRAPHS.slice(1)]),
        }),
      ).author;
    expect(opening('〔記者林小明／台北報導〕')).toBe('林小明');
    expect(opening('本报记者 张三/北京报道 ')).toBe('张三');
    const closing = extract(
      portalPageHtml({
        infoLine: '2024-03-05 10:20',
        bodyHtml: paragraphs([...SAMPLE_PARAGRAPHS.slice(0, -1), `${SAMPLE_PARAGRAPHS.at(-1)}（王大同／台中報導）`]),
      }),
    );
    expect(closing.author).toBe('王大同');
  });

  it('keeps the credits after an outlet out of the 来源 and takes the text credit for the author', () => {
    const article = extract(portalPageHtml({ infoLine: '来源：测试大学党支部 文/王爽 图/吕欣　时间：2024-03-05' }));
    expect(article.source).toBe('测试大学党支部');
    expect(article.author).toBe('王爽');
  });

  it('leaves what the site did with a piece out of the outlet printed beside the date', () => {
    expect(extract(portalPageHtml({ infoLine: '2024-03-05 11:10 测试星空[整理]' })).source).toBe('测试星空');
  });

  it('prefers the date a record table labels as the publication date to a related link’s date', () => {
    const article = extract(
      portalPageHtml({
        navigation:
          '<table><tr><td>索引号：</td><td>0147/2023-0043</td></tr><tr><td>生成日期：</td><td>2023-05-11</td></tr></table>',
        infoLine: '<a href="/x">图文解读：《测试公报》</a><span>2023-07-12</span>',
      }),
    );
    expect(article.publishedAt).toBe('2023-05-11');
  });

  it('reads a time on the 12-hour clock and takes no column link beside the date for the source', () => {
    const article = extract(
      portalPageHtml({
        infoLine: '<time>2024年 3月 5日 下午10:20</time> • <a href="/category/test/" rel="category tag">测试栏目</a>',
      }),
    );
    expect(article.publishedAt).toBe('2024-03-05T22:20+08:00');
    expect(article.source).toBeNull();
  });

  it('takes the site’s own name in its metadata for no source, and its <title> prefix for no site name', () => {
    const article = extract(
      portalPageHtml({
        documentTitle: '测试栏目--测试市推进公共法律服务体系建设',
        meta: { source: '测试新闻网', 'og:site_name': '测试新闻网' },
        infoLine: '2024-03-05 10:20',
      }),
    );
    expect(article.title).toBe('测试市推进公共法律服务体系建设');
    expect(article.source).toBeNull();
  });

  it('takes the heading <title> names over a related story’s title above its date', () => {
    const shareBar = ['用LINE傳送', '+', '分享', '留言', '列印', 'A-A+']
      .map((text) => `<div class="tool">${text}</div>`)
      .join('');
    const article = extract(
      portalPageHtml({
        infoLine: `${shareBar}<div>2024-03-05 10:20 测试日报</div>`,
        afterBody: '<h3 class="also">另一则测试新闻的标题</h3><div class="dt">2024-03-06 22:54</div>',
      }),
    );
    expect(article.title).toBe('测试市推进公共法律服务体系建设');
    expect(article.publishedAt).toBe('2024-03-05T10:20+08:00');
  });

  it('reads an official document’s date of issue, however old, in the ROC calendar', () => {
    const record = (row: string) =>
      extract(
        portalPageHtml({
          documentTitle: '测试文件第 1 号',
          heading: '',
          navigation: `<table><tr><th>解釋字號</th><td>第 1 號</td></tr><tr><th>公布</th><td>${row}</td></tr></table>`,
          infoLine: '',
        }),
      ).publishedAt;
    expect(record('中華民國 107年1月26日 院台字第1070002941號')).toBe('2018-01-26');
    expect(record('解釋公布日期：民國 38年1月6日')).toBe('1949-01-06');
  });

  it('takes no byline from a related story’s link', () => {
    const article = extract(
      portalPageHtml({
        infoLine: '发布时间：2024-03-05',
        afterBody: '<ul><li><a href="/1112062.html">另一篇测试小说全文阅读 作者：周小明</a></li></ul>',
      }),
    );
    expect(article.author).toBeNull();
  });

  it('reads the date shown under a photo’s caption before a metadata time in another zone', () => {
    const article = extract(
      portalPageHtml({
        meta: { pubdate: '2024-03-05T10:20:35Z' },
        infoLine: '',
        bodyHtml: `<p>测试现场的照片。（图／测试）</p><div class="text">2024-03-05 10:20</div>${paragraphs()}`,
      }),
    );
    expect(article.publishedAt).toBe('2024-03-05T10:20+08:00');
  });
});
