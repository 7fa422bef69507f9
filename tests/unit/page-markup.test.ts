// @vitest-environment node
import { JSDOM, VirtualConsole } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { documentMarkup, documentMarkupSteps } from '@/utils/dom/page-markup';
import { runInSlices, type SliceClock } from '@/utils/schedule/slices';
import { portalPageHtml } from '../support/portal-page';

const URL = 'http://www.chinapeace.gov.cn/chinapeace/c100007/2024-11/26/content_1.shtml';

const documentOf = (html: string) =>
  new JSDOM(html, { url: URL, virtualConsole: new VirtualConsole() }).window.document;

/** What the browser's own serializer gives for the whole document at once. */
const serialized = (document: Document) => `<!doctype html>${document.documentElement.outerHTML}`;

/** Markup that serializes by rules of its own, and controls that shadow the properties a serializer reads. */
const TRICKY = `<!doctype html><html lang="zh"><head><title>a &amp; b</title><style>p > b { color: red }</style></head>
<body class="x&quot;y" data-a="1&nbsp;2"><!-- 注释 --><pre>
第一行</pre><textarea>
<b>不是标签</b></textarea><template><p>模板</p></template><noscript><p>无脚本</p></noscript>
<svg viewBox="0 0 1 1"><a xlink:href="#x"><text>图</text></a></svg>
<form id="f"><input name="attributes"><input name="localName"><input name="outerHTML"><input name="nodeType"><input name="childNodes"></form>
${'<div>'.repeat(500)}<p>很深的&lt;段落&gt;&amp;&nbsp;文字</p>${'</div>'.repeat(500)}
</body></html>`;

describe('the page as markup, a piece at a time', () => {
  it.each([
    ['the portal page', portalPageHtml()],
    ['markup with raw text, templates, foreign elements and shadowing controls', TRICKY],
  ])('is the markup the browser serializes: %s', (_, html) => {
    const document = documentOf(html);
    expect(documentMarkup(document)).toBe(serialized(document));
  });

  it('gives the page its turn between slices on the injected clock, and the same markup', async () => {
    const paragraphs = Array.from({ length: 200 }, (_, n) => `<p>第${n}段正文。</p>`).join('');
    const document = documentOf(portalPageHtml({ bodyHtml: paragraphs }));
    let time = 0;
    let turns = 0;
    // Every look at the clock takes 1 ms of work: a slice of 16 ms is over every 16 looks.
    const clock: SliceClock = {
      now: () => time++,
      yieldToPage: async () => {
        turns++;
      },
    };
    const markup = await runInSlices(documentMarkupSteps(document), { clock, sliceMs: 16 });
    expect(markup).toBe(serialized(document));
    // 200 paragraphs and the page around them, a piece each: a look at the clock (1 ms) a piece.
    expect(turns).toBeGreaterThanOrEqual(Math.floor(200 / 16));
    expect(turns).toBeLessThan(200);
  });
});
