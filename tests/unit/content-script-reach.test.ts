// @vitest-environment node
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The linter checks each file's own imports; this follows the content script's whole import graph, so that a
 * component it pulls in from outside components/page-tools/ cannot carry the database into the page's process
 * (README, rule 1: a content script never opens IndexedDB).
 */
const root = process.cwd();
const entry = path.join(root, 'entrypoints/content/index.ts');
const config = ts.parseJsonConfigFileContent(ts.readConfigFile('tsconfig.json', ts.sys.readFile).config, ts.sys, root);

interface Reach {
  files: Map<string, string | null>;
  packages: Set<string>;
  unresolved: string[];
}

function followImports(start: string): Reach {
  const reach: Reach = { files: new Map(), packages: new Set(), unresolved: [] };
  const pending: Array<[string, string | null]> = [[start, null]];
  while (pending.length) {
    const [file, from] = pending.pop()!;
    if (reach.files.has(file)) continue;
    reach.files.set(file, from);
    const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
    for (const { fileName } of importedFiles) {
      const isPackage = !fileName.startsWith('.') && !fileName.startsWith('@/');
      if (isPackage) {
        reach.packages.add(fileName.split('/')[0]!);
        continue;
      }
      // Assets the bundler inlines (CSS, the locale JSON) are data, not code.
      if (/\.(css|json)(\?.*)?$/.test(fileName)) continue;
      const resolved = ts.resolveModuleName(fileName, file, config.options, ts.sys).resolvedModule;
      if (!resolved) reach.unresolved.push(`${fileName} in ${path.relative(root, file)}`);
      else pending.push([resolved.resolvedFileName, file]);
    }
  }
  return reach;
}

function chain(reach: Reach, file: string): string {
  const steps: string[] = [];
  for (let at: string | null | undefined = file; at; at = reach.files.get(at)) steps.unshift(path.relative(root, at));
  return steps.join(' → ');
}

describe('what the content script runs', () => {
  const reach = followImports(entry);

  it('follows every import it can see', () => {
    expect(reach.unresolved).toEqual([]);
    // The walk reaches the page tools, so it is looking at the right graph.
    expect([...reach.files.keys()].some((file) => file.includes('components/page-tools/'))).toBe(true);
  });

  it('never reaches store/ or Dexie', () => {
    const intoStore = [...reach.files.keys()]
      .filter((file) => path.relative(root, file).startsWith('store/'))
      .map((file) => chain(reach, file));
    expect(intoStore).toEqual([]);
    expect([...reach.packages]).not.toContain('dexie');
  });
});
