import { describe, expect, it } from 'vitest';
import { createSaveQueue, type SaveQueueState } from '@/utils/annotate/save-queue';

/** A send function whose calls the test answers one by one. */
function controlledSend() {
  const calls: { id: string; change: string; resolve: () => void; reject: (error: unknown) => void }[] = [];
  const send = (id: string, change: string) =>
    new Promise<void>((resolve, reject) => calls.push({ id, change, resolve, reject }));
  return { calls, send };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

function queueWith(send: (id: string, change: string) => Promise<void>, retryable = true) {
  const states: SaveQueueState[] = [];
  const queue = createSaveQueue<string>({
    send,
    isRetryable: () => retryable,
    onChange: (state) => states.push(state),
    retryDelaysMs: [1, 1],
    wait: () => Promise.resolve(),
  });
  return { queue, states };
}

describe('createSaveQueue', () => {
  it('sends the newest change of an annotation once the one in flight lands, skipping the ones between', async () => {
    const { calls, send } = controlledSend();
    const { queue } = queueWith(send);
    queue.put('a', 'note: 1');
    queue.put('a', 'note: 12');
    queue.put('a', 'note: 123');
    expect(calls.map((call) => call.change)).toEqual(['note: 1']);
    expect(queue.state().saving).toEqual(['a']);
    calls[0]!.resolve();
    await tick();
    expect(calls.map((call) => call.change)).toEqual(['note: 1', 'note: 123']);
    calls[1]!.resolve();
    await queue.idle();
    expect(queue.state()).toEqual({ saving: [], failed: [] });
  });

  it('keeps a delete behind the save in flight, so the save cannot bring the annotation back', async () => {
    const { calls, send } = controlledSend();
    const { queue } = queueWith(send);
    queue.put('a', 'save');
    queue.put('a', 'delete');
    calls[0]!.resolve();
    await tick();
    expect(calls.map((call) => call.change)).toEqual(['save', 'delete']);
  });

  it('sends different annotations independently', () => {
    const { calls, send } = controlledSend();
    const { queue } = queueWith(send);
    queue.put('a', 'one');
    queue.put('b', 'two');
    expect(calls.map((call) => call.id)).toEqual(['a', 'b']);
    expect(queue.state().saving.sort()).toEqual(['a', 'b']);
  });

  it('retries a failed send, then reports it as failed and sends it again on request', async () => {
    let attempts = 0;
    let working = false;
    const { queue } = queueWith(async () => {
      attempts++;
      if (!working) throw new Error('worker asleep');
    });
    queue.put('a', 'save');
    await queue.idle();
    expect(attempts).toBe(3);
    expect(queue.state().failed).toEqual([{ id: 'a', error: new Error('worker asleep') }]);
    working = true;
    queue.retryFailed();
    await queue.idle();
    expect(attempts).toBe(4);
    expect(queue.state().failed).toEqual([]);
  });

  it('does not retry an error that retrying cannot fix', async () => {
    let attempts = 0;
    const { queue } = queueWith(async () => {
      attempts++;
      throw new Error('bad payload');
    }, false);
    queue.put('a', 'save');
    await queue.idle();
    expect(attempts).toBe(1);
    expect(queue.state().failed).toHaveLength(1);
  });

  it('drops a failing change when a newer one arrives, and sends the newer one', async () => {
    const sent: string[] = [];
    const { queue } = queueWith(async (_id, change) => {
      sent.push(change);
      if (change === 'old') throw new Error('failed');
    }, false);
    queue.put('a', 'old');
    await queue.idle();
    queue.put('a', 'new');
    await queue.idle();
    expect(sent).toEqual(['old', 'new']);
    expect(queue.state().failed).toEqual([]);
  });
});
