import type { Page } from 'playwright-core';

/**
 * The JS heap of the extension's service worker, sampled through the DevTools protocol while
 * something runs (a join): the heap before (after a collection), and the largest heap seen.
 * A persistent context has no browser session, so the worker is reached from a page's session
 * (Target.attachToTarget without flattening, messages wrapped in Target.sendMessageToTarget).
 */
export async function watchWorkerHeap(
  page: Page,
  extensionId: string,
  options: { everyMs?: number; profile?: boolean } = {},
) {
  const everyMs = options.everyMs ?? 20;
  const cdp = await page.context().newCDPSession(page);
  const { targetInfos } = (await cdp.send('Target.getTargets')) as {
    targetInfos: { targetId: string; type: string; url: string }[];
  };
  const worker = targetInfos.find(
    (target) => target.type === 'service_worker' && target.url.startsWith(`chrome-extension://${extensionId}/`),
  );
  if (!worker) throw new Error('no service worker of the extension to watch');
  const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: worker.targetId, flatten: false })) as {
    sessionId: string;
  };
  let nextId = 1;
  const waiting = new Map<number, (result: unknown) => void>();
  cdp.on('Target.receivedMessageFromTarget', (event: { sessionId: string; message: string }) => {
    if (event.sessionId !== sessionId) return;
    const message = JSON.parse(event.message) as { id?: number; result?: unknown };
    if (message.id !== undefined) waiting.get(message.id)?.(message.result);
    waiting.delete(message.id!);
  });
  const send = <T>(method: string, params: object = {}) =>
    new Promise<T>((done) => {
      const id = nextId++;
      waiting.set(id, done as (result: unknown) => void);
      void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
    });
  const used = async () => (await send<{ usedSize: number }>('Runtime.getHeapUsage')).usedSize;

  await send('HeapProfiler.collectGarbage');
  if (options.profile) {
    await send('Profiler.enable');
    await send('Profiler.start');
  }
  const baseline = await used();
  let peak = baseline;
  let samples = 0;
  let running = true;
  const sampling = (async () => {
    while (running) {
      peak = Math.max(peak, await used());
      samples += 1;
      await new Promise((wait) => setTimeout(wait, everyMs));
    }
  })();
  return {
    /** Stops sampling: the heap before, the largest seen, and after a collection, in bytes; the CPU profile if asked. */
    stop: async () => {
      running = false;
      await sampling;
      // Where the worker's CPU time went (a .cpuprofile DevTools opens), when asked for.
      const profile = options.profile ? (await send<{ profile: unknown }>('Profiler.stop')).profile : undefined;
      await send('HeapProfiler.collectGarbage');
      const after = await used();
      await cdp.detach();
      return { baseline, peak, after, samples, profile };
    },
  };
}
