// @vitest-environment jsdom
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type PizhuDatabase } from '@/store/database';
import { exportCsv } from '@/utils/export/csv-export';
import { exportDocx } from '@/utils/export/docx-export';
import { loadExportBundle } from '@/store/export-snapshot';
import type { ExportBundle } from '@/utils/export/export-bundle';
import { fileNameFor } from '@/utils/export/export-file';
import { exportSettings } from '@/utils/export/export-settings';
import { ZH_LABELS } from '@/utils/export/export-labels';
import { exportMarkdown } from '@/utils/export/markdown-export';
import { clip, highlight, outlinedArticle } from '../support/notes-fixture';
import { writeHostileFigures } from '../support/hostile-report';

const URL = 'http://www.test.gov.cn/a/content_1.htm';
/** What a page's title or text, or a note, may hold that a file format cannot. */
const POISON = '\uFFFF\u0001\uFFFE\uD800';

let db: PizhuDatabase;
let bundle: ExportBundle;
beforeEach(async () => {
  db = openDatabase(`export-hostile-${crypto.randomUUID()}`);
  const article = outlinedArticle(URL, `毒标题${POISON}`);
  await clip(db, { ...article, source: `来源${POISON}`, author: `作者${POISON}` }, 1_000);
  await highlight(db, article, '坚持问题导向', {
    author: `小王${POISON}`,
    time: 2_000,
    note: `第一行\r- 像列表\r# 像标题\r---\r1. 像编号\r    像代码${POISON}`,
    tags: [`标签${POISON}`],
  });
  await highlight(db, article, '加强基层基础建设', { author: '小李', time: 3_000, note: '备注;=1+1' });
  bundle = await loadExportBundle(db, 'all', new Date('2024-04-01T00:00:00Z'));
});
afterEach(async () => {
  await db.delete();
});

describe('exports of hostile text', () => {
  it('a .docx whose every part a real XML parser reads, properties included', async () => {
    const files = unzipSync(await exportDocx(bundle, ZH_LABELS));
    const parts = Object.keys(files).filter((name) => name.endsWith('.xml') || name.endsWith('.rels'));
    expect(parts).toEqual(expect.arrayContaining(['word/document.xml', 'docProps/core.xml']));
    for (const name of parts) {
      const xml = new DOMParser().parseFromString(strFromU8(files[name]!), 'application/xml');
      expect(xml.getElementsByTagName('parsererror'), name).toHaveLength(0);
    }
    const text = strFromU8(files['word/document.xml']!);
    expect(text).toContain('毒标题');
    expect(strFromU8(files['docProps/core.xml']!)).toContain('毒标题');
    writeHostileFigures('export-docx', {
      notes: [
        `.docx with U+FFFF, U+FFFE, U+0001 and a lone surrogate in title, metadata, note, tag and name: ${parts.length} XML parts, all well-formed`,
      ],
    });
  });

  it('Markdown where a lone CR in a note makes no list, heading or code block', () => {
    const markdown = exportMarkdown(bundle, ZH_LABELS);
    expect(markdown).not.toContain('\r');
    expect(markdown).toContain(
      '批注：第一行\\\n\\- 像列表\\\n\\# 像标题\\\n\\---\\\n1\\. 像编号\\\n&#32;&#32;&#32;&#32;像代码',
    );
  });

  it('CSV whose every cell is quoted, so a semicolon-split spreadsheet sees no formula', () => {
    const csv = exportCsv(bundle, ZH_LABELS, exportSettings({ timeZone: 'Asia/Shanghai' }));
    for (const line of csv.slice(1).split('\r\n').filter(Boolean)) expect(line.startsWith('"'), line).toBe(true);
    expect(csv).toContain(`"备注;'=1+1"`);
    // Read as a spreadsheet set to split on ';' reads it: a quote opens or closes a quoted run
    // anywhere in a line, and only a ';' outside quotes ends a cell. No cell starts a formula.
    const cells = csv
      .slice(1)
      .split('\r\n')
      .flatMap((line) => {
        const found = [''];
        let quoted = false;
        for (const char of line) {
          if (char === '"') quoted = !quoted;
          else if (char === ';' && !quoted) found.push('');
          else found[found.length - 1] += char;
        }
        return found;
      });
    expect(cells.filter((cell) => /^[=+\-@]/.test(cell))).toEqual([]);
  });

  it('a file name without bidi or invisible controls', () => {
    const single = {
      ...bundle,
      articles: [
        { ...bundle.articles[0]!, article: { ...bundle.articles[0]!.article, title: '报告\u202Egpj.exe\u200B\u2066' } },
      ],
    };
    expect(fileNameFor(single, 'docx', { labels: ZH_LABELS, timeZone: 'Asia/Shanghai' })).toBe(
      '《报告 gpj.exe》-批注摘录-20240401.docx',
    );
  });
});
