// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { decodeHtml } from '@/utils/extract/decode-html';
import { detectArticle } from '@/utils/detect/detect-article';
import { ANALYSIS_LIMITS, checkPageSize } from '@/utils/dom/page-limits';
import { extractArticle } from '@/utils/extract/extract-article';
import { corpusBytes, corpusUrl, loadCorpus } from '../../scripts/corpus/load-corpus';
import { parseHtml } from '../../scripts/node/analyze-html';
import { FIELDS, scoreFields, toolOutputOf, type Field } from '../../scripts/bench/score-extraction';

/**
 * Regression baseline on real pages (../shared/corpus): the dev split must keep the targets the
 * extraction issue set, and no page of either split may crash the extractor.
 */
const TARGETS: Record<Field, number> = {
  title: 0.95,
  published: 0.95,
  source: 0.9,
  author: 0.85,
  editor: 0.9,
  body: 0.9,
};
const corpus = loadCorpus();

describe('extraction on the corpus', () => {
  const dev = corpus.filter((page) => page.split === 'dev');
  const results = dev.map((page) => {
    const url = corpusUrl(page);
    const document = parseHtml(decodeHtml(corpusBytes(page)).text, url);
    return {
      page,
      document,
      detection: detectArticle(document, url),
      extract: extractArticle(document, url, { skipHtml: true }),
    };
  });

  it('reads every dev page within the automatic size limits', () => {
    for (const { page, document } of results)
      expect(() => checkPageSize(document, ANALYSIS_LIMITS.automatic), page.id).not.toThrow();
  });

  it.each(FIELDS)('gets %s right on the labelled dev articles', (field) => {
    const scored = results.filter(({ page }) => page.kind === 'article' && page.gold);
    const correct = scored.filter(({ page, extract }) => scoreFields(toolOutputOf(extract), page.gold!)[field]);
    expect(correct.length / scored.length).toBeGreaterThanOrEqual(TARGETS[field]);
  });

  it('tells articles from list, home and other pages', () => {
    const wrong = results.filter(({ page, detection }) => detection.isArticle !== (page.kind === 'article'));
    expect(wrong.map(({ page }) => page.id)).toHaveLength(0);
  });

  it('extracts every holdout page without crashing, within the automatic size limits', () => {
    for (const page of corpus.filter((item) => item.split === 'holdout')) {
      const url = corpusUrl(page);
      const document = parseHtml(decodeHtml(corpusBytes(page)).text, url);
      expect(() => checkPageSize(document, ANALYSIS_LIMITS.automatic), page.id).not.toThrow();
      const extract = extractArticle(document, url, { skipHtml: true });
      expect(typeof extract.title, page.id).toBe('string');
      expect(extract.publishedAt === null || /^\d{4}-\d{2}-\d{2}/.test(extract.publishedAt), page.id).toBe(true);
    }
  }, 120_000);
});
