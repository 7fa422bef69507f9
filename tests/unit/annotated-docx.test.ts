// @vitest-environment jsdom
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type PizhuDatabase } from '@/store/database';
import { loadExportBundle } from '@/store/export-snapshot';
import { exportAnnotatedDocx, initialsOf } from '@/utils/export/annotated-docx';
import type { ExportBundle } from '@/utils/export/export-bundle';
import { ZH_LABELS } from '@/utils/export/export-labels';
import { exportSettings } from '@/utils/export/export-settings';
import { convertWithLibreOffice } from '../support/libreoffice';
import { clip, highlight, outlinedArticle } from '../support/notes-fixture';

const URL = 'http://www.test.gov.cn/a/content_1.htm';
const article = outlinedArticle(URL, '关于推进测试工作的意见');
const settings = exportSettings({
  timeZone: 'Asia/Shanghai',
  fallbackAuthor: '组长',
  study: { group: '第一学习小组', member: '王小明', date: '2024年3月8日' },
});

/** The notes a study group's merged file holds: two members, a note over two paragraphs, a tag-only one, a plain highlight, one the text lost. */
const NOTES = [
  { exact: '坚持问题导向', author: '小王', note: '这是重点', tags: ['方法'], color: 'pink' as const },
  { exact: '基本建成协同机制', author: '小李', note: '', tags: ['目标'], color: 'green' as const },
  { exact: '压实责任 各单位主要负责人', author: '小李', note: '跨段的批注', tags: [], color: 'blue' as const },
  { exact: '加强基层基础建设', author: '', note: '先前未署名', tags: [], color: 'yellow' as const },
];
const COMMENTED = NOTES.filter((note) => note.note || note.tags.length);

let db: PizhuDatabase;
let bundle: ExportBundle;
let docx: Uint8Array;
beforeAll(async () => {
  db = openDatabase(`test-${crypto.randomUUID()}`);
  await clip(db, article, 1_000);
  let time = 2_000;
  for (const note of NOTES) await highlight(db, article, note.exact, { ...note, time: (time += 1_000) });
  await highlight(db, article, '推进工作落实', { author: '小王', time: 9_000, color: 'purple' });
  // A second member over the first note's words: a passage two members marked, for the 小组汇总.
  await highlight(db, article, '问题导向', { author: '小李', time: 9_500 });
  // A passage the site has since removed: it has to be somewhere in the file, with its note.
  const lost = await highlight(db, article, '到明年底', { author: '小王', time: 10_000, note: '原文已改' });
  await db.annotations.put({ ...lost, quote: { ...lost.quote, exact: '这一句已被删去' } });
  bundle = await loadExportBundle(db, 'all', new Date(20_000));
  docx = await exportAnnotatedDocx(bundle, ZH_LABELS, settings);
});
afterAll(() => db.delete());

describe('批注稿 (.docx): the parts Word needs', () => {
  it('declares a comments part, relates it to the document and types it', () => {
    const files = unzipSync(docx);
    expect(strFromU8(files['[Content_Types].xml']!)).toContain(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml',
    );
    expect(strFromU8(files['word/_rels/document.xml.rels']!)).toMatch(/relationships\/comments" Target="comments.xml"/);
    const comments = strFromU8(files['word/comments.xml']!);
    expect(comments.match(/<w:comment /g)).toHaveLength(COMMENTED.length + 1);
    expect(comments).toMatch(
      /<w:comment w:id="\d+" w:initials="小王" w:author="小王" w:date="1970-01-01T00:00:03.000Z">/,
    );
    // A note made before a name was set carries the current one.
    expect(comments).toContain('w:author="组长"');
    expect(comments).toContain('标签：#方法');
  });

  it('anchors every comment on its passage: a range start, a range end and a reference, with the same id', () => {
    const document = strFromU8(unzipSync(docx)['word/document.xml']!);
    const ids = (pattern: RegExp) => [...document.matchAll(pattern)].map((match) => match[1]).sort();
    const starts = ids(/<w:commentRangeStart w:id="(\d+)"\/>/g);
    expect(starts).toHaveLength(COMMENTED.length + 1);
    expect(ids(/<w:commentRangeEnd w:id="(\d+)"\/>/g)).toEqual(starts);
    expect(ids(/<w:commentReference w:id="(\d+)"\/>/g)).toEqual(starts);
  });

  it('is A4 with the study group in the header and 第 X 页 共 Y 页 in the footer', () => {
    const files = unzipSync(docx);
    expect(strFromU8(files['word/document.xml']!)).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    const header = Object.keys(files).find((name) => /^word\/header\d*\.xml$/.test(name))!;
    expect(strFromU8(files[header]!)).toContain('学习小组：第一学习小组\u3000学习人：王小明\u3000日期：2024年3月8日');
    const footer = strFromU8(files[Object.keys(files).find((name) => /^word\/footer\d*\.xml$/.test(name))!]!);
    expect(footer).toMatch(/第 .*PAGE.* 页 共 .*NUMPAGES.* 页/s);
  });

  it('gives comment initials as a member would expect them', () => {
    expect(initialsOf('王小明')).toBe('小明');
    expect(initialsOf('Ada Lovelace')).toBe('AL');
    expect(initialsOf('')).toBe('?');
  });
});

describe('批注稿 opened by LibreOffice', () => {
  let flat: Document;
  beforeAll(async () => {
    const xml = await convertWithLibreOffice(docx, 'notes.docx', 'fodt');
    flat = new DOMParser().parseFromString(xml, 'application/xml');
  }, 180_000);
  const OFFICE = 'urn:oasis:names:tc:opendocument:xmlns:office:1.0';
  const TEXT = 'urn:oasis:names:tc:opendocument:xmlns:text:1.0';
  const DC = 'http://purl.org/dc/elements/1.1/';

  it('finds every comment with its author, its note, and the passage it is anchored on', () => {
    const annotations = [...flat.getElementsByTagNameNS(OFFICE, 'annotation')];
    const ends = new Map(
      [...flat.getElementsByTagNameNS(OFFICE, 'annotation-end')].map((end) => [
        end.getAttributeNS(OFFICE, 'name'),
        end,
      ]),
    );
    const found = annotations.map((annotation) => {
      const range = flat.createRange();
      range.setStartAfter(annotation);
      range.setEndBefore(ends.get(annotation.getAttributeNS(OFFICE, 'name'))!);
      const paragraphs = [...annotation.getElementsByTagNameNS(TEXT, 'p')].map((p) => p.textContent);
      return {
        author: annotation.getElementsByTagNameNS(DC, 'creator')[0]?.textContent,
        passage: range.toString(),
        text: paragraphs.join('\n'),
      };
    });
    expect(found).toHaveLength(COMMENTED.length + 1);
    for (const note of COMMENTED) {
      const comment = found.find((item) => item.passage.replace(/\s+/g, ' ') === note.exact);
      expect(comment, note.exact).toBeDefined();
      expect(comment!.author).toBe(note.author || '组长');
      if (note.note) expect(comment!.text).toContain(note.note);
      for (const tag of note.tags) expect(comment!.text).toContain(`#${tag}`);
    }
    expect(found.find((item) => item.passage === '这一句已被删去')).toMatchObject({ author: '小王', text: '原文已改' });
  });

  it('has the article’s GB/T 7714 reference under its title', () => {
    const paragraphs = [...flat.getElementsByTagNameNS(TEXT, 'p')].map((p) => p.textContent ?? '');
    expect(paragraphs.find((text) => text.startsWith('引用：'))).toMatch(
      /^引用：张记者\. 关于推进测试工作的意见\[EB\/OL\]\. \(2024-03-05\)\[1970-01-01\]\. http:\/\/www\.test\.gov\.cn\/a\/content_1\.htm\.$/,
    );
  });

  it('heads the article with the 小组汇总 table: 成员, 批注, 回复, 最多人划线的段落, counted from the stored notes', () => {
    const TABLE = 'urn:oasis:names:tc:opendocument:xmlns:table:1.0';
    const [table] = flat.getElementsByTagNameNS(TABLE, 'table');
    const rows = [...table!.getElementsByTagNameNS(TABLE, 'table-row')].map((row) =>
      [...row.getElementsByTagNameNS(TABLE, 'table-cell')].map((cell) =>
        [...cell.getElementsByTagNameNS(TEXT, 'p')].map((p) => p.textContent).join('\n'),
      ),
    );
    const stored = bundle.articles[0]!.annotations;
    const notesOf = (author: string) => stored.filter((record) => record.author === author).length;
    expect(rows).toEqual([
      ['成员', '批注', '回复', '最多人划线的段落'],
      [
        // Most notes first, then by name (pinyin order: 李 before 王).
        `小李：批注 ${notesOf('小李')}，回复 0\n小王：批注 ${notesOf('小王')}，回复 0\n组长：批注 ${notesOf('')}，回复 0`,
        String(stored.length),
        '0',
        '2 人：坚持问题导向',
      ],
    ]);
    expect(flat.documentElement.textContent).toContain('小组汇总');
  });

  it('reads the title and the 一、/（一） headings as headings, in outline order', () => {
    // A heading's words, without the comments anchored in it.
    const words = (h: Element) => {
      const copy = h.cloneNode(true) as Element;
      for (const comment of [...copy.getElementsByTagNameNS(OFFICE, 'annotation')]) comment.remove();
      return copy.textContent;
    };
    const headings = [...flat.getElementsByTagNameNS(TEXT, 'h')].map(
      (h) => `${h.getAttributeNS(TEXT, 'outline-level')} ${words(h)}`,
    );
    expect(headings).toEqual([
      '1 关于推进测试工作的意见',
      '2 一、总体要求',
      '3 （一）明确目标',
      '3 （二）压实责任',
      '2 二、主要任务',
      '2 原文中未能定位的批注',
    ]);
  });
});
