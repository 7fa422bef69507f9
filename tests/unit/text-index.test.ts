// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { describeRange } from '@/utils/anchor/describe-range';
import { buildTextIndex, markOwnElement, rangeOfOffsets } from '@/utils/anchor/text-index';

function rootOf(html: string): HTMLElement {
  const root = document.createElement('div');
  root.innerHTML = html;
  document.body.replaceChildren(root);
  return root;
}

describe('buildTextIndex', () => {
  it('collapses white space, &nbsp; and U+3000, and counts block boundaries as a space', () => {
    const root = rootOf(
      '<p>\u3000\u3000第一段，<b>加粗</b>的文字。</p>\n\n<p>第二段&nbsp;&nbsp;文字。</p><script>var x = 1;</script>',
    );
    expect(buildTextIndex(root).text).toBe('第一段，加粗的文字。 第二段 文字。');
  });

  it('gives the same text for the same words in differently formatted HTML', () => {
    const live = rootOf(
      '<div class="TRS_Editor">\n  <p style="text-indent:2em">\u3000\u3000甲乙丙。</p>\n  <p>丁戊己。</p>\n</div>',
    );
    const liveText = buildTextIndex(live).text;
    const reader = rootOf('<p>甲乙丙。</p><p>丁戊己。</p>');
    expect(buildTextIndex(reader).text).toBe(liveText);
  });

  it('maps a selection across paragraphs and inline formatting to offsets and back', () => {
    const root = rootOf('<p>第一段，<em>强调</em>的文字。</p><p>第二段的文字。</p>');
    const index = buildTextIndex(root);
    const range = document.createRange();
    range.setStart(root.querySelector('em')!.firstChild!, 1);
    range.setEnd(root.querySelectorAll('p')[1]!.firstChild!, 3);
    const anchor = describeRange(index, range)!;
    expect(anchor.quote.exact).toBe('调的文字。 第二段');
    expect(anchor.quote.prefix).toBe('第一段，强');
    const back = rangeOfOffsets(index, anchor.position.start, anchor.position.end)!;
    expect(back.toString()).toBe('调的文字。第二段');
  });

  it('skips Pizhu’s own UI inside the page, known without a mark the page could read', () => {
    const root = rootOf('<p>正文<span>黄 绿 蓝</span>继续。</p>');
    const ui = root.querySelector('span')!;
    markOwnElement(ui);
    expect(buildTextIndex(root).text).toBe('正文继续。');
    expect(ui.attributes).toHaveLength(0);
  });
});
