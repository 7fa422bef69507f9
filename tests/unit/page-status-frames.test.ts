import { describe, expect, it } from 'vitest';
import { reportStandsForTab, type PageStatus } from '@/utils/model/page-status';

const status = (isArticle: boolean): PageStatus => ({
  url: 'http://www.gov.cn/a.htm',
  isArticle,
  score: isArticle ? 10 : 0,
  reasons: [],
  metadata: null,
  stopped: null,
});
const report = (frameId: number, isArticle: boolean) => ({ frameId, status: status(isArticle) });

describe('which frame speaks for a tab', () => {
  it('is the top page, unless a frame holds the article and the top page does not', () => {
    expect(reportStandsForTab(null, report(0, false))).toBe(true);
    expect(reportStandsForTab(report(0, false), report(3, true))).toBe(true);
    // The shell page reporting after its article frame keeps the frame's report.
    expect(reportStandsForTab(report(3, true), report(0, false))).toBe(false);
    expect(reportStandsForTab(report(3, true), report(0, true))).toBe(true);
  });

  it('never is a frame without an article, nor a second article frame over the first', () => {
    expect(reportStandsForTab(null, report(2, false))).toBe(false);
    expect(reportStandsForTab(report(0, false), report(2, false))).toBe(false);
    expect(reportStandsForTab(report(0, true), report(2, true))).toBe(false);
    expect(reportStandsForTab(report(2, true), report(4, true))).toBe(false);
    expect(reportStandsForTab(report(2, true), report(2, true))).toBe(true);
  });
});
