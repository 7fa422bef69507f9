import { describe, expect, it } from 'vitest';
import { describeOffsets } from '@/utils/anchor/describe-range';
import { resolveAnchors } from '@/utils/anchor/resolve-anchors';
import type { TextAnchor } from '@/utils/anchor/selectors';
import type { TextIndex } from '@/utils/anchor/text-index';

/** Anchors are described over a text index; for pure resolving tests a bare text stands in. */
const indexOf = (text: string) => ({ text }) as TextIndex;
const anchorFor = (text: string, start: number, end: number) => describeOffsets(indexOf(text), start, end)!;

const ARTICLE =
  '政法机关承担着维护社会公平正义的重要职责。市公安局强化执法源头管控，提升执法质效。市法院推进审判流程公开，保障当事人的诉讼权利。' +
  '市检察院加强法律监督，服务经济社会发展。市司法局完善公共法律服务体系，方便群众就近办事。各部门坚持以人民为中心，维护社会公平正义。';

describe('resolveAnchors', () => {
  it('places an unchanged quote exactly where it was', () => {
    const start = ARTICLE.indexOf('市法院');
    const anchor = anchorFor(ARTICLE, start, start + 12);
    expect(resolveAnchors(ARTICLE, [anchor])).toEqual([{ status: 'exact', start, end: start + 12 }]);
  });

  it('tells two copies of the same words apart by their context', () => {
    const second = ARTICLE.lastIndexOf('维护社会公平正义');
    const anchor = anchorFor(ARTICLE, second, second + 8);
    const edited = `新增的一段导语。${ARTICLE}`;
    expect(resolveAnchors(edited, [anchor])).toEqual([{ status: 'exact', start: second + 8, end: second + 16 }]);
  });

  it('follows a quote that moved after a sentence was inserted before it', () => {
    const start = ARTICLE.indexOf('市司法局');
    const anchor = anchorFor(ARTICLE, start, start + 15);
    const insert = '这是编辑后插入的一句话，改变了后文所有字符的位置。'.repeat(300);
    const edited = insert + ARTICLE;
    expect(resolveAnchors(edited, [anchor])).toEqual([
      { status: 'exact', start: start + insert.length, end: start + insert.length + 15 },
    ]);
  });

  it('places a slightly changed quote by fuzzy matching', () => {
    const start = ARTICLE.indexOf('市检察院');
    const anchor = anchorFor(ARTICLE, start, start + 19);
    const edited = ARTICLE.replace('加强法律监督', '加强了法律监督');
    const [placement] = resolveAnchors(edited, [anchor]);
    expect(placement).toMatchObject({ status: 'fuzzy', start });
    if (placement!.status === 'fuzzy')
      expect(edited.slice(placement!.start, placement!.end)).toContain('加强了法律监督');
  });

  it('leaves a heavily changed quote unplaced instead of guessing', () => {
    const start = ARTICLE.indexOf('市检察院');
    const anchor = anchorFor(ARTICLE, start, start + 19);
    const edited = ARTICLE.replace('市检察院加强法律监督，服务经济社会发展', '检察机关开展了多项专项活动');
    expect(resolveAnchors(edited, [anchor])).toEqual([{ status: 'unplaced' }]);
  });

  it('leaves a quote unplaced when several copies fit equally badly', () => {
    const anchor: TextAnchor = {
      quote: { exact: '公正', prefix: '甲乙丙', suffix: '丁戊己' },
      position: { start: 5, end: 7 },
    };
    expect(resolveAnchors('公正，公正，公正。', [anchor])).toEqual([{ status: 'unplaced' }]);
  });

  it('never splits a surrogate pair', () => {
    const text = `前文𠀀𠀁😀后文${ARTICLE}`;
    const anchor = anchorFor(text, 3, 7);
    expect(anchor.quote.exact).toBe('𠀀𠀁😀');
    expect(resolveAnchors(text, [anchor])).toEqual([{ status: 'exact', start: 2, end: 8 }]);
  });
});
