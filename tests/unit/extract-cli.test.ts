// @vitest-environment node
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { portalPageHtml } from '../support/portal-page';

const ROOT = resolve(import.meta.dirname, '../..');

describe('npm run extract', () => {
  it('prints one JSON object per file and goes on after bad files', () => {
    const folder = mkdtempSync(join(tmpdir(), 'pizhu-cli-'));
    const page = join(folder, 'page.html');
    const empty = join(folder, 'empty.html');
    const notHtml = join(folder, 'notes.txt');
    writeFileSync(page, portalPageHtml());
    writeFileSync(empty, '');
    writeFileSync(notHtml, 'just some notes, no markup');
    const stdout = execFileSync(
      process.execPath,
      [
        resolve(ROOT, 'node_modules/tsx/dist/cli.mjs'),
        'scripts/extract-cli.ts',
        page,
        '--url',
        'http://www.test.gov.cn/a/content_1.htm',
        empty,
        notHtml,
        join(folder, 'missing.html'),
      ],
      { cwd: ROOT, encoding: 'utf8', env: { ...process.env, INIT_CWD: ROOT } },
    );
    const lines = stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(4);
    expect(Object.keys(lines[0]!)).toEqual([
      'file',
      'isArticle',
      'score',
      'title',
      'publishedAt',
      'publishedText',
      'source',
      'author',
      'editor',
      'siteName',
      'column',
      'text',
      'outline',
    ]);
    expect(lines[0]).toMatchObject({
      file: page,
      isArticle: true,
      title: '测试市推进公共法律服务体系建设',
      source: '测试日报',
    });
    expect(lines[1]).toEqual({ file: empty, error: 'the file is empty' });
    expect(lines[2]).toEqual({ file: notHtml, error: 'the file is not HTML' });
    expect(lines[3]!.error).toMatch(/cannot read/);
  }, 30_000);
});
