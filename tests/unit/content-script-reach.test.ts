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

/** What a file imports; with `valuesOnly`, only what the bundle carries (no `import type`). */
function importsOf(file: string, valuesOnly: boolean): string[] {
  const text = fs.readFileSync(file, 'utf8');
  if (!valuesOnly) return ts.preProcessFile(text, true, true).importedFiles.map(({ fileName }) => fileName);
  const names: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const bindings = clause?.namedBindings;
      const typesOnly =
        clause?.isTypeOnly ||
        (clause &&
          !clause.name &&
          bindings &&
          ts.isNamedImports(bindings) &&
          bindings.elements.every((e) => e.isTypeOnly));
      if (!typesOnly) names.push(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      if (!node.isTypeOnly) names.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [specifier] = node.arguments;
      if (specifier && ts.isStringLiteral(specifier)) names.push(specifier.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TSX));
  return names;
}

function followImports(start: string, valuesOnly = false): Reach {
  const reach: Reach = { files: new Map(), packages: new Set(), unresolved: [] };
  const pending: Array<[string, string | null]> = [[start, null]];
  while (pending.length) {
    const [file, from] = pending.pop()!;
    if (reach.files.has(file)) continue;
    reach.files.set(file, from);
    for (const fileName of importsOf(file, valuesOnly)) {
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

  it('carries no detection, extraction or sanitizing: the page is read from a copy in the extension origin', () => {
    const carried = followImports(entry, true);
    const reading = [...carried.files.keys()]
      .filter((file) =>
        /^utils\/(detect\/|sanitize\/|read-copy|extract\/(extract-article|clip-fallbacks|page-reading|body\/readability))/.test(
          path.relative(root, file),
        ),
      )
      .map((file) => chain(carried, file));
    expect(reading).toEqual([]);
    expect([...carried.packages]).not.toContain('dompurify');
    expect([...carried.packages]).not.toContain('@mozilla');
  });
});
