// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { buildTextIndex, rangeOfOffsets } from '@/utils/anchor/text-index';
import { createPainter, randomPaintNames } from '@/utils/highlight/paint-highlights';

const names = randomPaintNames();
const MARK_TAG = names.mark;

function setUp(html: string) {
  document.body.innerHTML = `<div id="root">${html}</div>`;
  const root = document.getElementById('root')!;
  return { root, index: buildTextIndex(root) };
}

describe('wrapper painter (browsers without the Highlight API)', () => {
  it('wraps a range across paragraphs and inline formatting, then restores the page exactly', () => {
    const html = '<p>第一段，<b>加粗</b>的文字。</p><p>第二段的文字。</p>';
    const { root, index } = setUp(html);
    const start = index.text.indexOf('粗的');
    const range = rangeOfOffsets(index, start, index.text.indexOf('第二段') + 3)!;
    const painter = createPainter(document, { forceWrappers: true, names });
    painter.paint('a1', range, 'yellow');
    const marks = root.querySelectorAll(MARK_TAG);
    expect([...marks].map((mark) => mark.textContent).join('|')).toBe('粗|的文字。|第二段');
    expect(buildTextIndex(root).text).toBe(index.text);
    expect(painter.idsAt(marks[1]!.firstChild!, 1)).toEqual(['a1']);
    painter.unpaint('a1');
    expect(root.innerHTML).toBe(html);
  });

  it('lets highlights overlap and tells them apart on click', () => {
    const { root, index } = setUp('<p>甲乙丙丁戊己庚辛</p>');
    const painter = createPainter(document, { forceWrappers: true, names });
    painter.paint('outer', rangeOfOffsets(index, 0, 6)!, 'green');
    const inner = buildTextIndex(root);
    painter.paint('inner', rangeOfOffsets(inner, 2, 4)!, 'pink');
    const innerMark = [...root.querySelectorAll<HTMLElement>(MARK_TAG)].find((mark) => mark.textContent === '丙丁')!;
    expect(painter.idsAt(innerMark.firstChild!, 0)).toEqual(['outer', 'inner']);
    painter.clear();
    expect(root.innerHTML).toBe('<p>甲乙丙丁戊己庚辛</p>');
  });

  it('gives the page no name or attribute it could tell Pizhu by', () => {
    const { root, index } = setUp('<p>甲乙丙丁戊己庚辛</p>');
    createPainter(document, { forceWrappers: true }).paint('a1', rangeOfOffsets(index, 0, 4)!, 'yellow');
    const [mark, ...rest] = root.querySelectorAll('p *');
    expect(rest).toEqual([]);
    expect(mark!.localName).toMatch(/^[a-z]{5}-[a-z]{6}$/);
    expect([...mark!.attributes].map((attribute) => attribute.name)).toEqual(['style']);
    const another = randomPaintNames();
    expect(another.mark).not.toBe(names.mark);
    expect(Object.values(another.highlights)).not.toContain(names.highlights.yellow);
    const given = [names, another].flatMap(({ mark, highlights }) => [mark, ...Object.values(highlights)]);
    expect(given.join(' ')).not.toMatch(/pizhu|yellow|green|blue|pink|purple/i);
  });
});

describe('density of a passage marked by several members', () => {
  it('underlines a wrapped highlight more heavily with each step of members, and not by colour alone', () => {
    const { root, index } = setUp('<p>甲乙丙丁戊己庚辛</p>');
    const painter = createPainter(document, { forceWrappers: true, names });
    painter.paint('a1', rangeOfOffsets(index, 0, 4)!, 'yellow');
    const mark = () => root.querySelector<HTMLElement>(MARK_TAG)!;
    const underline = () => [
      mark().style.getPropertyValue('text-decoration-line'),
      mark().style.getPropertyValue('text-decoration-thickness'),
      mark().style.getPropertyValue('text-decoration-style'),
    ];
    painter.density('a1', 1);
    expect(underline()).toEqual(['', '', '']);
    painter.density('a1', 2);
    expect(underline()).toEqual(['underline', '2px', 'solid']);
    painter.density('a1', 3);
    expect(underline()).toEqual(['underline', '4px', 'solid']);
    painter.density('a1', 9);
    expect(underline()).toEqual(['underline', '4px', 'double']);
    painter.density('a1', 1);
    expect(underline()).toEqual(['', '', '']);
  });
});
