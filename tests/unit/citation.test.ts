import { describe, expect, it } from 'vitest';
import { citeQuote, gbtReference } from '@/utils/annotate/citation';

describe('citeQuote', () => {
  it('follows the quote with 《title》, source, publish time as shown, and address', () => {
    expect(
      citeQuote('引用的文字', {
        title: '测试标题',
        source: '测试来源',
        publishedText: '2024-03-05 10:00',
        publishedAt: '2024-03-05T10:00:00+08:00',
        url: 'http://www.test.gov.cn/a.htm',
      }),
    ).toBe('「引用的文字」\n——《测试标题》 测试来源 2024-03-05 10:00 http://www.test.gov.cn/a.htm');
  });

  it('leaves out what the page does not say, and falls back to the date of a machine-read time', () => {
    expect(
      citeQuote('文字', {
        title: '标题',
        source: null,
        publishedText: null,
        publishedAt: '2024-03-05T10:00:00+08:00',
        url: 'http://a.gov.cn/',
      }),
    ).toBe('「文字」\n——《标题》 2024-03-05 http://a.gov.cn/');
  });
});

describe('gbtReference (GB/T 7714-2015, electronic resource)', () => {
  const article = {
    title: '关于推进测试工作的意见',
    author: null,
    source: null,
    publishedAt: '2024-03-05T10:00:00+08:00',
    url: 'http://www.test.gov.cn/a/content_1.htm',
  };

  it('names the authors, then the title as [EB/OL], (published)[cited] and the address, in the standard’s punctuation', () => {
    expect(gbtReference({ ...article, author: '张三 李四' }, '2024-03-10')).toBe(
      '张三, 李四. 关于推进测试工作的意见[EB/OL]. (2024-03-05)[2024-03-10]. http://www.test.gov.cn/a/content_1.htm.',
    );
  });

  it('names three authors at most, then 等', () => {
    expect(gbtReference({ ...article, author: '甲乙 丙丁 戊己 庚辛' }, '2024-03-10')).toMatch(
      /^甲乙, 丙丁, 戊己, 等\. /,
    );
  });

  it('takes the 来源 as the responsible body where no author is named, and begins with the title where neither is', () => {
    expect(gbtReference({ ...article, source: '测试日报' }, '2024-03-10')).toMatch(/^测试日报\. 关于/);
    expect(gbtReference(article, '2024-03-10')).toMatch(/^关于推进测试工作的意见\[EB\/OL\]/);
  });

  it('leaves out a publication date it does not have, never the date it is cited', () => {
    expect(gbtReference({ ...article, publishedAt: null }, '2024-03-10')).toBe(
      '关于推进测试工作的意见[EB/OL]. [2024-03-10]. http://www.test.gov.cn/a/content_1.htm.',
    );
  });

  it('reads corrected metadata as given: the title’s own closing full stop is not doubled', () => {
    expect(gbtReference({ ...article, title: '一个标题。' }, '2024-03-10')).toMatch(/^一个标题\[EB\/OL\]/);
  });
});
