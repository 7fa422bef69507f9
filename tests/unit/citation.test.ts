import { describe, expect, it } from 'vitest';
import { citeQuote } from '@/utils/annotate/citation';

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
