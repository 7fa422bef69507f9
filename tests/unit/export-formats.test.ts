import { parse as parseCsv } from 'csv-parse/sync';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type PizhuDatabase } from '@/store/database';
import { exportCsv } from '@/utils/export/csv-export';
import { exportDocx } from '@/utils/export/docx-export';
import { loadExportBundle } from '@/store/export-snapshot';
import type { ExportBundle } from '@/utils/export/export-bundle';
import { fileNameFor } from '@/utils/export/export-file';
import { EN_LABELS, ZH_LABELS } from '@/utils/export/export-labels';
import { exportSettings } from '@/utils/export/export-settings';

const SHANGHAI = exportSettings({ timeZone: 'Asia/Shanghai' });
import { exportMarkdown } from '@/utils/export/markdown-export';
import { sectionsInReadingOrder } from '@/utils/export/reading-order';
import { ANNO_CONTEXT, exportW3cJson } from '@/utils/export/w3c-export';
import { clip, highlight, outlinedArticle } from '../support/notes-fixture';

const URL_A = 'http://www.test.gov.cn/a/content_1.htm';
const URL_B = 'http://www.test.gov.cn/b/content_2.htm';
const articleA = outlinedArticle(URL_A, '关于推进测试工作的意见');
const articleB = outlinedArticle(URL_B, '另一篇文章');

let db: PizhuDatabase;
let bundle: ExportBundle;

beforeEach(async () => {
  db = openDatabase(`test-${crypto.randomUUID()}`);
  await clip(db, articleA, 1_000);
  // Made out of reading order, by two members.
  await highlight(db, articleA, '加强基层基础建设', {
    author: '小李',
    time: 5_000,
    note: '第二部分的重点',
    tags: ['基层'],
    color: 'green',
  });
  await highlight(db, articleA, '坚持问题导向', {
    author: '小王',
    time: 2_000,
    note: '第一行\n第二行 <script>alert(1)</script>',
    tags: ['方法', '重点'],
  });
  await highlight(db, articleA, '基本建成协同机制', { author: '小王', time: 3_000, color: 'blue' });
  await highlight(db, articleA, '这是一篇用于测试的文章', { author: '小李', time: 4_000 });
  await highlight(db, articleB, '压实责任', { author: '小王', time: 6_000, note: '=SUM(A1)' });
  bundle = await loadExportBundle(db, 'all', new Date('2024-04-01T00:00:00Z'));
});
afterEach(async () => {
  await db.delete();
});

const quotesA = ['这是一篇用于测试的文章', '坚持问题导向', '基本建成协同机制', '加强基层基础建设'];

/** The positions of `parts` in `text`, which must be increasing for the parts to be in order. */
function orderIn(text: string, parts: string[]): number[] {
  return parts.map((part) => {
    const at = text.indexOf(part);
    expect(at, `"${part}" is in the export`).toBeGreaterThanOrEqual(0);
    return at;
  });
}
const increasing = (numbers: number[]) => numbers.every((value, index) => index === 0 || value > numbers[index - 1]!);

describe('reading order', () => {
  it('puts highlights in the order of the text and under the headings before them', () => {
    const entry = bundle.articles.find(({ article }) => article.url === URL_A)!;
    const sections = sectionsInReadingOrder(entry.article, entry.annotations);
    expect(
      sections.map((section) => [
        section.headings.map((heading) => heading.text),
        section.annotations.map((a) => a.quote.exact),
      ]),
    ).toEqual([
      [[], ['这是一篇用于测试的文章']],
      [['一、总体要求'], ['坚持问题导向']],
      [['一、总体要求', '（一）明确目标'], ['基本建成协同机制']],
      [['二、主要任务'], ['加强基层基础建设']],
    ]);
  });
});

describe('Markdown export', () => {
  it('has the title, the count, the metadata block, then quotes with notes under their headings', () => {
    const markdown = exportMarkdown(
      { ...bundle, articles: bundle.articles.filter(({ article }) => article.url === URL_A) },
      ZH_LABELS,
    );
    expect(markdown.startsWith('---\ntitle: "关于推进测试工作的意见"\n')).toBe(true);
    expect(markdown).toContain('# 关于推进测试工作的意见');
    expect(markdown).toContain('*共 4 条批注*');
    for (const line of [
      '- 来源：测试日报',
      '- 发布时间：2024-03-05 08:00',
      '- 作者：张记者',
      '- 责编：李编辑',
      `- 链接：<${URL_A}>`,
      '- 剪藏时间：1970-01-01 00:00',
    ]) {
      expect(markdown).toContain(line);
    }
    expect(
      increasing(
        orderIn(markdown, [
          '## 一、总体要求',
          '> 坚持问题导向',
          '批注：第一行',
          '### （一）明确目标',
          '> 基本建成协同机制',
          '## 二、主要任务',
          '> 加强基层基础建设',
        ]),
      ),
    ).toBe(true);
    expect(markdown).toContain('标签：#方法 #重点 · 批注人：小王');
    // A note is text: its markup is escaped, not passed through.
    expect(markdown).toContain('\\<script\\>');
    expect(markdown).not.toContain('<script>');
  });

  it('puts several articles under one heading with the counts', () => {
    const markdown = exportMarkdown(bundle, EN_LABELS);
    expect(markdown.split('\n')[0]).toBe('# Note · 2 articles · 5 annotations');
    expect(increasing(orderIn(markdown, ['## 关于推进测试工作的意见', '## 另一篇文章']))).toBe(true);
  });
});

describe('CSV export', () => {
  it('parses back to one row per highlight, Chinese intact, behind a byte order mark', () => {
    const csv = exportCsv(bundle, ZH_LABELS, SHANGHAI);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const rows: string[][] = parseCsv(csv.slice(1));
    // The UI's language, and times on the reader's clock, in a form spreadsheets read as dates.
    expect(rows[0]).toEqual([
      '原文',
      '批注',
      '标签',
      '颜色',
      '标题',
      '链接',
      '发布时间',
      '来源',
      '批注人',
      '创建时间 (UTC+08:00)',
      '修改时间 (UTC+08:00)',
      '回复',
    ]);
    const first = rows.find((row) => row[0] === '坚持问题导向')!;
    expect(first).toEqual([
      '坚持问题导向',
      '第一行\n第二行 <script>alert(1)</script>',
      '方法; 重点',
      '黄',
      '关于推进测试工作的意见',
      URL_A,
      '2024-03-05 08:00',
      '测试日报',
      '小王',
      '1970-01-01 08:00:02',
      '1970-01-01 08:00:02',
      '',
    ]);
    expect(
      rows
        .slice(1)
        .filter((row) => row[5] === URL_A)
        .map((row) => row[0]),
    ).toEqual(quotesA);
    expect(rows).toHaveLength(6);
  });

  it('keeps a note that looks like a formula from running in a spreadsheet', () => {
    const rows: string[][] = parseCsv(exportCsv(bundle, ZH_LABELS, SHANGHAI).slice(1));
    expect(rows.find((row) => row[0] === '压实责任')![1]).toBe("'=SUM(A1)");
  });
});

describe('Word export', () => {
  it('is an Office Open XML package whose document has the headings, quotes and notes in order, in Chinese fonts', async () => {
    const docx = await exportDocx(
      { ...bundle, articles: bundle.articles.filter(({ article }) => article.url === URL_A) },
      ZH_LABELS,
    );
    const files = unzipSync(docx);
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining(['[Content_Types].xml', '_rels/.rels', 'word/document.xml', 'word/styles.xml']),
    );
    const document = strFromU8(files['word/document.xml']!);
    const text = document.replace(/<[^>]+>/g, '');
    expect(
      increasing(
        orderIn(text, [
          '关于推进测试工作的意见',
          '共 4 条批注',
          '测试日报',
          '这是一篇用于测试的文章',
          '一、总体要求',
          '坚持问题导向',
          '第一行',
          '第二行',
          '（一）明确目标',
          '基本建成协同机制',
          '二、主要任务',
          '加强基层基础建设',
          '第二部分的重点',
        ]),
      ),
    ).toBe(true);
    expect(document).toContain('&lt;script&gt;');
    // Highlight colours come through as shading of the quote.
    expect(document).toMatch(/w:fill="C8F2C2"/);
    const styles = strFromU8(files['word/styles.xml']!);
    expect(styles).toContain('w:eastAsia="宋体"');
    expect(styles).toContain('w:eastAsia="黑体"');
  });
});

describe('W3C JSON export', () => {
  it('is an AnnotationCollection whose annotations have the model’s required fields', () => {
    const collection = JSON.parse(JSON.stringify(exportW3cJson(bundle, crypto.randomUUID(), 'notes')));
    expect(collection['@context'][0]).toBe(ANNO_CONTEXT);
    expect(collection.type).toBe('AnnotationCollection');
    expect(collection.total).toBe(5);
    for (const item of collection.first.items) {
      expect(item.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
      expect(item.type).toBe('Annotation');
      expect(item.target.source).toMatch(/^http:/);
      // Positions count over Pizhu's clipped text, not the source page's: they stay under `pizhu`.
      expect(item.target.selector.map((selector: { type: string }) => selector.type)).toEqual(['TextQuoteSelector']);
      expect(item.pizhu.position).toEqual({ start: expect.any(Number), end: expect.any(Number) });
      expect(Date.parse(item.created)).not.toBeNaN();
      for (const body of item.body ?? [])
        expect(body).toMatchObject({ type: 'TextualBody', value: expect.any(String) });
    }
    const noted = collection.first.items.find(
      (item: { target: { selector: { exact: string }[] } }) => item.target.selector[0]!.exact === '坚持问题导向',
    );
    expect(noted.creator).toEqual({ type: 'Person', name: '小王' });
    expect(noted.motivation).toBe('commenting');
    expect(noted.body).toEqual([
      {
        type: 'TextualBody',
        value: '第一行\n第二行 <script>alert(1)</script>',
        format: 'text/plain',
        purpose: 'commenting',
      },
      { type: 'TextualBody', value: '方法', format: 'text/plain', purpose: 'tagging' },
      { type: 'TextualBody', value: '重点', format: 'text/plain', purpose: 'tagging' },
    ]);
    expect(collection.pizhu.articles).toHaveLength(2);
  });
});

describe('file names', () => {
  it('use the title without characters file systems refuse', () => {
    const single = {
      ...bundle,
      articles: [{ ...bundle.articles[0]!, article: { ...bundle.articles[0]!.article, title: 'a/b:c*?"<>|d' } }],
    };
    const options = { labels: ZH_LABELS, timeZone: 'Asia/Shanghai' };
    expect(fileNameFor(single, 'annotated-docx', options)).toBe('《a b c d》-批注稿-20240401.docx');
    expect(fileNameFor(single, 'docx', options)).toBe('《a b c d》-批注摘录-20240401.docx');
    expect(fileNameFor(single, 'annotated-html', options)).toBe('《a b c d》-批注版-20240401.html');
    expect(fileNameFor(bundle, 'csv', options)).toBe('Pizhu-批注-20240401.csv');
    expect(fileNameFor(bundle, 'json', { ...options, base: 'pizhu-backup' })).toBe('pizhu-backup-批注-20240401.json');
    expect(fileNameFor(single, 'annotated-docx', { labels: EN_LABELS, timeZone: 'UTC' })).toBe(
      '《a b c d》-annotated copy-20240401.docx',
    );
  });
});
