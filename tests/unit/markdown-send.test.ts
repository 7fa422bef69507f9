import { describe, expect, it } from 'vitest';
import { articleMarkdownNotes } from '@/utils/export/article-markdown-file';
import type { ExportBundle } from '@/utils/export/export-bundle';
import { ZH_LABELS } from '@/utils/export/export-labels';
import { exportSettings } from '@/utils/export/export-settings';
import { numberedFileName } from '@/utils/export/file-name-parts';
import { folderWritable, writeNewFiles, type FolderHandle } from '@/utils/export/folder-write';
import { markdownRoutes } from '@/utils/export/markdown-routes';
import { OBSIDIAN_URI_LIMIT, obsidianNewUri, obsidianNotePath } from '@/utils/export/obsidian-uri';
import { outlinedArticle } from '../support/notes-fixture';

/** An in-memory folder with the FileSystemDirectoryHandle calls the writer uses, and a permission state. */
function memoryFolder(files: Record<string, string>, permission: 'granted' | 'prompt' | 'denied' = 'granted') {
  const asked: string[] = [];
  const folder: FolderHandle = {
    name: '笔记库',
    async getFileHandle(name, options) {
      if (!(name in files) && !options?.create) throw Object.assign(new Error(name), { name: 'NotFoundError' });
      files[name] ??= '';
      return {
        createWritable: async () => {
          let text = '';
          return {
            write: async (data: string) => void (text += data),
            close: async () => void (files[name] = text),
          };
        },
      };
    },
    queryPermission: async () => permission,
    requestPermission: async () => {
      asked.push('readwrite');
      return permission === 'prompt' ? 'granted' : permission;
    },
  };
  return { folder, files, asked };
}

function bundleOf(titles: string[]): ExportBundle {
  return {
    generatedAt: '2024-03-05T02:00:00.000Z',
    versions: [],
    articles: titles.map((title, n) => ({
      article: {
        ...outlinedArticle(`https://www.test.gov.cn/a/${n}.htm`, title),
        id: `article-${n}`,
        urlKey: `https://www.test.gov.cn/a/${n}.htm`,
        clippedAt: '2024-03-05T01:00:00.000Z',
        createdAt: '2024-03-05T01:00:00.000Z',
        updatedAt: '2024-03-05T01:00:00.000Z',
      },
      annotations: [],
    })),
  };
}

describe('the obsidian://new address', () => {
  it('names the vault and the note’s path, encoded as Obsidian asks (%2F, %20), with the text inside when short', () => {
    const sent = obsidianNewUri({
      vault: 'my vault',
      folder: '剪藏/政策',
      fileName: '《通知》-全文-20240305.md',
      text: '# 标题\n正文 & 50%',
    });
    expect(sent.viaClipboard).toBe(false);
    const url = new URL(sent.uri);
    expect(url.protocol).toBe('obsidian:');
    expect(sent.uri.startsWith('obsidian://new?vault=my%20vault&file=%E5%89%AA%E8%97%8F%2F')).toBe(true);
    expect(url.searchParams.get('file')).toBe('剪藏/政策/《通知》-全文-20240305');
    expect(url.searchParams.get('content')).toBe('# 标题\n正文 & 50%');
    expect(sent.uri).not.toMatch(/[ +]/);
    expect(url.searchParams.has('overwrite')).toBe(false);
    expect(url.searchParams.has('append')).toBe(false);
  });

  it('sends a long article through the clipboard, the address short and without the text', () => {
    const text = '长'.repeat(1_000);
    const sent = obsidianNewUri({ vault: 'v', folder: '', fileName: 'a.md', text });
    expect(sent.viaClipboard).toBe(true);
    expect(sent.uri).toBe('obsidian://new?vault=v&file=a&clipboard=1');
    expect(sent.uri.length).toBeLessThan(OBSIDIAN_URI_LIMIT);
    // The encoded length decides: 150 Chinese characters are 1,350 characters encoded, and fit.
    expect(obsidianNewUri({ vault: 'v', folder: '', fileName: 'a.md', text: '长'.repeat(150) }).viaClipboard).toBe(
      false,
    );
  });

  it('keeps the note inside the vault and its name one Obsidian accepts', () => {
    expect(obsidianNotePath('../../etc/', 'x.md')).toBe('etc/x');
    expect(obsidianNotePath('\\a\\\\b/./.hidden', 'x')).toBe('a/b/hidden/x');
    expect(obsidianNotePath('', '《标题#1》[附件]|^注.md')).toBe('《标题 1》 附件 注');
    expect(obsidianNotePath('笔记', '\u202egpj.exe')).toBe('笔记/gpj.exe');
    expect(obsidianNotePath('', '...')).toBe('Pizhu');
  });
});

describe('the routes offered', () => {
  it('offers Obsidian once a vault is named, and the folder only where the browser can write one', () => {
    expect(markdownRoutes({ obsidianVault: '', folderChosen: false, folderWritable: true })).toEqual([]);
    expect(markdownRoutes({ obsidianVault: ' 库 ', folderChosen: true, folderWritable: true })).toEqual([
      'obsidian',
      'folder',
    ]);
    // Firefox: no File System Access API, so the download (and Obsidian, if named).
    expect(markdownRoutes({ obsidianVault: '库', folderChosen: true, folderWritable: false })).toEqual(['obsidian']);
    expect(markdownRoutes({ obsidianVault: '', folderChosen: false, folderWritable: false })).toEqual([]);
  });
});

describe('writing to the chosen folder', () => {
  it('never overwrites: a name already there gets the next number', async () => {
    const { folder, files } = memoryFolder({ 'a.md': 'old', 'a-2.md': 'old 2' });
    const written = await writeNewFiles(folder, [
      { name: 'a.md', text: 'new' },
      { name: 'b.md', text: 'b' },
    ]);
    expect(written).toEqual(['a-3.md', 'b.md']);
    expect(files).toEqual({ 'a.md': 'old', 'a-2.md': 'old 2', 'a-3.md': 'new', 'b.md': 'b' });
  });

  it('asks for the permission again only when the browser dropped it', async () => {
    const kept = memoryFolder({});
    expect(await folderWritable(kept.folder)).toBe(true);
    expect(kept.asked).toEqual([]);
    const dropped = memoryFolder({}, 'prompt');
    expect(await folderWritable(dropped.folder)).toBe(true);
    expect(dropped.asked).toEqual(['readwrite']);
    expect(await folderWritable(memoryFolder({}, 'denied').folder)).toBe(false);
  });

  it('names each article’s note as it would be alone, a number where two share a title, the date kept', () => {
    const notes = articleMarkdownNotes(bundleOf(['同名通知', '同名通知', '另一篇']), {
      labels: ZH_LABELS,
      settings: exportSettings({ timeZone: 'Asia/Shanghai' }),
      timeZone: 'Asia/Shanghai',
    });
    expect(notes.map((note) => note.name)).toEqual([
      '《同名通知》-全文-20240305.md',
      '《同名通知》-全文-20240305-2.md',
      '《另一篇》-全文-20240305.md',
    ]);
    expect(notes[2]!.text).toContain('另一篇');
    expect(numberedFileName('a', 3)).toBe('a-3');
  });
});
