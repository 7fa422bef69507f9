import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { decodeHtml } from '../../utils/extract/decode-html';
import { launchWithExtension } from '../browser/launch-with-extension';
import { corpusBytes, loadCorpus } from '../corpus/load-corpus';
import { runMain } from '../run-main';
import { startPortalServer } from '../serve/portal-server';
import { HOST, HOSTILE_PATH, hostilePage, storeHostileNotes } from './hostile-page';

/*
 * Where Pizhu's long tasks go: loads corpus pages (`--ids a,b,c`, else the `--pages` biggest) in
 * Chromium with the extension under the CPU profiler (CDP, sampled every 100 µs) and prints, for
 * every task of the page's over 50 ms that ran the extension's code (the browser's own task events,
 * traced alongside, tell one task from back-to-back slices), the functions of the extension's own
 * code that took its time; `--hostile` adds the hostile page (./hostile-page.ts). Build with
 * `--extension dir` unminified to read names.
 */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}
/** A task of the page's main thread, from the trace: start and duration in µs, on the profiler's clock. */
interface Task {
  ts: number;
  dur: number;
}
interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string };
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

async function profileLoad(page: Page, url: string, watchMs: number): Promise<{ profile: Profile; tasks: Task[][] }> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as TraceEvent[])));
  const complete = new Promise<void>((done) => cdp.once('Tracing.tracingComplete', () => done()));
  // The browser's own tasks, to tell one long task from back-to-back slices the profile cannot tell apart.
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: ['toplevel', 'disabled-by-default-devtools.timeline'] },
    transferMode: 'ReportEvents',
  });
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForTimeout(watchMs);
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
  await cdp.send('Tracing.end');
  await complete;
  await cdp.detach();
  // Every renderer's main thread: the page's is the one its samples fall in (see report()).
  const mains = new Set(
    events
      .filter((event) => event.name === 'thread_name' && event.args?.name === 'CrRendererMain')
      .map((event) => `${event.pid}:${event.tid}`),
  );
  // A task is an outermost event of its thread (a mojo message or a microtask checkpoint may run outside RunTask).
  const byThread = new Map<string, Task[]>();
  for (const event of events.filter((each) => each.ph === 'X').sort((a, b) => a.ts - b.ts)) {
    const key = `${event.pid}:${event.tid}`;
    if (!mains.has(key)) continue;
    const tasks = byThread.get(key) ?? [];
    byThread.set(key, tasks);
    const last = tasks.at(-1);
    if (!last || event.ts >= last.ts + last.dur) tasks.push({ ts: event.ts, dur: event.dur ?? 0 });
  }
  return { profile, tasks: [...byThread.values()] };
}

/**
 * Pizhu's long tasks: the page's tasks over 50 ms in which the extension's code ran (at least
 * 5 ms of it), each with how much of it was Pizhu's and the functions that took that time.
 */
function report(id: string, profile: Profile, threads: Task[][]) {
  const frames = extensionFrames(profile);
  const samples: { at: number; ms: number; key: string }[] = [];
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i] ?? 0;
    const found = frames(profile.samples[i]!);
    if (found)
      samples.push({
        at,
        ms: (profile.timeDeltas[i + 1] ?? 0) / 1000,
        key: `${found.outer} › ${found.inner} › ${found.leaf}`,
      });
  }
  const within = (task: Task) => samples.filter((sample) => sample.at >= task.ts && sample.at <= task.ts + task.dur);
  // The page's main thread: the one whose tasks hold the most of Pizhu's samples.
  const tasks =
    threads
      .map((each) => ({ each, held: each.reduce((sum, task) => sum + within(task).length, 0) }))
      .sort((a, b) => b.held - a.held)[0]?.each ?? [];
  const pizhuMs = (task: Task) => within(task).reduce((sum, sample) => sum + sample.ms, 0);
  const ours = tasks.filter((task) => pizhuMs(task) >= 1);
  const long = tasks.filter((task) => task.dur > 50_000 && pizhuMs(task) >= 5);
  const all = samples.reduce((sum, sample) => sum + sample.ms, 0);
  console.log(
    `\n${id}: ${Math.round(all)} ms of Pizhu's code in ${ours.length} tasks; the longest ${Math.round(Math.max(0, ...ours.map((task) => task.dur)) / 1000)} ms; ${long.length} over 50 ms with Pizhu's code in them`,
  );
  for (const task of long) {
    const inner = new Map<string, number>();
    for (const sample of within(task)) inner.set(sample.key, (inner.get(sample.key) ?? 0) + sample.ms);
    console.log(`  task ${Math.round(task.dur / 1000)} ms, Pizhu's code ${Math.round(pizhuMs(task))} ms`);
    const top = [...inner].sort((a, b) => b[1] - a[1]).slice(0, 8);
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
  const pizhu = await launchWithExtension({ portalPort: server.port, extensionDir });
  const { context } = pizhu;
  try {
    for (const { id, html } of pages) {
      const path = `/profile/${id}.html`;
      server.servePage(path, html);
      const page = await context.newPage();
      const { profile, tasks } = await profileLoad(page, HOST + path, Number(arg('watch') ?? 3000));
      report(`${id} (${html.length} chars)`, profile, tasks);
      await page.close();
    }
    // `--hostile`: the hostile page with its stale notes, watched for 10 s as it keeps changing.
    if (process.argv.includes('--hostile')) {
      server.servePage(HOSTILE_PATH, hostilePage());
      await storeHostileNotes(pizhu);
      const page = await context.newPage();
      const { profile, tasks } = await profileLoad(
        page,
        HOST + HOSTILE_PATH,
        Math.max(Number(arg('watch') ?? 0), 10_000),
      );
      report('hostile-near-duplicates', profile, tasks);
      await page.close();
    }
  } finally {
    await context.close();
    await server.close();
  }
}

runMain(main);
