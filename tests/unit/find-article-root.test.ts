import { describe, expect, it } from 'vitest';
import { findArticleRoot } from '@/utils/anchor/find-article-root';

describe('findArticleRoot', () => {
  it('takes the CMS body container when the site marks one', () => {
    document.body.innerHTML = `<div class="nav">首页 新闻</div><div class="TRS_Editor">${'<p>正文段落的文字内容。</p>'.repeat(20)}</div>`;
    expect(findArticleRoot(document, '正文段落的文字内容。')).toBe(document.querySelector('.TRS_Editor'));
  });

  it('finds the smallest element holding the extracted body’s first and last lines', () => {
    document.body.innerHTML = `<div class="nav">导航</div><div class="page"><h1>标题</h1><section id="story">
      <p>第一段开头的文字在这里，后面还有。</p><p>中间的一段。</p><p>最后一段结尾的文字在这里。</p></section></div>`;
    const text = '第一段开头的文字在这里，后面还有。\n中间的一段。\n最后一段结尾的文字在这里。';
    expect(findArticleRoot(document, text)).toBe(document.getElementById('story'));
  });

  it('falls back to the body when the text is not on the page', () => {
    document.body.innerHTML = '<p>完全不同的内容</p>';
    expect(findArticleRoot(document, '找不到的第一行文字\n找不到的最后一行')).toBe(document.body);
  });
});
