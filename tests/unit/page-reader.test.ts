// @vitest-environment node
import { JSDOM, VirtualConsole } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { PizhuError } from '@/utils/errors';
import { documentMarkup } from '@/utils/dom/safe-dom';
import { createPageReader } from '@/utils/page-reader';
import { readPageHtml, type PageHtml } from '@/utils/read-copy';
import { portalPageHtml } from '../support/portal-page';

const URL = 'http://www.chinapeace.gov.cn/chinapeace/c100007/2024-11/26/content_1.shtml';
const ROOMY = { elements: 10_000, depth: 200, milliseconds: 60_000 };

function pageOf(html: string) {
  const dom = new JSDOM(html, { url: URL, virtualConsole: new VirtualConsole() });
  return { document: dom.window.document, window: dom.window as unknown as Window & typeof globalThis };
}

function readerOf(html: string, limits = { automatic: ROOMY, asked: ROOMY }, now?: () => number) {
  const page = pageOf(html);
  return { ...page, reader: createPageReader({ ...page, url: () => URL, limits, now }) };
}

const codeOf = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    if (error instanceof PizhuError) return error.code;
    throw error;
  }
  return null;
};

const LIST_PAGE = `<html><head><title>新闻列表</title></head><body><ul>${Array.from({ length: 30 }, (_, index) => `<li><a href="/a${index}.html">列表第${index}条消息的标题</a> 2024-11-${10 + (index % 19)}</li>`).join('')}</ul></body></html>`;

describe('the content script’s page reader', () => {
  it('reads an article on load: detected, with its metadata in the status', async () => {
    const { reader } = readerOf(portalPageHtml());
    const status = await reader.readOnLoad();
    expect(status.isArticle).toBe(true);
    expect(status.metadata?.title).toBe('测试市推进公共法律服务体系建设');
    expect(status.stopped).toBeNull();
    expect(reader.articleText()).toContain('公共法律服务');
  });

  it('on a page that is not an article, anchors in the body and keeps no extract until asked', async () => {
    const { reader } = readerOf(LIST_PAGE);
    expect(await reader.readOnLoad()).toMatchObject({ isArticle: false, metadata: null });
    expect(reader.articleText()).toBe('');
    const treated = reader.treatAsArticle();
    expect(treated.isArticle).toBe(true);
    expect(treated.reasons).toContain('user');
    expect(treated.metadata?.title).toBeTruthy();
  });

  it('reads a page again when asked after it changed (late rendering), not before', async () => {
    const { reader, document } = readerOf(portalPageHtml());
    await reader.readOnLoad();
    document.querySelector('h1')!.textContent = '后来渲染的标题';
    expect(reader.extract('article').title).toBe('测试市推进公共法律服务体系建设');
    reader.pageChanged();
    expect(reader.extract('article').title).toBe('后来渲染的标题');
  });

  it('over the automatic limits says why on load, and reads within the looser ones when asked', async () => {
    const { reader } = readerOf(portalPageHtml(), { automatic: { ...ROOMY, elements: 5 }, asked: ROOMY });
    const status = await reader.readOnLoad();
    expect(status.stopped).toMatchObject({ kind: 'elements', limit: 5 });
    expect(status.isArticle).toBe(false);
    expect(reader.articleText()).toBe('');
    expect(reader.extract('article').text).toContain('公共法律服务');
  });

  it('over even the looser limits is not tried again until the page changes, and keeps the selection or page with the title', async () => {
    const tight = { ...ROOMY, elements: 5 };
    const { reader, document } = readerOf(portalPageHtml(), { automatic: tight, asked: tight });
    await reader.readOnLoad();
    expect(codeOf(() => reader.extract('article'))).toBe('page-too-complex');
    expect(codeOf(() => reader.treatAsArticle())).toBe('page-too-complex');
    // Shrunk below the limit, but nothing said the page changed: the last answer stands.
    document.body.replaceChildren();
    expect(codeOf(() => reader.extract('article'))).toBe('page-too-complex');
    const whole = reader.extract('page');
    expect(whole.title).toBe('测试市推进公共法律服务体系建设_测试新闻网');
    expect(reader.citation().url).toBe(URL);
  });

  it('stops at the deadline on the injected clock, not the machine’s speed', async () => {
    let clock = 0;
    const { reader } = readerOf(
      portalPageHtml(),
      { automatic: { ...ROOMY, milliseconds: 1_000 }, asked: ROOMY },
      () => (clock += 600),
    );
    expect((await reader.readOnLoad()).stopped).toMatchObject({ kind: 'time', limit: 1_000 });
  });

  it('reads on load from a copy sent away; after a change, anchoring gets the last text and the copy is read again away', async () => {
    const page = pageOf(portalPageHtml());
    const sent: PageHtml[] = [];
    const reader = createPageReader({
      ...page,
      url: () => URL,
      limits: { automatic: ROOMY, asked: ROOMY },
      serialize: () => documentMarkup(page.document),
      readElsewhere: async (copy) => {
        sent.push(copy);
        return readPageHtml(copy, page.window, ROOMY);
      },
    });
    expect((await reader.readOnLoad()).metadata?.title).toBe('测试市推进公共法律服务体系建设');
    expect(sent.map((copy) => copy.mustExtract)).toEqual([false]);
    page.document.querySelector('h1')!.textContent = '后来渲染的标题';
    page.document.querySelector('p')!.textContent = '后来渲染的正文段落。';
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

  it('reads the page in place, in steps, when the copy cannot be read away', async () => {
    const page = pageOf(portalPageHtml());
    const reader = createPageReader({
      ...page,
      url: () => URL,
      limits: { automatic: ROOMY, asked: ROOMY },
      serialize: () => documentMarkup(page.document),
      readElsewhere: () => Promise.reject(new Error('the background is gone')),
    });
    expect((await reader.readOnLoad()).metadata?.title).toBe('测试市推进公共法律服务体系建设');
  });

  it('refuses a clip longer than a clip may hold', async () => {
    const long = `<p>${'很长的正文。'.repeat(400_000)}</p>`;
    const { reader } = readerOf(portalPageHtml({ bodyHtml: long }));
    await reader.readOnLoad();
    expect(codeOf(() => reader.extract('page'))).toBe('page-too-long');
  });
});
