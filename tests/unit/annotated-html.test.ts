// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type PizhuDatabase } from '@/store/database';
import { loadExportBundle } from '@/store/export-snapshot';
import { exportAnnotatedHtml } from '@/utils/export/annotated-html';
import type { ExportBundle } from '@/utils/export/export-bundle';
import { ZH_LABELS } from '@/utils/export/export-labels';
import { exportSettings } from '@/utils/export/export-settings';
import { clip, highlight, outlinedArticle } from '../support/notes-fixture';

const URL = 'http://www.test.gov.cn/a/content_1.htm';
const settings = exportSettings({
  timeZone: 'Asia/Shanghai',
  fallbackAuthor: '组长',
  study: { group: '第一学习小组', member: '王小明', date: '2024年3月8日' },
});
const payloads: string[] = (
  JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../shared/security/xss-payloads.json'), 'utf8')) as {
    payloads: { payload: string }[];
  }
).payloads.map((entry) => entry.payload);

let db: PizhuDatabase;
let bundle: ExportBundle;
beforeAll(async () => {
  db = openDatabase(`test-${crypto.randomUUID()}`);
  const article = outlinedArticle(URL, '关于推进测试工作的意见');
  await clip(db, article, 1_000);
  await highlight(db, article, '坚持问题导向', {
    author: '小王',
    time: 2_000,
    note: '这是重点',
    tags: ['方法'],
    color: 'pink',
  });
  await highlight(db, article, '压实责任 各单位主要负责人', { author: '', time: 3_000, note: '跨段', color: 'blue' });
  bundle = await loadExportBundle(db, 'all', new Date(20_000));
});
afterAll(() => db.delete());

const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');

describe('批注版网页 (.html)', () => {
  it('forbids scripts and the network, and carries its CSS inline', () => {
    const page = parse(exportAnnotatedHtml(bundle, ZH_LABELS, settings));
    const csp = page.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute('content')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/script-src|unsafe-eval/);
    expect(page.querySelectorAll('script, link, iframe, img, object')).toHaveLength(0);
    expect(page.querySelector('style')!.textContent).toContain('@page{size:A4');
  });

  it('marks each passage in its colour with its note beside it, numbered, with author and local time', () => {
    const page = parse(exportAnnotatedHtml(bundle, ZH_LABELS, settings));
    expect(page.querySelector('header.study')!.textContent).toBe(
      '学习小组：第一学习小组\u3000学习人：王小明\u3000日期：2024年3月8日',
    );
    // The article's GB/T 7714 reference stands under its title, cited on the day of the export.
    const reference = [...page.querySelectorAll('dl.meta dt')].find((dt) => dt.textContent === '引用')!;
    expect(reference.nextElementSibling!.textContent).toMatch(
      /^张记者\. .+\[EB\/OL\]\. \(2024-03-05\)\[1970-01-01\]\. http/,
    );
    expect([...page.querySelectorAll('h2, h3')].map((h) => h.textContent)).toEqual([
      '一、总体要求',
      '（一）明确目标',
      '（二）压实责任',
      '二、主要任务',
    ]);
    expect(page.querySelector('mark.c-pink')!.textContent).toBe('坚持问题导向');
    expect([...page.querySelectorAll('mark.c-blue')].map((mark) => mark.textContent)).toEqual([
      '压实责任',
      '各单位主要负责人',
    ]);
    const notes = [...page.querySelectorAll('.note')].map((note) => note.textContent);
    expect(notes[0]).toBe('1 小王 · 粉 · 1970-01-01 08:00这是重点标签：#方法');
    expect(notes[1]).toContain('2 组长 · 蓝');
    // A note sits in the block where its passage ends.
    expect(page.querySelector('#note-2')!.closest('section')!.textContent).toContain('各单位主要负责人2是第一责任人');
  });

  it('shows every hostile payload as text, in titles, quotes, notes and tags, and makes no element of it', async () => {
    const article = bundle.articles[0]!;
    const hostile: ExportBundle = {
      ...bundle,
      articles: payloads.map((payload, index) => ({
        article: { ...article.article, id: `a${index}`, title: payload, source: payload, text: `${payload}\n正文` },
        annotations: [
          {
            ...article.annotations[0]!,
            id: `n${index}`,
            note: payload,
            tags: [payload],
            quote: { ...article.annotations[0]!.quote, exact: payload },
          },
        ],
      })),
    };
    const page = parse(exportAnnotatedHtml(hostile, ZH_LABELS, settings));
    const allowed = new Set([
      'HTML',
      'HEAD',
      'META',
      'TITLE',
      'STYLE',
      'BODY',
      'HEADER',
      'ARTICLE',
      'H1',
      'H2',
      'DL',
      'DT',
      'DD',
      'SECTION',
      'DIV',
      'P',
      'MARK',
      'SUP',
      'A',
      'ASIDE',
      'B',
      'BDI',
    ]);
    expect(
      [...new Set([...page.querySelectorAll('*')].map((element) => element.tagName))].filter(
        (tag) => !allowed.has(tag),
      ),
    ).toEqual([]);
    for (const element of page.querySelectorAll('*'))
      for (const attribute of element.attributes)
        expect(attribute.name, element.outerHTML.slice(0, 80)).not.toMatch(/^on/i);
    expect(page.querySelectorAll('a[href]:not([href^="#note-"])')).toHaveLength(0);
    expect(page.querySelectorAll('h1')).toHaveLength(payloads.length);
    // 223 pages' worth of HTML parsed in jsdom: slow on a busy machine, and not what this test measures.
  }, 120_000);
});
