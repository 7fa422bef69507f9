// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { checkPageSize, deadlineAfter, PageLimitError, type Deadline } from '@/utils/dom/page-limits';
import { extractArticle } from '@/utils/extract/extract-article';
import { readabilityWithin, STEPS_PER_CHECK } from '@/utils/extract/body/readability-within';
import { parseHtml } from '../../scripts/node/analyze-html';

const PARAGRAPH = '<p>会议强调，要坚持以人民为中心的发展思想，推动基层治理工作不断取得新成效。</p>';
const URL = 'http://www.gov.cn/zhengce/2024-11/26/content_1.htm';

function limitOf(work: () => unknown) {
  try {
    work();
  } catch (error) {
    if (error instanceof PageLimitError) return error.limit;
    throw error;
  }
  return null;
}

/** A deadline that has passed after `allowed` checks, counting every check. */
function countingDeadline(allowed = Infinity): Deadline & { checks: number } {
  return {
    checks: 0,
    check() {
      if (++this.checks > allowed) throw new PageLimitError({ kind: 'time', found: this.checks, limit: allowed });
    },
  };
}

describe('page size limits', () => {
  it('refuses a page with more elements than allowed, naming the count', () => {
    const document = parseHtml(`<body>${'<span>字</span>'.repeat(1_200)}</body>`);
    const elements = document.getElementsByTagName('*').length;
    expect(limitOf(() => checkPageSize(document, { elements: 1_000, depth: 100 }))).toEqual({
      kind: 'elements',
      found: elements,
      limit: 1_000,
    });
    expect(limitOf(() => checkPageSize(document, { elements: elements, depth: 100 }))).toBeNull();
  });

  it('refuses nesting deeper than allowed, counting one level past the limit', () => {
    const document = parseHtml(`<body>${'<div>'.repeat(150)}${PARAGRAPH}${'</div>'.repeat(150)}<p>after</p></body>`);
    // html > body > 150 divs > p
    expect(limitOf(() => checkPageSize(document, { elements: 1_000, depth: 120 }))).toEqual({
      kind: 'depth',
      found: 121,
      limit: 120,
    });
    expect(limitOf(() => checkPageSize(document, { elements: 1_000, depth: 153 }))).toBeNull();
    expect(limitOf(() => checkPageSize(document, { elements: 1_000, depth: 152 }))?.kind).toBe('depth');
  });
});

describe('deadline', () => {
  it('passes until the time is spent, then names the time spent', () => {
    let now = 100;
    const deadline = deadlineAfter(50, () => now);
    now = 150;
    expect(() => deadline.check()).not.toThrow();
    now = 151.4;
    expect(limitOf(() => deadline.check())).toEqual({ kind: 'time', found: 51, limit: 50 });
  });

  it('is checked inside Readability, every few nodes, so a slow page stops in the middle', () => {
    const html = `<body><h1>标题</h1>${'<div><div>'.repeat(40)}${PARAGRAPH.repeat(30)}${'</div></div>'.repeat(40)}</body>`;
    const counting = countingDeadline();
    expect(readabilityWithin(parseHtml(html), counting)?.textContent).toContain('基层治理');
    const elements = parseHtml(html).getElementsByTagName('*').length;
    expect(counting.checks * STEPS_PER_CHECK).toBeGreaterThan(elements);

    const stopping = countingDeadline(Math.floor(counting.checks / 2));
    expect(limitOf(() => readabilityWithin(parseHtml(html), stopping))?.kind).toBe('time');
    expect(stopping.checks).toBe(Math.floor(counting.checks / 2) + 1);
  });

  it('stops an extraction that runs out of time and leaves a finished one alone', () => {
    const html = `<head><title>标题</title></head><body><h1>标题</h1><article>${PARAGRAPH.repeat(20)}</article></body>`;
    expect(
      limitOf(() => extractArticle(parseHtml(html, URL), URL, { deadline: countingDeadline(0), skipHtml: true }))?.kind,
    ).toBe('time');
    const extract = extractArticle(parseHtml(html, URL), URL, { deadline: countingDeadline(), skipHtml: true });
    expect(extract.text).toContain('基层治理');
  });
});
