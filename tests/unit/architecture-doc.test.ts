// @vitest-environment node
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * ARCHITECTURE.md and docs/recipes.md name files, functions and messages so that a newcomer can follow them. A page
 * that names what no longer exists misleads worse than none: every path, `file#name` and message name they write in
 * code style must still be there.
 */
const root = process.cwd();
const PAGES = ['ARCHITECTURE.md', 'docs/recipes.md'];
const FILE = /^((?:[\w.-]+\/)*[\w.-]+\.(?:ts|tsx|mjs|js|json|css|md|html))(?:#([\w$]+))?$/;
const FOLDER = /^(?:[\w.-]+\/){2,}$/;
const MESSAGE = /^[a-z]+\.[a-z][a-zA-Z]*$/;

/** Code spans outside fenced blocks (the picture is a drawing, not a list of names). */
function codeSpans(markdown: string): string[] {
  const prose = markdown.replace(/^```[\s\S]*?^```/gm, '');
  return [...prose.matchAll(/`([^`\n]+)`/g)].map((match) => match[1]!);
}

function declares(text: string, name: string): boolean {
  const word = name.replace(/\$/g, '\\$');
  return new RegExp(
    `\\b(?:function|const|let|class|interface|type)\\s+${word}\\b|\\b${word}\\s*[:(=]|['"]${word}['"]`,
  ).test(text);
}

/**
 * Where a bare name may be: a table row names one path in full and the rest by their names in it
 * (`utils/anchor/`, then `text-index.ts`; `components/library/`, then `popup/`), so a name resolves beside or
 * under a path written in full earlier on its line.
 */
function placesOf(span: string, bases: readonly string[]): string[] {
  return ['', ...bases].map((base) => base + span);
}

function problemsOf(page: string, markdown: string): string[] {
  const problems: string[] = [];
  const messages = readFileSync(resolve(root, 'utils/messages.ts'), 'utf8');
  for (const line of markdown.replace(/^```[\s\S]*?^```/gm, '').split('\n')) {
    const bases: string[] = [];
    for (const span of codeSpans(line)) {
      const file = FILE.exec(span);
      const folder = FOLDER.test(span) || /^[\w.-]+\/$/.test(span);
      if (file) {
        const found = placesOf(file[1]!, bases).find((place) => existsSync(resolve(root, place)));
        if (!found) problems.push(`${page}: ${span}: no such file`);
        else if (file[2] && !declares(readFileSync(resolve(root, found), 'utf8'), file[2]))
          problems.push(`${page}: ${span}: no ${file[2]}`);
        if (found?.includes('/')) bases.push(found.slice(0, found.lastIndexOf('/') + 1));
      } else if (folder) {
        const found = placesOf(span, bases).find(
          (place) => existsSync(resolve(root, place)) && statSync(resolve(root, place)).isDirectory(),
        );
        if (!found) problems.push(`${page}: ${span}: no such folder`);
        else bases.push(found, found.replace(/[^/]+\/$/, ''));
      } else if (MESSAGE.test(span) && !messages.includes(`'${span}'`)) {
        problems.push(`${page}: ${span}: no such message in utils/messages.ts`);
      }
    }
  }
  return problems;
}

/** Relative links between the documentation pages (README's first screen links them all) lead to a file. */
function brokenLinks(page: string): string[] {
  // Code spans show syntax (`[图片](…)`), not links.
  const markdown = readFileSync(resolve(root, page), 'utf8').replace(/`[^`\n]*`/g, '');
  return [...markdown.matchAll(/\]\(([^)\s#]+)(?:#[^)]*)?\)/g)]
    .map((match) => match[1]!)
    .filter((target) => !/^[a-z]+:/.test(target))
    .filter((target) => !existsSync(resolve(root, dirname(page), target)))
    .map((target) => `${page}: ${target}`);
}

describe('the architecture pages', () => {
  it('link to pages and pictures that exist', () => {
    const pages = [
      'README.md',
      'ARCHITECTURE.md',
      ...readdirSync('docs')
        .filter((name) => name.endsWith('.md'))
        .map((name) => `docs/${name}`),
    ];
    expect(pages.flatMap(brokenLinks)).toEqual([]);
  });

  it.each(PAGES)('%s names only what exists', (page) => {
    expect(problemsOf(page, readFileSync(resolve(root, page), 'utf8'))).toEqual([]);
  });

  it('checks what it claims to: a page naming a missing file or function fails', () => {
    const page = [
      'Good: `utils/messages.ts#classifySender`, `store/`, `annotation.save`.',
      'Bad: `utils/messages.ts#nothingLikeThis`, `no/such/file.ts`, `no/such/`, `annotation.teleport`.',
      '```',
      '`inside/a/drawing.ts` is not checked',
      '```',
    ].join('\n');
    expect(problemsOf('probe.md', page)).toHaveLength(4);
    expect(declares('// createPainter is mentioned only', 'createPainter')).toBe(false);
  });
});
