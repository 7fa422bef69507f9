// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { decodeHtml } from '@/utils/extract/decode-html';
import { detectArticle } from '@/utils/detect/detect-article';
import { ANALYSIS_LIMITS, checkPageSize, deadlineAfter, PageLimitError } from '@/utils/dom/page-limits';
import { extractArticle } from '@/utils/extract/extract-article';
import { corpusBytes, corpusUrl, loadCorpora, type CorpusPage } from '../../scripts/corpus/load-corpus';
import { readParsedHtml } from '../../scripts/node/analyze-html';
import { FIELDS, scoreFields, toolOutputOf, verdicts, type Field } from '../../scripts/bench/score-extraction';

/**
 * Regression baseline on real pages, corpus by corpus (../shared/corpus, both manifests, and each
 * tests/corpus/manifest-*.json): on the labelled Chinese articles of ../shared/corpus's dev split
 * each field keeps the target the extraction issue set and the detector tells articles from other
 * pages; on every corpus wrong values (shown, but not the page's) stay rare; and no page of any
 * corpus crashes the extractor.
 */
const TARGETS: Record<Field, number> = {
  title: 0.97,
  published: 0.97,
  source: 0.95,
  author: 0.92,
  editor: 0.97,
  body: 0.95,
};
const DETECTOR_TARGET = { precision: 0.97, recall: 0.97 };
/**
 * Wrong values at most 1 in 50 labelled articles per field on ../shared/corpus, which the rules were
 * developed on. The project's own corpus (tests/corpus) is read like pages nobody tuned on: every
 * page must read without a crash, and its scores are reported, not held to a number.
 */
const MAX_WRONG_SHARE = 0.02;
const corpora = loadCorpora();

/** The automatic size limits' verdict on a page, or null when it is within them. */
function sizeProblemOf(document: Document): PageLimitError | null {
  try {
    checkPageSize(document, ANALYSIS_LIMITS.automatic);
    return null;
  } catch (error) {
    if (error instanceof PageLimitError) return error;
    throw error;
  }
}

/** A page of ../shared/corpus, read once for the tests of its corpus and of its rules alike. */
const readOnce = (page: CorpusPage) => {
  const url = corpusUrl(page);
  // The parsed page is not kept: what the tests read of it is all here (the corpus never sits in memory at once).
  return readParsedHtml(decodeHtml(corpusBytes(page)).text, url, (document) => ({
    page,
    sizeProblem: sizeProblemOf(document),
    detection: detectArticle(document, url),
    extract: extractArticle(document, url, { skipHtml: true }),
    stopped: false,
  }));
};

/**
 * A page of the project's own corpus, read as the extension reads a page the reader asked for: within the asked
 * limits, its time included. A page that takes longer is stopped, as in the browser (the popup then says so and
 * offers the page's text), which is not a crash: that outcome is counted, and which one a slow machine gets does
 * not decide the test. Nothing of the page is kept once read, so the corpus never sits in memory at once.
 */
function readAsAsked(page: CorpusPage) {
  const url = corpusUrl(page);
  return readParsedHtml(decodeHtml(corpusBytes(page)).text, url, (document) => {
    const sizeProblem = sizeProblemOf(document);
    try {
      const extract = extractArticle(document, url, {
        skipHtml: true,
        deadline: deadlineAfter(ANALYSIS_LIMITS.asked.milliseconds),
      });
      return { page, sizeProblem, extract, stopped: false };
    } catch (error) {
      if (error instanceof PageLimitError && error.limit.kind === 'time')
        return { page, sizeProblem, extract: null, stopped: true };
      throw error;
    }
  });
}

/** Every dev page, each read once, one after another (each page's window is let go before the next is parsed). */
const readings = new Map<CorpusPage, Awaited<ReturnType<typeof readAsAsked>>>();
const sharedReadings = new Map<CorpusPage, Awaited<ReturnType<typeof readOnce>>>();
for (const page of corpora.filter((item) => item.split === 'dev')) {
  if (page.corpus === 'shared') {
    const reading = await readOnce(page);
    sharedReadings.set(page, reading);
    readings.set(page, reading);
  } else readings.set(page, await readAsAsked(page));
}

describe.each([...new Set(corpora.map((page) => page.corpus!))])('corpus %s', (name) => {
  const shared = name === 'shared';
  const results = corpora
    .filter((page) => page.corpus === name && page.split === 'dev')
    .map((page) => readings.get(page)!);
  const labelled = results.filter(({ page, extract }) => page.kind === 'article' && page.gold && extract);

  it('reads every dev page within the automatic size limits, and says how it went', () => {
    // ../shared/corpus is read whole, within the automatic limits; a page of the project's own corpus may be over
    // them or stopped by its time, as in the browser, and is then only reported.
    if (shared) {
      expect(results.filter(({ sizeProblem }) => sizeProblem).map(({ page }) => page.id)).toEqual([]);
      expect(results.filter(({ stopped }) => stopped)).toEqual([]);
    }
    const rows = FIELDS.map((field) => {
      const counts = { right: 0, wrong: 0, missing: 0 };
      for (const { page, extract } of labelled) counts[verdicts(toolOutputOf(extract!), page.gold!)[field]]++;
      return `${field} ${counts.right}/${labelled.length} right, ${counts.wrong} wrong, ${counts.missing} missing`;
    });
    const stopped = results.filter((result) => result.stopped).map(({ page }) => page.id);
    const oversized = results.filter(({ sizeProblem }) => sizeProblem).map(({ page }) => page.id);
    console.info(
      `corpus ${name}: ${rows.join('; ')}` +
        (stopped.length ? `; stopped by time: ${stopped.join(' ')}` : '') +
        (oversized.length ? `; over the automatic size limits: ${oversized.join(' ')}` : ''),
    );
  });
});

describe('extraction on ../shared/corpus', () => {
  const dev = corpora.filter((page) => page.corpus === 'shared' && page.split === 'dev');
  const results = dev.map((page) => sharedReadings.get(page)!);

  it.each(FIELDS)('shows few wrong values of %s', (field) => {
    const labelled = results.filter(({ page }) => page.kind === 'article' && page.gold);
    const wrong = labelled.filter(
      ({ page, extract }) => verdicts(toolOutputOf(extract), page.gold!)[field] === 'wrong',
    );
    const ids = wrong.map(({ page }) => page.id).join(' ');
    expect(wrong.length / labelled.length, ids).toBeLessThanOrEqual(MAX_WRONG_SHARE);
  });

  it('has both manifests’ labelled Chinese articles to score', () => {
    expect(
      results.filter(({ page }) => page.kind === 'article' && page.lang.startsWith('zh')).length,
    ).toBeGreaterThanOrEqual(65);
  });

  it.each(FIELDS)('gets %s right on the labelled Chinese dev articles', (field) => {
    const scored = results.filter(({ page }) => page.kind === 'article' && page.lang.startsWith('zh') && page.gold);
    const wrong = scored.filter(({ page, extract }) => !scoreFields(toolOutputOf(extract), page.gold!)[field]);
    expect(1 - wrong.length / scored.length, wrong.map(({ page }) => page.id).join(' ')).toBeGreaterThanOrEqual(
      TARGETS[field],
    );
  });

  it('tells articles from list, home, forum, Q&A and other pages', () => {
    const said = results.filter(({ detection }) => detection.isArticle);
    const articles = results.filter(({ page }) => page.kind === 'article');
    const right = said.filter(({ page }) => page.kind === 'article').length;
    const wrong = results.filter(({ page, detection }) => detection.isArticle !== (page.kind === 'article'));
    const ids = wrong.map(({ page }) => page.id).join(' ');
    expect(right / said.length, ids).toBeGreaterThanOrEqual(DETECTOR_TARGET.precision);
    expect(right / articles.length, ids).toBeGreaterThanOrEqual(DETECTOR_TARGET.recall);
  });

  /*
   * Each rule of how Chinese pages are written, on a labelled page where it is what decides the
   * answer: the field must match the page's hand-made label. The targets above hold every page;
   * these say which principle a page stands for.
   */
  const byId = new Map(results.map((result) => [result.page.id, result]));
  const resultOf = (id: string) => byId.get(id)!;
  function expectLabelled(id: string, field: Field) {
    const { page, extract } = resultOf(id);
    const output = toolOutputOf(extract);
    const shown = field === 'body' ? output.text?.length : output[field as keyof typeof output];
    expect(scoreFields(output, page.gold!)[field], `${id} ${field}: ${JSON.stringify(shown)}`).toBe(true);
  }

  describe('sources printed without a label', () => {
    it.each([
      ['an outlet on its own line between the headline and the date', 'd2-thepaper-1'],
      ['"author/outlet" under the headline', 'd2-thepaper-2'],
      ['the outlet just before the date on its line', 'd2-toutiao-1'],
      ['the outlet after the date, past the separator that joins them', 'd2-toutiao-xinhua-2'],
      ['a self-media account above a date with no year', 'd2-baijiahao-1'],
      ['an account after a date drawn in pieces', 'd2-qq-2'],
    ])('%s', (_rule, id) => expectLabelled(id, 'source'));
  });

  describe('labelled sources', () => {
    it.each([
      ['a value in brackets (来源：[ X ]), with the interface line below it refused', 'd2-sohu-1'],
      ['本文来源于X, with 于 for a colon', 'd2-caijing-1'],
      ['an outlet’s bureau in parentheses stays with it', 'd2-163-1'],
      ['a trailer after the body when the header has none', 'd2-163-3'],
      ['a generic header value (转载文章) yields to the trailer', 'd2-yahoo-1'],
      ['a paragraph’s closing （来源：X） is a trailer, not the header’s source', 'd2-sina-3'],
      ['a source named by institutions is not cut like a person’s affiliation', 'd2-cmse-1'],
    ])('%s', (_rule, id) => expectLabelled(id, 'source'));
  });

  describe('bylines and editors', () => {
    it.each([
      ['several reporters after 记者, separated by 、', 'd2-toutiao-xinhua-1', 'author'],
      ['作者 and a name with no colon', 'd2-qq-1', 'author'],
      ['where the reporter filed from is not part of the name', 'd2-163-2', 'author'],
      ['执笔人 is the author', 'd2-qianlong-bjfeiwei-1', 'author'],
      ['an author who also edited the piece keeps the byline', 'd2-mydrivers-1', 'author'],
      ['a bracketed name after the date is the byline', 'd2-sohu-1', 'author'],
      ['选稿 names the editor on a portal that reposts', 'd2-021east-1', 'editor'],
    ] as const)('%s', (_rule, id, field) => expectLabelled(id, field));
  });

  describe('headlines and dates', () => {
    it.each([
      ['a headline above an unlabelled date and time', 'd2-sohu-2', 'title'],
      ['<title> writing the headline’s dashes differently', 'd2-toutiao-xinhua-1', 'title'],
      ['a page with no <title>: the headline-sized line above the date', 'd2-qianlong-bjfeiwei-1', 'title'],
      ['the outlet’s line between headline and date is not the headline', 'd2-sina-3', 'title'],
      ['a <title> that is only the site’s name, over a date badge', 'd2-zjfish-1', 'title'],
      ['no date at all: the line under the breadcrumb', 'd2-bjmu-1', 'title'],
      ['a date badge: the day before the year and month', 'd2-zjfish-1', 'published'],
      ['a date badge: the year apart from the month and day', 'd2-qq-2', 'published'],
    ] as const)('%s', (_rule, id, field) => expectLabelled(id, field));
  });

  describe('bodies', () => {
    it.each([
      ['a video player’s controls are not text, and the header lines above the text are not either', 'd2-1905-1'],
      ['photo captions after the last paragraph are not text', 'd2-toutiao-xinhua-2'],
      ['a trailer on lines of its own ends the body', 'd2-yahoo-1'],
    ])('%s', (_rule, id) => expectLabelled(id, 'body'));
  });

  describe('what is an article', () => {
    it.each([
      ['a short brief under its headline and date', 'd2-stcn-1'],
      ['a brief in heavy navigation, under its headline and date', 'd2-caijing-2'],
      ['an old table layout with no meta tags and no <title>', 'd2-qianlong-bjfeiwei-1'],
      ['a self-media page: headline, then date and account', 'd2-163-3'],
      ['a date badge under the headline', 'd2-zjfish-1'],
    ])('%s is one', (_rule, id) => expect(resultOf(id).detection.isArticle, id).toBe(true));

    it.each([
      ['a forum thread', 'd2-csol-forum-1'],
      ['an old message board’s post', 'd2-xinlingticao-bbs-1'],
      ['a Q&A page', 'd2-zhihu-question-1'],
      ['an encyclopedia entry', 'd2-baike-1'],
      ['a company directory record', 'd2-11467-yellowpage-1'],
      ['a novel’s chapter', 'd2-qidian-chapter-1'],
    ])('%s is not', (_rule, id) => expect(resultOf(id).detection.isArticle, id).toBe(false));
  });

  // One test per page: how long the whole holdout takes on a busy machine decides nothing.
  it.each(corpora.filter((item) => item.split === 'holdout').map((page) => [page.id, page] as const))(
    'extracts holdout page %s without crashing, within the automatic size limits',
    async (id, page) => {
      const url = corpusUrl(page);
      const extract = await readParsedHtml(decodeHtml(corpusBytes(page)).text, url, (document) => {
        expect(() => checkPageSize(document, ANALYSIS_LIMITS.automatic), id).not.toThrow();
        return extractArticle(document, url, { skipHtml: true });
      });
      expect(typeof extract.title, id).toBe('string');
      expect(extract.publishedAt === null || /^\d{4}-\d{2}-\d{2}/.test(extract.publishedAt), id).toBe(true);
    },
  );
});
