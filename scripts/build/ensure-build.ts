/**
 * Builds the extension for a browser when its build is missing or older than the sources, so a
 * script or test run on a checkout where nothing is built (or after an edit) runs what the
 * sources say, and one run right after a build does not build again.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

/** What `wxt build` reads: the extension's folders and the files that configure the build. */
const SOURCES = [
  'entrypoints',
  'components',
  'utils',
  'runtime',
  'store',
  'public',
  'wxt.config.ts',
  'tsconfig.json',
  'package.json',
  'package-lock.json',
];

export type BuildTarget = 'chrome' | 'firefox';
const BROWSER_NAMES: Record<BuildTarget, string> = { chrome: 'Chrome', firefox: 'Firefox' };

export function buildDir(target: BuildTarget): string {
  return resolve(ROOT, `.output/${target}-mv3`);
}

function newestChange(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestChange(join(path, name))), stat.mtimeMs);
}

export function ensureBuild(...targets: BuildTarget[]): void {
  const sourcesChanged = Math.max(
    ...SOURCES.map((path) => resolve(ROOT, path))
      .filter((path) => existsSync(path))
      .map(newestChange),
  );
  for (const target of targets) {
    const manifest = join(buildDir(target), 'manifest.json');
    if (existsSync(manifest) && statSync(manifest).mtimeMs >= sourcesChanged) continue;
    console.error(
      `Building Pizhu for ${BROWSER_NAMES[target]} (${existsSync(manifest) ? 'older than the sources' : 'not built yet'})…`,
    );
    execFileSync(resolve(ROOT, 'node_modules/.bin/wxt'), ['build', '-b', target], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
}
