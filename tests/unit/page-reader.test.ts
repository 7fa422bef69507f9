// @vitest-environment node
import { JSDOM, VirtualConsole } from 'jsdom';
import { describe, expect, it } from 'vitest';
import type { PageHtml } from '@/utils/copy-reading';
import { PizhuError } from '@/utils/errors';
import { documentMarkupSteps } from '@/utils/dom/page-markup';
import type { AnalysisLimits } from '@/utils/dom/page-limits';
import { createPageReader } from '@/utils/page-reader';
import { readPageHtml } from '@/utils/read-copy';
import { portalPageHtml } from '../support/portal-page';

const URL = 'http://www.chinapeace.gov.cn/chinapeace/c100007/2024-11/26/content_1.shtml';
const ROOMY = { elements: 10_000, depth: 200, milliseconds: 60_000 };

/** The extension origin's window, where the copy is parsed and read. */
const elsewhere = new JSDOM('<!doctype html><title>offscreen</title>', {
  url: 'chrome-extension://pizhu/offscreen.html',
}).window as unknown as Window & typeof globalThis;

function pageOf(html: string) {
  const dom = new JSDOM(html, { url: URL, virtualConsole: new VirtualConsole() });
  return { document: dom.window.document, window: dom.window };
}

/** A reader whose copies are read as the background reads them, each read listed in `sent`. */
function readerOf(html: string, limits = { automatic: ROOMY, asked: ROOMY }) {
  const page = pageOf(html);
  const sent: PageHtml[] = [];
  const reader = createPageReader({
    document: page.document,
    url: () => URL,
    limits,
    serialize: () => documentMarkupSteps(page.document),
    readElsewhere: async (copy, asked) => {
      sent.push(copy);
      const within: AnalysisLimits = asked ? limits.asked : limits.automatic;
      return readPageHtml(copy, elsewhere, within);
    },
  });
  return { ...page, reader, sent };
}

const codeOf = async (work: () => Promise<unknown>) => {
  try {
    await work();
  } catch (error) {
    if (error instanceof PizhuError) return error.code;
    throw error;
  }
  return null;
};

const LIST_PAGE = `<html><head><title>新闻列表</title></head><body><ul>${Array.from({ length: 30 }, (_, index) => `<li><a href="/a${index}.html">列表第${index}条消息的标题</a> 2024-11-${10 + (index % 19)}</li>`).join('')}</ul></body></html>`;

describe('the content script’s page reader', () => {
  it('reads an article on load from a copy: detected, with its metadata in the status', async () => {
    const { reader, sent } = readerOf(portalPageHtml());
    const status = await reader.readOnLoad();
    expect(status.isArticle).toBe(true);
    expect(status.metadata?.title).toBe('测试市推进公共法律服务体系建设');
    expect(status.stopped).toBeNull();
    expect(reader.articleText()).toContain('公共法律服务');
    expect(sent.map((copy) => copy.mustExtract)).toEqual([false]);
  });

  it('on a page that is not an article, anchors in the body and keeps no extract until asked', async () => {
    const { reader } = readerOf(LIST_PAGE);
    expect(await reader.readOnLoad()).toMatchObject({ isArticle: false, metadata: null });
    expect(reader.articleText()).toBe('');
    const treated = await reader.treatAsArticle();
    expect(treated.isArticle).toBe(true);
    expect(treated.reasons).toContain('user');
    expect(treated.metadata?.title).toBeTruthy();
  });

  it('reads a page again when asked after it changed (late rendering), not before', async () => {
    const { reader, document, sent } = readerOf(portalPageHtml());
    await reader.readOnLoad();
    document.querySelector('h1')!.textContent = '后来渲染的标题';
    expect((await reader.extract('article')).title).toBe('测试市推进公共法律服务体系建设');
    expect((await reader.citation()).title).toBe('测试市推进公共法律服务体系建设');
    expect(sent).toHaveLength(1);
    reader.pageChanged();
    expect((await reader.extract('article')).title).toBe('后来渲染的标题');
  });

  it('over the automatic limits says why on load, and reads within the looser ones when asked', async () => {
    const { reader } = readerOf(portalPageHtml(), { automatic: { ...ROOMY, elements: 5 }, asked: ROOMY });
    const status = await reader.readOnLoad();
    expect(status.stopped).toMatchObject({ kind: 'elements', limit: 5 });
    expect(status.isArticle).toBe(false);
    expect(reader.articleText()).toBe('');
    expect((await reader.extract('article')).text).toContain('公共法律服务');
  });

  it('over even the looser limits is not tried again until the page changes, and keeps the selection or page with the title', async () => {
    const tight = { ...ROOMY, elements: 5 };
    const { reader, document, window } = readerOf(portalPageHtml(), { automatic: tight, asked: tight });
    await reader.readOnLoad();
    expect(await codeOf(() => reader.extract('article'))).toBe('page-too-complex');
    expect(await codeOf(() => reader.treatAsArticle())).toBe('page-too-complex');
    const whole = await reader.extract('page');
    expect(whole.title).toBe('测试市推进公共法律服务体系建设_测试新闻网');
    expect(whole.text).toContain('公共法律服务');
    const paragraph = document.querySelector('p')!;
    window.getSelection()!.selectAllChildren(paragraph);
    const selected = await reader.extract('selection');
    expect(selected).toMatchObject({ title: whole.title, text: paragraph.textContent!.trim() });
    expect(await reader.citation()).toMatchObject({ title: whole.title, url: URL });
    // Shrunk below the limit, but nothing said the page changed: the last answer stands.
    document.body.replaceChildren();
    expect(await codeOf(() => reader.extract('article'))).toBe('page-too-complex');
  });

  it('keeps the selection with the article’s details, its images and without the page’s scripts', async () => {
    const body = '<p id="picked">选中的<b>段落</b><img src="/pic/1.jpg" onerror="alert(1)"></p><p>没有选中的段落。</p>';
    const { reader, document, window } = readerOf(portalPageHtml({ bodyHtml: body }));
    await reader.readOnLoad();
    window.getSelection()!.selectAllChildren(document.getElementById('picked')!);
    const selected = await reader.extract('selection');
    expect(selected.title).toBe('测试市推进公共法律服务体系建设');
    expect(selected.text).toBe('选中的段落');
    expect(selected.html).toContain('<img src="/pic/1.jpg">');
    expect(selected.html).not.toContain('onerror');
  });

  it('after a change, anchoring gets the last text at once and the copy is read again away', async () => {
    const { reader, document, sent } = readerOf(portalPageHtml());
    await reader.readOnLoad();
    document.querySelector('h1')!.textContent = '后来渲染的标题';
    document.querySelector('p')!.textContent = '后来渲染的正文段落。';
    reader.pageChanged();
    expect(reader.articleText()).toContain('公共法律服务');
    expect(reader.articleText()).toContain('公共法律服务');
    for (let turn = 0; turn < 100 && !reader.articleText().includes('后来渲染'); turn++) {
      await new Promise((done) => setTimeout(done, 0));
    }
    expect(sent).toHaveLength(2);
    expect(reader.articleText()).toContain('后来渲染的正文段落');
    expect(reader.status().metadata?.title).toBe('后来渲染的标题');
  });

  it('stays unread when the copy cannot be read away: highlights anchor in the body, a clip says why', async () => {
    const page = pageOf(portalPageHtml());
    const reader = createPageReader({
      document: page.document,
      url: () => URL,
      serialize: () => documentMarkupSteps(page.document),
      readElsewhere: () => Promise.reject(new PizhuError('unreachable', 'the background is gone')),
    });
    expect(await reader.readOnLoad()).toMatchObject({ isArticle: false, metadata: null, stopped: null });
    expect(reader.articleText()).toBe('');
    expect(await codeOf(() => reader.extract('article'))).toBe('unreachable');
  });

  it('refuses a clip longer than a clip may hold', async () => {
    const long = `<p>${'很长的正文。'.repeat(400_000)}</p>`;
    const { reader } = readerOf(portalPageHtml({ bodyHtml: long }));
    await reader.readOnLoad();
    expect(await codeOf(() => reader.extract('page'))).toBe('page-too-long');
  });
});
