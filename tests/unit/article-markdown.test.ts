// @vitest-environment jsdom
import { JSDOM } from 'jsdom';
import MarkdownIt from 'markdown-it';
import footnotes from 'markdown-it-footnote';
import marks from 'markdown-it-mark';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type PizhuDatabase } from '@/store/database';
import { loadExportBundle } from '@/store/export-snapshot';
import { articleMarkdown } from '@/utils/export/article-markdown';
import type { ExportBundle } from '@/utils/export/export-bundle';
import { ZH_LABELS } from '@/utils/export/export-labels';
import { exportSettings } from '@/utils/export/export-settings';
import { decodeHtml } from '@/utils/extract/decode-html';
import { extractArticle } from '@/utils/extract/extract-article';
import type { ArticleExtract } from '@/utils/model/article';
import { normalizeSpace } from '@/utils/text/normalize-space';
import { corpusBytes, corpusUrl, loadCorpus } from '../../scripts/corpus/load-corpus';
import { hostile, seeded } from '../support/hostile-text';
import { clip, highlight } from '../support/notes-fixture';

/**
 * 全文 Markdown read back by a real CommonMark parser with the GFM footnote and highlight syntax Obsidian and
 * Logseq use (markdown-it with its footnote and mark plugins): the article's text comes back whole, every
 * highlight's words are marked exactly once, and every note is its passage's footnote — on real corpus articles,
 * with notes on headings, in tables, across paragraphs and over one another.
 */
const settings = exportSettings({ timeZone: 'Asia/Shanghai' });
const parseHtml = (html: string) => new DOMParser().parseFromString(html, 'text/html').body;
const markdown = new MarkdownIt({ html: true }).use(footnotes).use(marks);

function extract(html: string, url: string): ArticleExtract {
  const dom = new JSDOM(html, { url });
  return extractArticle(dom.window.document, url, { window: dom.window as unknown as Window & typeof globalThis });
}

/**
 * The corpus's articles hold no data tables (their tables are layout), so one article of our own writing holds
 * two — a plain one and one with merged cells — and an image; the rest is the first real dev article with a
 * long 一、/（一） outline, picked by what it holds.
 */
function pickArticles(): ArticleExtract[] {
  const row = (cells: string[]) => `<tr>${cells.map((cell) => `<td>${cell}</td>`).join('')}</tr>`;
  const tabled = extract(
    `<html><head><title>关于二〇二四年度测试数据的通报</title></head><body><div class="TRS_Editor">
      <p>各单位：现将本年度各项测试数据通报如下，请认真对照检查。</p>
      <p><img src="https://www.test.gov.cn/images/chart.png" alt="年度图表"></p>
      <table>${row(['单位', '完成数量', '完成比例'])}${row(['第一测试中心', '一百二十件', '百分之九十五'])}${row(['第二测试中心', '九十八件', '百分之八十八'])}</table>
      <p>上述数据由各单位自行填报，经汇总审核后形成本通报。</p>
      <table><tr><td colspan="2">合并单元格的总体情况说明</td></tr>${row(['分项甲的具体情况', '分项乙的具体情况'])}</table>
      <p>请各单位于下月底前报送整改情况，逾期未报送的予以通报批评。</p>
    </div></body></html>`,
    'https://www.test.gov.cn/zwgk/2024-03/05/content_1.htm',
  );
  // Reading a page is the slow part: only pages whose markup shows numbered lines or headings are read.
  const looksOutlined =
    /(?:>\s*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d{1,2}[.．、]\D)|<h[234][\s>])/g;
  for (const page of loadCorpus()) {
    if (page.split !== 'dev' || page.kind !== 'article' || page.lang !== 'zh') continue;
    const html = decodeHtml(new Uint8Array(corpusBytes(page))).text;
    if ((html.match(looksOutlined) ?? []).length < 8 || html.length > 150_000) continue;
    const article = extract(html, corpusUrl(page));
    const lines = new Set(article.text.split('\n').map(normalizeSpace));
    const headings = article.outline.filter((item) => lines.has(item.text));
    if (headings.length >= 4 && article.text.length < 20_000) return [tabled, article];
  }
  throw new Error('no dev article has an outline of four headings');
}

const once = (haystack: string, needle: string) => haystack.split(needle).length === 2;

interface Planned {
  exact: string;
  note: string;
  tags: string[];
  where: string;
}

/** Quotes on a heading, in a table cell, across two paragraphs, two over one another, and plain ones. */
function planNotes(article: ArticleExtract): Planned[] {
  const flat = article.text.replace(/\n/g, ' ');
  const lines = article.text.split('\n').map(normalizeSpace).filter(Boolean);
  const plans: Planned[] = [];
  const add = (exact: string, where: string, tags: string[] = []) => {
    if (exact.length >= 4 && once(flat, exact) && !plans.some((plan) => plan.exact === exact))
      plans.push({ exact, note: `批注：${where}\n第二行 *不是强调* # 不是标题`, tags, where });
  };
  const heading = article.outline.find((item) => once(flat, item.text));
  if (heading) add(heading.text, 'heading');
  const cells = [...parseHtml(article.html).querySelectorAll('td')].map((cell) =>
    normalizeSpace(cell.textContent ?? ''),
  );
  const cell = cells.find((text) => text.length >= 4 && lines.includes(text) && once(flat, text));
  if (cell) add(cell, 'table', ['表格']);
  const long = lines.map((line, index) => [line, index] as const).filter(([line]) => line.length > 30);
  const [first, second] = [long[1], long[2]];
  if (first && lines[first[1] + 1] && lines[first[1] + 1]!.length > 8)
    add(`${first[0].slice(-6)} ${lines[first[1] + 1]!.slice(0, 6)}`, 'across');
  if (second) {
    add(second[0].slice(4, 20), 'overlap-a');
    add(second[0].slice(12, 28), 'overlap-b', ['重叠']);
  }
  const third = long[4];
  if (third) add(third[0].slice(2, 14), 'plain');
  return plans;
}

const articles: ArticleExtract[] = [];
const plans = new Map<string, Planned[]>();
let db: PizhuDatabase;
let bundle: ExportBundle;

beforeAll(async () => {
  db = openDatabase(`test-${crypto.randomUUID()}`);
  articles.push(...pickArticles());
  let time = 1_000;
  for (const article of articles) {
    await clip(db, article, (time += 1_000));
    const planned = planNotes(article);
    plans.set(article.url, planned);
    for (const plan of planned)
      await highlight(db, article, plan.exact, {
        author: '王小明',
        time: (time += 1_000),
        note: plan.note,
        tags: plan.tags,
      });
    // A passage the site has since removed.
    const lost = await highlight(db, article, planned[0]!.exact, {
      author: '李华',
      time: (time += 1_000),
      note: '原文已删',
    });
    await db.annotations.put({ ...lost, quote: { ...lost.quote, exact: '这一句已被删去' } });
  }
  bundle = await loadExportBundle(db, 'all', new Date(time + 1_000));
}, 120_000);
afterAll(() => db.delete());

function render(entryIndex: number, style: 'equals' | 'html' = 'equals') {
  const entry = bundle.articles.find((candidate) => candidate.article.url === articles[entryIndex]!.url)!;
  const text = articleMarkdown(entry, bundle.generatedAt, ZH_LABELS, settings, { marks: style, parseHtml });
  const body = text.replace(/^---\n[\s\S]*?\n---\n/, '');
  const html = markdown.render(body);
  const document = new DOMParser().parseFromString(html, 'text/html');
  return { entry, text, document };
}

/** What a reader of the rendered note sees, without the footnote numbers. */
function visibleText(element: Element): string {
  const copy = element.cloneNode(true) as Element;
  copy.querySelectorAll('sup.footnote-ref, .footnotes, .footnote-backref').forEach((node) => node.remove());
  return copy.textContent ?? '';
}

describe('全文 Markdown read back by CommonMark with footnotes and highlights', () => {
  it('picks real articles with a table and with an outline, and plans notes of every kind on them', () => {
    expect(articles).toHaveLength(2);
    const kinds = new Set([...plans.values()].flat().map((plan) => plan.where));
    for (const kind of ['heading', 'table', 'across', 'overlap-a', 'overlap-b']) expect(kinds).toContain(kind);
  });

  it.each([0, 1])('gives back the article’s text, in order (article %i)', (index) => {
    const { entry, document } = render(index);
    const shown = visibleText(document.body).replace(/\s+/g, '');
    let from = 0;
    for (const line of entry.article.text
      .split('\n')
      .map((line) => line.replace(/\s+/g, ''))
      .filter(Boolean)) {
      const at = shown.indexOf(line, from);
      expect(at, line).toBeGreaterThanOrEqual(0);
      from = at + line.length;
    }
  });

  it.each([
    [0, 'equals'],
    [1, 'equals'],
    [0, 'html'],
    [1, 'html'],
  ] as const)('marks every highlight’s words, and nothing twice (article %i, %s)', (index, style) => {
    const { entry, document } = render(index, style);
    const marked = [...document.querySelectorAll('mark')].map((mark) => visibleText(mark).replace(/\s+/g, '')).join('');
    const placed = entry.annotations.filter((annotation) => annotation.quote.exact !== '这一句已被删去');
    for (const annotation of placed) expect(marked).toContain(annotation.quote.exact.replace(/\s+/g, ''));
    // Overlapping passages are marked as their union: no character of the text is marked twice.
    const flat = entry.article.text.replace(/\s+/g, '');
    const covered = new Set<number>();
    for (const annotation of placed) {
      const start = flat.indexOf(annotation.quote.exact.replace(/\s+/g, ''));
      for (let at = start; at < start + annotation.quote.exact.replace(/\s+/g, '').length; at++) covered.add(at);
    }
    expect(marked.length).toBe(covered.size);
  });

  it.each([0, 1])('makes every note its passage’s footnote, with its author and tags (article %i)', (index) => {
    const { entry, document } = render(index);
    const items = [...document.querySelectorAll('.footnotes li')];
    const noted = entry.annotations.filter((annotation) => annotation.note || annotation.tags.length);
    expect(items).toHaveLength(noted.length);
    for (const annotation of noted) {
      const item = items.find((candidate) => visibleText(candidate).includes(annotation.note.split('\n')[0]!))!;
      expect(item, annotation.note).toBeTruthy();
      const text = visibleText(item);
      if (annotation.note.startsWith('批注：')) expect(text).toContain('第二行 *不是强调* # 不是标题');
      expect(text).toContain(annotation.author);
      for (const tag of annotation.tags) expect(text).toContain(`#${tag}`);
      // The reference to it stands in the text and links to it.
      const id = item.id;
      expect(document.querySelector(`sup.footnote-ref a[href="#${id}"]`)).not.toBeNull();
    }
    // The note's own words made no structure: no emphasis, no heading inside a footnote.
    expect(document.querySelectorAll('.footnotes em, .footnotes h1, .footnotes h2')).toHaveLength(0);
  });

  it('keeps the 一、/（一） outline as headings and a simple table as a table', () => {
    const { document: withTable } = render(0);
    expect(withTable.querySelectorAll('table').length).toBeGreaterThan(0);
    const { entry, document } = render(1);
    const headings = [...document.querySelectorAll('h2, h3, h4, h5, h6')].map((heading) =>
      visibleText(heading).replace(/\s+/g, ''),
    );
    // Every outline item that is a whole line is a heading (one that opens a paragraph stays in it).
    const lines = new Set(entry.article.text.split('\n').map(normalizeSpace));
    const whole = entry.article.outline.filter((item) => lines.has(item.text));
    expect(whole.length).toBeGreaterThanOrEqual(4);
    for (const item of whole) expect(headings).toContain(item.text.replace(/\s+/g, ''));
  });

  it('lists a note whose passage is gone under 未定位, still with its footnote', () => {
    const { document, text } = render(0);
    expect(text).toContain(`## ${ZH_LABELS.unplaced}`);
    const quote = [...document.querySelectorAll('blockquote')].find((node) =>
      visibleText(node).includes('这一句已被删去'),
    );
    expect(quote?.querySelector('sup.footnote-ref')).not.toBeNull();
  });

  it('carries the article’s details and its GB/T 7714 reference in the front matter', () => {
    const { entry, text } = render(0);
    const front = text.match(/^---\n([\s\S]*?)\n---\n/)![1]!;
    expect(front).toMatch(/^title: "/m);
    expect(front).toMatch(/^url: "/m);
    // YAML reads the \u escapes that keep Markdown syntax out of the front matter.
    const cite = JSON.parse(front.match(/^cite: (".*")$/m)![1]!) as string;
    expect(cite).toMatch(/\[EB\/OL\]\. /);
    if (entry.article.publishedAt) expect(front).toContain(`published: ${entry.article.publishedAt.slice(0, 10)}`);
    expect(front).toContain('tags:\n  - "表格"');
  });
});

describe('全文 Markdown of hostile text', () => {
  const ALLOWED_BLOCKS = new Set([
    'heading_open',
    'heading_close',
    'paragraph_open',
    'paragraph_close',
    'blockquote_open',
    'blockquote_close',
    'inline',
    'footnote_block_open',
    'footnote_block_close',
    'footnote_open',
    'footnote_close',
    'footnote_anchor',
  ]);
  const ALLOWED_INLINE = new Set([
    'text',
    'softbreak',
    'hardbreak',
    'mark_open',
    'mark_close',
    'footnote_ref',
    'html_inline',
  ]);
  const MARK_TAG = /^(?:<mark style="background:#[0-9a-f]{6}">|<\/mark>)$/i;

  /** An article whose lines, notes, tags and names are hostile text, with highlights over parts of its lines. */
  function hostileEntry(seed: number) {
    const random = seeded(seed);
    const lines = Array.from(
      { length: 6 },
      () => `${normalizeSpace(hostile(random))}文字${normalizeSpace(hostile(random))}`,
    );
    const text = lines.join('\n');
    const flat = lines.join(' ');
    const at = (n: number) => Math.floor(random() * n);
    const annotations = Array.from({ length: 4 }, (_, n) => {
      const start = at(flat.length - 2);
      const end = Math.min(flat.length, start + 1 + at(12));
      return {
        id: `00000000-0000-4000-8000-00000000000${n}`,
        articleId: 'a',
        url: 'http://www.test.gov.cn/a.htm',
        urlKey: 'http://www.test.gov.cn/a.htm',
        quote: { exact: flat.slice(start, end), prefix: flat.slice(Math.max(0, start - 8), start), suffix: '' },
        position: { start, end },
        color: 'yellow' as const,
        note: `${hostile(random)}n`,
        tags: [`${hostile(random)}t`],
        author: hostile(random),
        createdAt: `2024-03-01T00:00:0${n}.000Z`,
        updatedAt: `2024-03-01T00:00:0${n}.000Z`,
      };
    });
    const article = {
      id: 'a',
      url: 'http://www.test.gov.cn/a.htm',
      urlKey: 'http://www.test.gov.cn/a.htm',
      canonicalUrl: null,
      lang: 'zh',
      title: `${hostile(random)}题`,
      source: hostile(random),
      author: hostile(random),
      editor: hostile(random),
      publishedAt: null,
      publishedText: null,
      siteName: null,
      column: null,
      excerpt: '',
      text,
      html: '',
      outline: [],
      length: text.length,
      clippedAt: null,
      createdAt: '2024-03-01T00:00:00.000Z',
      updatedAt: '2024-03-01T00:00:00.000Z',
    };
    return { article, annotations } as unknown as ExportBundle['articles'][number];
  }

  it('makes only headings, paragraphs, quotes and footnotes, and no inline markup but its marks', () => {
    for (let seed = 1; seed <= 40; seed += 1) {
      const entry = hostileEntry(seed);
      for (const style of ['equals', 'html'] as const) {
        const text = articleMarkdown(entry, '2024-04-01T00:00:00.000Z', ZH_LABELS, settings, { marks: style });
        const tokens = markdown.parse(text.replace(/^---\n[\s\S]*?\n---\n/, ''), {});
        const blocks = tokens.map((token) => token.type).filter((type) => !ALLOWED_BLOCKS.has(type));
        expect(blocks, `seed ${seed} ${style}`).toEqual([]);
        const inline = tokens.flatMap((token) => token.children ?? []);
        expect(
          inline.map((token) => token.type).filter((type) => !ALLOWED_INLINE.has(type)),
          `seed ${seed}`,
        ).toEqual([]);
        expect(inline.filter((token) => token.type === 'html_inline' && !MARK_TAG.test(token.content))).toEqual([]);
        // One heading: the title; every line of the article is still there as text.
        expect(tokens.filter((token) => token.type === 'heading_open')).toHaveLength(1);
        const shown = inline
          .filter((token) => token.type === 'text')
          .map((token) => token.content)
          .join('')
          .replace(/\s+/g, '');
        for (const line of entry.article.text.split('\n'))
          expect(shown, `seed ${seed}`).toContain(line.replace(/\0/g, '\uFFFD').replace(/\s+/g, ''));
      }
    }
  });
});
