// @vitest-environment jsdom
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { openDatabase, type PizhuDatabase } from '@/store/database';
import { loadExportBundle } from '@/store/export-snapshot';
import { saveReply } from '@/store/reply-store';
import { exportAnnotatedDocx } from '@/utils/export/annotated-docx';
import { exportAnnotatedHtml } from '@/utils/export/annotated-html';
import { exportCsv } from '@/utils/export/csv-export';
import { exportDocx } from '@/utils/export/docx-export';
import type { ExportBundle } from '@/utils/export/export-bundle';
import { ZH_LABELS } from '@/utils/export/export-labels';
import { exportSettings } from '@/utils/export/export-settings';
import { exportMarkdown } from '@/utils/export/markdown-export';
import { exportW3cJson } from '@/utils/export/w3c-export';
import { readNotesFile } from '@/utils/import/read-notes-file';
import { convertWithLibreOffice } from '../support/libreoffice';
import { clip, highlight, outlinedArticle } from '../support/notes-fixture';

/** A study group's thread under a note goes into every export, each in its own way. */

const URL = 'http://www.test.gov.cn/a/content_1.htm';
const article = outlinedArticle(URL, '关于推进测试工作的意见');
const settings = exportSettings({ timeZone: 'Asia/Shanghai' });
const REPLIES = [
  { author: '小李', text: '同意，另见第二部分' },
  { author: '小张', text: '补充：<b>不是标签</b>' },
];

let db: PizhuDatabase;
let bundle: ExportBundle;
let noteId: string;
beforeAll(async () => {
  db = openDatabase(`test-${crypto.randomUUID()}`);
  await clip(db, article, 1_000);
  const note = await highlight(db, article, '坚持问题导向', { author: '小王', time: 2_000, note: '这是重点' });
  noteId = note.id;
  let time = 3_000;
  for (const reply of REPLIES) {
    await saveReply(
      db,
      { id: crypto.randomUUID(), annotationId: note.id, text: reply.text },
      { author: reply.author, memberId: crypto.randomUUID(), now: new Date((time += 1_000)) },
    );
  }
  bundle = await loadExportBundle(db, 'all', new Date(20_000));
});
afterAll(() => db.delete());

describe('replies in exports', () => {
  it('W3C JSON: replies are annotations with motivation replying that target the note, and import back', () => {
    const collection = exportW3cJson(bundle, crypto.randomUUID(), 'notes');
    const replies = collection.first!.items.filter((item) => item.motivation === 'replying');
    expect(replies).toHaveLength(2);
    expect(replies[0]).toMatchObject({ target: `urn:uuid:${noteId}`, creator: { name: '小李' } });
    const read = readNotesFile(JSON.stringify(collection));
    expect(read.replies.map((reply) => [reply.author, reply.text, reply.annotationId])).toEqual(
      REPLIES.map((reply) => [reply.author, reply.text, noteId]),
    );
  });

  it('Markdown, CSV and the 批注版 page list each reply with its author after the note', () => {
    const markdown = exportMarkdown(bundle, ZH_LABELS, settings);
    expect(markdown).toContain('回复（小李）：同意，另见第二部分');
    expect(markdown.indexOf('这是重点')).toBeLessThan(markdown.indexOf('回复（小李）'));
    const rows = parse(exportCsv(bundle, ZH_LABELS, settings).replace(/^\ufeff/, '')) as string[][];
    expect(rows[0]!.at(-1)).toBe('回复');
    expect(rows[1]!.at(-1)).toBe('小李：同意，另见第二部分\n小张：补充：<b>不是标签</b>');
    const html = exportAnnotatedHtml(bundle, ZH_LABELS, settings);
    const page = new DOMParser().parseFromString(html, 'text/html');
    const replies = [...page.querySelectorAll('.note .reply')].map((element) => element.textContent);
    expect(replies).toEqual(['回复（小李）：同意，另见第二部分', '回复（小张）：补充：<b>不是标签</b>']);
    expect(page.querySelector('.note b b, .reply b')).toBeNull();
  });

  it('批注摘录 (Word) has a paragraph for each reply', async () => {
    const files = unzipSync(await exportDocx(bundle, ZH_LABELS, settings));
    const document = strFromU8(files['word/document.xml']!);
    expect(document).toContain('回复（小李）：');
    expect(document).toContain('同意，另见第二部分');
  });

  it('批注稿 (Word): each reply is a comment answering the note’s, which LibreOffice shows under its author', async () => {
    const docx = await exportAnnotatedDocx(bundle, ZH_LABELS, settings);
    const comments = strFromU8(unzipSync(docx)['word/comments.xml']!);
    expect(comments.match(/<w:comment /g)).toHaveLength(3);
    const flat = new DOMParser().parseFromString(
      await convertWithLibreOffice(docx, 'replies.docx', 'fodt'),
      'application/xml',
    );
    const OFFICE = 'urn:oasis:names:tc:opendocument:xmlns:office:1.0';
    const DC = 'http://purl.org/dc/elements/1.1/';
    const found = [...flat.getElementsByTagNameNS(OFFICE, 'annotation')].map((annotation) => [
      annotation.getElementsByTagNameNS(DC, 'creator')[0]?.textContent,
      annotation.textContent?.replace(/^.*?Z?(?=\S)/, ''),
    ]);
    expect(found.map(([author]) => author).sort()).toEqual(['小王', '小李', '小张'].sort());
    for (const reply of REPLIES) expect(found.some(([, text]) => text?.includes(reply.text))).toBe(true);
  }, 180_000);
});
