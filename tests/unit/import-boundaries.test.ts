// @vitest-environment node
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The linter's import rules keep each folder to what it may use (README, "Where things live").
 * These feed it the imports a slip would add, at the paths they would sit at, and expect a refusal;
 * `npm test` lints the real tree (`npm run lint`) with the same configuration.
 */
const eslint = new ESLint({ cwd: process.cwd() });

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((message) => `${message.ruleId}: ${message.message}`);
}

// Loading the linter and its TypeScript parser is the slow part; a slow machine must not fail the rules for it.
describe('import boundaries', { timeout: 60_000 }, () => {
  it('utils/ may not touch extension APIs, the database or the layers above it', async () => {
    const found = await problems(
      'utils/anchor/probe.ts',
      [
        "import { browser } from 'wxt/browser';",
        "import { storage } from 'wxt/utils/storage';",
        "import Dexie from 'dexie';",
        "import { openDatabase } from '../../store/database';",
        "import { t } from '@/runtime/translate';",
        "import { PageToolsApp } from '@/components/page-tools/PageToolsApp';",
        'export const used = [browser, storage, Dexie, openDatabase, t, PageToolsApp, chrome.runtime];',
      ].join('\n'),
    );
    expect(found).toHaveLength(7);
    expect(found.filter((text) => text.startsWith('@typescript-eslint/no-restricted-imports'))).toHaveLength(6);
    expect(found.filter((text) => text.startsWith('no-restricted-globals'))).toHaveLength(1);
  });

  it('only store/database.ts imports Dexie as a value; types are free to all', async () => {
    const valueImport = "import Dexie from 'dexie';\nexport const used = Dexie;\n";
    const typeImport = "import type { Table } from 'dexie';\nexport type Used = Table;\n";
    expect(await problems('store/article-store.ts', valueImport)).toHaveLength(1);
    expect(await problems('components/probe.ts', valueImport)).toHaveLength(1);
    expect(await problems('entrypoints/library/probe.ts', valueImport)).toHaveLength(1);
    expect(await problems('store/database.ts', valueImport)).toEqual([]);
    expect(await problems('store/search-index.ts', typeImport)).toEqual([]);
  });

  it('the store answers to no layer above it, and the UI reaches the browser only through runtime/', async () => {
    expect(
      await problems('store/probe.ts', "import { t } from '../runtime/translate';\nexport const used = t;\n"),
    ).toHaveLength(1);
    expect(
      await problems('components/probe.ts', "import { browser } from 'wxt/browser';\nexport const used = browser;\n"),
    ).toHaveLength(1);
    expect(
      await problems('runtime/probe.ts', "import { browser } from 'wxt/browser';\nexport const used = browser;\n"),
    ).toEqual([]);
  });

  it('what runs in the content script reaches neither the store nor Dexie, not even for a type', async () => {
    const reach = [
      "import type { Table } from 'dexie';",
      "import type { Passage } from '@/store/library-queries';",
      "import { lazyDatabase } from '../../store/lazy-database';",
      'export type Used = [Table, Passage];',
      'export const used = lazyDatabase;',
    ].join('\n');
    expect(await problems('components/page-tools/probe.ts', reach)).toHaveLength(3);
    expect(await problems('entrypoints/content/probe.ts', reach)).toHaveLength(3);
    // The rest of the UI may still read the database, as the library and the popup do.
    expect(await problems('components/library/probe.ts', reach)).toEqual([]);
  });
});
