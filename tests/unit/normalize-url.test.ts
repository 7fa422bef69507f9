import { describe, expect, it } from 'vitest';
import { normalizeUrl } from '@/utils/url/normalize-url';

describe('normalizeUrl', () => {
  it('gives one key to the addresses of one article', () => {
    const key = normalizeUrl('https://www.gov.cn/zhengce/content_1.htm');
    for (const variant of [
      'http://www.gov.cn/zhengce/content_1.htm',
      'https://WWW.GOV.CN/zhengce/content_1.htm#part2',
      'https://www.gov.cn:443/zhengce/content_1.htm?utm_source=wechat&utm_medium=share',
    ]) {
      expect(normalizeUrl(variant)).toBe(key);
    }
  });

  it('drops a trailing index page but keeps meaningful query strings', () => {
    expect(normalizeUrl('http://www.people.com.cn/n1/index.html')).toBe('https://www.people.com.cn/n1/');
    expect(normalizeUrl('http://x.gov.cn/art.jsp?id=2&cat=5')).toBe('https://x.gov.cn/art.jsp?cat=5&id=2');
    expect(normalizeUrl('http://x.gov.cn/art.jsp?id=2')).not.toBe(normalizeUrl('http://x.gov.cn/art.jsp?id=3'));
  });
});
