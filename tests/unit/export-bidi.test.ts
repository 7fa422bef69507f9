// @vitest-environment jsdom
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type PizhuDatabase } from '@/store/database';
import { loadExportBundle } from '@/store/export-snapshot';
import { saveReply } from '@/store/reply-store';
import { exportAnnotatedDocx } from '@/utils/export/annotated-docx';
import { exportAnnotatedHtml } from '@/utils/export/annotated-html';
import type { ExportBundle } from '@/utils/export/export-bundle';
import { ZH_LABELS } from '@/utils/export/export-labels';
import { exportSettings } from '@/utils/export/export-settings';
import { balanceBidi, isolateBidi } from '@/utils/text/bidi-isolate';
import { clip, highlight, outlinedArticle } from '../support/notes-fixture';

/** Names and fields a member or a page made to turn Pizhu's words after them around. */
const RLO = '\u202E';
const NAME = `小王${RLO}`;
const SOURCE = `新华社${RLO}\u2067`;
const TAG = `重点${RLO}`;
const REPLY_AUTHOR = `小李\u202B`;
const REPLY = `同意${RLO}`;
const NOTE = `要点${RLO}\n第二行\u2066`;
const STUDY = { group: `一组${RLO}`, member: NAME, date: '2024年3月8日' };

const URL = 'http://www.test.gov.cn/a/content_1.htm';
const settings = exportSettings({ timeZone: 'Asia/Shanghai', study: STUDY });
let db: PizhuDatabase;
let bundle: ExportBundle;
beforeAll(async () => {
  db = openDatabase(`export-bidi-${crypto.randomUUID()}`);
  const article = outlinedArticle(URL, '关于推进测试工作的意见');
  await clip(db, { ...article, source: SOURCE, author: NAME }, 1_000);
  const note = await highlight(db, article, '坚持问题导向', { author: NAME, time: 2_000, note: NOTE, tags: [TAG] });
  await saveReply(
    db,
    { id: crypto.randomUUID(), annotationId: note.id, text: REPLY },
    { author: REPLY_AUTHOR, memberId: crypto.randomUUID(), now: new Date(3_000) },
  );
  bundle = await loadExportBundle(db, 'all', new Date(20_000));
});
afterAll(async () => {
  await db.delete();
});

/** Whether every directional control a text opens is closed in it, in order, and nothing is closed twice. */
function balanced(text: string): boolean {
  const open: string[] = [];
  for (const char of text) {
    if ('\u202A\u202B\u202D\u202E'.includes(char)) open.push('\u202C');
    else if ('\u2066\u2067\u2068'.includes(char)) open.push('\u2069');
    else if (char === '\u202C' || char === '\u2069') if (open.pop() !== char) return false;
  }
  return open.length === 0;
}

describe('directional controls in names and fields', () => {
  it('are closed where they are opened, and text without them stays as it was', () => {
    expect(balanceBidi(`a${RLO}b`)).toBe(`a${RLO}b\u202C`);
    expect(balanceBidi('a\u2069\u202Cb')).toBe('ab');
    expect(balanceBidi(`\u2067x${RLO}y\u2069z${RLO}`)).toBe(`\u2067x${RLO}y\u202C\u2069z${RLO}\u202C`);
    expect(isolateBidi('小王')).toBe('小王');
    expect(isolateBidi(NAME)).toBe(`\u2068${NAME}\u202C\u2069`);
    for (const text of [NAME, SOURCE, REPLY_AUTHOR, NOTE, '\u2069\u2069\u202E\u2066\u202C'])
      expect(balanced(isolateBidi(text)), JSON.stringify(text)).toBe(true);
  });

  it('sit each in its own <bdi> in the 批注版, apart from Pizhu’s words', () => {
    const page = new DOMParser().parseFromString(exportAnnotatedHtml(bundle, ZH_LABELS, settings), 'text/html');
    const isolated = [...page.querySelectorAll('bdi')].map((element) => element.textContent);
    for (const value of [NAME, SOURCE, TAG, REPLY_AUTHOR, REPLY, NOTE, STUDY.group])
      expect(isolated, JSON.stringify(value)).toContain(value);
    // No directional control in a text node outside a <bdi>: each one ends where its <bdi> ends.
    const walker = page.createTreeWalker(page.body, NodeFilter.SHOW_TEXT);
    const loose: string[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode())
      if (/[\u202A-\u202E\u2066-\u2069]/.test(node.textContent ?? '') && !node.parentElement?.closest('bdi'))
        loose.push(node.textContent ?? '');
    expect(loose).toEqual([]);
    // The browser's own style for <bdi> is unicode-bidi: isolate; the file's style does not undo it.
    expect(page.querySelector('style')!.textContent).not.toMatch(/bdi|unicode-bidi/);
  });

  it('are balanced in every run of the 批注稿, body, comments and header', async () => {
    const files = unzipSync(await exportAnnotatedDocx(bundle, ZH_LABELS, settings));
    const runs = ['word/document.xml', 'word/comments.xml', ...Object.keys(files).filter((name) => /header/.test(name))]
      .map((name) => new DOMParser().parseFromString(strFromU8(files[name]!), 'application/xml'))
      .flatMap((xml) => [...xml.getElementsByTagName('w:t')].map((run) => run.textContent ?? ''));
    const text = runs.join('');
    for (const value of ['小王', '新华社', '重点', '同意', '要点', '一组']) expect(text).toContain(value);
    expect(runs.filter((run) => !balanced(run))).toEqual([]);
    // The member's values arrive whole, isolated: the tag line ends with the tag's own isolate.
    expect(runs).toContain(`${ZH_LABELS.tags}：#${isolateBidi(TAG)}`);
  });
});
