// @vitest-environment jsdom
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type PizhuDatabase } from '@/store/database';
import { loadExportBundle } from '@/store/export-snapshot';
import { saveReply } from '@/store/reply-store';
import { exportAnnotatedHtml } from '@/utils/export/annotated-html';
import { ZH_LABELS } from '@/utils/export/export-labels';
import { exportSettings } from '@/utils/export/export-settings';
import { summarizeGroup } from '@/utils/export/group-summary';
import { clip, highlight, outlinedArticle } from '../support/notes-fixture';

/** Three members on one article: counts come from what the database holds, not from the test's own sums. */
const URL = 'http://www.test.gov.cn/a/content_1.htm';
const article = outlinedArticle(URL, '关于推进测试工作的意见');
const WANG = crypto.randomUUID();
const LI = crypto.randomUUID();
const ZHANG = crypto.randomUUID();

let db: PizhuDatabase;
beforeAll(async () => {
  db = openDatabase(`test-${crypto.randomUUID()}`);
  await clip(db, article, 1_000);
  const first = await highlight(db, article, '坚持问题导向', { author: '王小明', memberId: WANG, time: 2_000 });
  await highlight(db, article, '问题导向', { author: '李华', memberId: LI, time: 3_000, note: '同感' });
  await highlight(db, article, '导向', { author: '张三', memberId: ZHANG, time: 4_000 });
  // The same member twice over one passage still counts once there.
  await highlight(db, article, '坚持问题', { author: '王小明', memberId: WANG, time: 5_000 });
  await highlight(db, article, '基本建成协同机制', { author: '李华', memberId: LI, time: 6_000 });
  await highlight(db, article, '协同机制', { author: '王小明', memberId: WANG, time: 7_000 });
  await highlight(db, article, '加强基层基础建设', { author: '张三', memberId: ZHANG, time: 8_000 });
  for (const [author, memberId, text] of [
    ['李华', LI, '同意'],
    ['张三', ZHANG, '补充一点'],
    ['李华', LI, '再补充'],
  ] as const)
    await saveReply(db, { id: crypto.randomUUID(), annotationId: first.id, text }, { author, memberId });
});
afterAll(() => db.delete());

describe('the group summary of an article', () => {
  it('counts each member’s notes and replies and lists the passages two or more marked, in reading order', async () => {
    const [entry] = (await loadExportBundle(db, 'all', new Date(20_000))).articles;
    const summary = summarizeGroup(entry!.article, entry!.annotations, entry!.replies ?? []);
    const stored = await db.annotations.toArray();
    const replies = await db.replies.toArray();
    expect(summary.notes).toBe(stored.length);
    expect(summary.replies).toBe(replies.length);
    const byMember = (id: string) => ({
      notes: stored.filter((record) => record.creatorId === id).length,
      replies: replies.filter((record) => record.creatorId === id).length,
    });
    expect(summary.members).toEqual([
      { name: '王小明', ...byMember(WANG) },
      { name: '李华', ...byMember(LI) },
      { name: '张三', ...byMember(ZHANG) },
    ]);
    expect(summary.passages.map(({ text, members, names }) => ({ text, members, names }))).toEqual([
      { text: '坚持问题导向', members: 3, names: ['王小明', '李华', '张三'] },
      { text: '基本建成协同机制', members: 2, names: ['李华', '王小明'] },
    ]);
    expect(summary.passages[0]!.ids).toHaveLength(4);
  });

  it('heads the 批注版 with a 小组汇总 table: 成员, 批注, 回复, 最多人划线的段落', async () => {
    const html = exportAnnotatedHtml(await loadExportBundle(db, 'all', new Date(20_000)), ZH_LABELS, exportSettings());
    const page = new DOMParser().parseFromString(html, 'text/html');
    const table = page.querySelector('table')!;
    expect(table.querySelector('caption')!.textContent).toBe('小组汇总');
    expect([...table.querySelectorAll('th')].map((th) => th.textContent)).toEqual([
      '成员',
      '批注',
      '回复',
      '最多人划线的段落',
    ]);
    const cells = [...table.querySelectorAll('td')].map((td) =>
      td.innerHTML.split('<br>').map((line) => line.replace(/<[^>]+>/g, '')),
    );
    expect(cells).toEqual([
      ['王小明：批注 3，回复 0', '李华：批注 2，回复 2', '张三：批注 2，回复 1'],
      ['7'],
      ['3'],
      ['3 人：坚持问题导向', '2 人：基本建成协同机制'],
    ]);
    // Above the article's text.
    expect(
      table.compareDocumentPosition(page.querySelector('section.block')!) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
  });
});
