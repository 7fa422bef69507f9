import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { decodeHtml } from '../../utils/extract/decode-html';
import { launchWithExtension } from '../browser/launch-with-extension';
import { corpusBytes, loadCorpus } from '../corpus/load-corpus';
import { runMain } from '../run-main';
import { startPortalServer } from '../serve/portal-server';

/*
 * Where Pizhu's long tasks go: loads corpus pages (`--ids a,b,c`, else the `--pages` biggest) in
 * Chromium with the extension under the CPU profiler (CDP, sampled every 100 µs) and prints, for
 * every run of the content script's samples longer than 50 ms (one task), the functions of the
 * extension's own code that took its time. Build with `--extension dir` unminified to read names.
 */

const HOST = 'http://www.chinapeace.gov.cn';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The innermost and outermost frames of the extension's code on a sample's stack. */
function extensionFrames(profile: Profile) {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const cache = new Map<number, { inner: string; outer: string; leaf: string } | null>();
  return (id: number) => {
    if (cache.has(id)) return cache.get(id)!;
    let inner: string | null = null;
    let outer: string | null = null;
    const leafNode = byId.get(id)!;
    const leaf = leafNode.callFrame.functionName || `(${leafNode.callFrame.url ? 'anonymous' : 'native'})`;
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)!.callFrame;
      if (frame.url.startsWith('chrome-extension://')) {
        const name = `${frame.functionName || '(anonymous)'}@${frame.url.split('/').pop()}:${frame.lineNumber}`;
        inner ??= name;
        outer = name;
      }
    }
    const found = inner && outer ? { inner, outer, leaf } : null;
    cache.set(id, found);
    return found;
  };
}

async function profileLoad(page: Page, url: string, watchMs: number): Promise<Profile> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForTimeout(watchMs);
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
  await cdp.detach();
  return profile;
}

function report(id: string, profile: Profile) {
  const frames = extensionFrames(profile);
  type Run = { ms: number; inner: Map<string, number> };
  let run: Run | null = null;
  const runs: Run[] = [];
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const found = frames(profile.samples[i]!);
    if (!found) {
      if (run) runs.push(run);
      run = null;
      continue;
    }
    const current: Run = run ?? { ms: 0, inner: new Map() };
    run = current;
    current.ms += delta;
    const key = `${found.outer} › ${found.inner} › ${found.leaf}`;
    current.inner.set(key, (current.inner.get(key) ?? 0) + delta);
  }
  if (run !== null) runs.push(run);
  const long = runs.filter((each) => each.ms > 50);
  console.log(
    `\n${id}: ${long.length} Pizhu runs over 50 ms (longest ${Math.round(Math.max(0, ...runs.map((r) => r.ms)))} ms)`,
  );
  for (const each of long) {
    console.log(`  ${Math.round(each.ms)} ms`);
    const top = [...each.inner].sort((a, b) => b[1] - a[1]).slice(0, 8);
    for (const [name, ms] of top) console.log(`    ${String(Math.round(ms)).padStart(5)} ms  ${name}`);
  }
}

async function main() {
  const arg = (name: string) =>
    process.argv.includes(`--${name}`) ? process.argv[process.argv.indexOf(`--${name}`) + 1] : undefined;
  const extensionDir = arg('extension') ? resolve(arg('extension')!) : undefined;
  const ids = arg('ids')?.split(',');
  const server = await startPortalServer();
  const pages = loadCorpus()
    .filter((page) => page.gold && page.kind === 'article' && (!ids || ids.includes(page.id)))
    .map((page) => ({
      id: page.id,
      html: decodeHtml(corpusBytes(page)).text.replace(/<script\b[\s\S]*?<\/script\s*>/gi, ''),
    }))
    .sort((a, b) => b.html.length - a.html.length)
    .slice(0, Number(arg('pages') ?? 3));
  const { context } = await launchWithExtension({ portalPort: server.port, extensionDir });
  try {
    for (const { id, html } of pages) {
      const path = `/profile/${id}.html`;
      server.servePage(path, html);
      const page = await context.newPage();
      report(`${id} (${html.length} chars)`, await profileLoad(page, HOST + path, Number(arg('watch') ?? 3000)));
      await page.close();
    }
  } finally {
    await context.close();
    await server.close();
  }
}

runMain(main);
