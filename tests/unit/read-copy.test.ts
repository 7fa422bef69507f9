// @vitest-environment node
import { JSDOM, VirtualConsole } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { ANALYSIS_LIMITS, deadlineAfter } from '@/utils/dom/page-limits';
import { documentMarkup } from '@/utils/dom/page-markup';
import { declobberedCopy } from '@/utils/dom/safe-dom';
import { decodeHtml } from '@/utils/extract/decode-html';
import { readCopySteps, readPageHtml } from '@/utils/read-copy';
import { runToEnd } from '@/utils/schedule/slices';
import { corpusBytes, corpusUrl, loadCorpus } from '../../scripts/corpus/load-corpus';
import { portalPageHtml } from '../support/portal-page';

const PORTAL_URL = 'http://www.chinapeace.gov.cn/chinapeace/c100007/2024-11/26/content_1.shtml';
type AnyWindow = Window & typeof globalThis;

/** The live page: a document at its address, as the content script sees it. */
function livePage(html: string, url: string) {
  const dom = new JSDOM(html, { url, virtualConsole: new VirtualConsole() });
  return { document: dom.window.document, window: dom.window as unknown as AnyWindow };
}

/** Another window, at another address: the offscreen document or the background page. */
const elsewhere = new JSDOM('<!doctype html><title>offscreen</title>', {
  url: 'chrome-extension://pizhu/offscreen.html',
}).window as unknown as AnyWindow;

// The two smallest labelled articles (the time of unit tests is counted), and the portal page
// the other tests use.
const corpus = loadCorpus()
  .filter((page) => page.gold && page.kind === 'article')
  .map((page) => ({ id: page.id, html: decodeHtml(corpusBytes(page)).text, url: corpusUrl(page) }))
  .sort((a, b) => a.html.length - b.html.length)
  .slice(0, 2);
const pages = [{ id: 'portal page', html: portalPageHtml(), url: PORTAL_URL }, ...corpus];
// What is read is compared here, not how fast: no clock stops either read on a loaded machine.
const UNTIMED = { ...ANALYSIS_LIMITS.asked, milliseconds: Number.POSITIVE_INFINITY };

describe('reading a page from its markup, away from the page', () => {
  it.each(pages)('finds what reading the live page finds: $id', ({ html, url }) => {
    const page = livePage(html, url);
    const inPlace = runToEnd(
      readCopySteps(declobberedCopy(page.document), url, {
        window: page.window,
        deadline: deadlineAfter(UNTIMED.milliseconds),
        mustExtract: true,
        userSaysArticle: false,
      }),
    );
    const away = readPageHtml(
      { html: documentMarkup(page.document), url, mustExtract: true, userSaysArticle: false },
      elsewhere,
      UNTIMED,
    );
    expect(away.stopped).toBeNull();
    expect({
      isArticle: away.detection.isArticle,
      score: away.detection.score,
      reasons: away.detection.reasons,
    }).toEqual({
      isArticle: inPlace.detection.isArticle,
      score: inPlace.detection.score,
      reasons: inPlace.detection.reasons,
    });
    expect(away.extract).toEqual(inPlace.extract);
  });

  it('stops at the limits the background sets, whatever the page sends', () => {
    const html = portalPageHtml({ bodyHtml: '<div>'.repeat(200) + '正文' + '</div>'.repeat(200) });
    const away = readPageHtml(
      { html, url: PORTAL_URL, mustExtract: true, userSaysArticle: false },
      elsewhere,
      ANALYSIS_LIMITS.automatic,
    );
    expect(away).toMatchObject({ extract: null, stopped: { kind: 'depth', limit: ANALYSIS_LIMITS.automatic.depth } });
  });
});
