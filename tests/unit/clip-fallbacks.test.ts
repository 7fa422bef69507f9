// @vitest-environment jsdom
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { ArticleExtractSchema, oversizedPart } from '@/utils/model/article';
import { bareExtract, clipMarkup, clipWholePage } from '@/utils/extract/clip-fallbacks';
import { selectionMarkup } from '@/utils/dom/page-markup';
import { sampleExtract } from '../support/sample-extract';

const base = sampleExtract('http://www.test.gov.cn/photo/index.html', '图片专题');

function page() {
  document.body.innerHTML =
    '<div class="nav"><a href="/">首页</a></div><p>第一句说明。</p><p onclick="alert(1)">第二句<b>加粗</b>说明。</p><script>var secret = 1;</script>';
}

describe('clip fallbacks', () => {
  it('keeps only the selected text, sanitized, with the page’s metadata', () => {
    page();
    const range = document.createRange();
    range.setStart(document.querySelectorAll('p')[1]!.firstChild!, 0);
    range.setEnd(document.querySelector('b')!.firstChild!, 2);
    document.getSelection()!.removeAllRanges();
    document.getSelection()!.addRange(range);
    const clipped = clipMarkup(base, selectionMarkup(document), window);
    expect(clipped).toMatchObject({ title: '图片专题', source: base.source, text: '第二句加粗', length: 5 });
    expect(clipped.html).not.toContain('onclick');
  });

  it('keeps the whole page’s text without scripts', () => {
    page();
    const clipped = clipWholePage(base, document, window);
    expect(clipped.text).toContain('第一句说明。');
    expect(clipped.text).toContain('第二句加粗说明。');
    expect(clipped.text).not.toContain('secret');
    expect(clipped.html).not.toContain('<script');
  });

  it('gives an empty body when nothing is selected', () => {
    page();
    document.getSelection()!.removeAllRanges();
    expect(clipMarkup(base, selectionMarkup(document), window)).toMatchObject({ text: '', length: 0 });
  });

  it('gives a page too large to read its address and title, and a valid extract', () => {
    document.head.innerHTML = '<title>  很大的\n页面 </title>';
    page();
    const url = 'http://www.test.gov.cn/big/index.html';
    const bare = bareExtract(document, url);
    expect(bare).toMatchObject({ url, title: '很大的 页面', source: null, publishedAt: null });
    expect(v.safeParse(ArticleExtractSchema, bare).success).toBe(true);
    document.head.innerHTML = '';
    expect(bareExtract(document, url).title).toBe(url);
  });

  it('tells a whole page too long to keep from one that fits', () => {
    document.body.innerHTML = `<p>${'字'.repeat(2_000_001)}</p>`;
    const whole = clipWholePage(base, document, window);
    expect(oversizedPart(whole)).toBe('text');
    expect(v.safeParse(ArticleExtractSchema, whole).success).toBe(false);
    page();
    expect(oversizedPart(clipWholePage(base, document, window))).toBeNull();
  });
});
