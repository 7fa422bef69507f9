import { describe, expect, it } from 'vitest';
import type { FrameRequest } from '@/utils/annotate/frame-messages';
import { createFrameRequests } from '@/utils/annotate/frame-requests';

const ID = '0b7f9c2e-3a41-4d6b-9c1e-5f2a8d7e6b10';

/** The frame's requests with a hand-driven clock and a line to the tools that can be cut. */
function setUp() {
  const posted: FrameRequest[] = [];
  const timers: { run: () => void; ms: number; cleared: boolean }[] = [];
  let connected = true;
  let lost = 0;
  const requests = createFrameRequests({
    post(request) {
      if (!connected) return false;
      posted.push(request);
      return true;
    },
    onLost: (count) => (lost = count),
    answerWithinMs: 5_000,
    setTimer(run, ms) {
      const timer = { run, ms, cleared: false };
      timers.push(timer);
      return timer;
    },
    clearTimer: (timer) => void ((timer as { cleared: boolean }).cleared = true),
  });
  /** The answer time runs out for every request still waiting. */
  const timeRunsOut = () => {
    for (const timer of timers.splice(0)) if (!timer.cleared) timer.run();
  };
  return {
    requests,
    posted,
    timeRunsOut,
    lost: () => lost,
    cut: (value: boolean) => (connected = !value),
  };
}

describe('the note frame’s requests to the page’s tools', () => {
  it('numbers what changes notes; an answer in time leaves nothing lost', () => {
    const { requests, posted, timeRunsOut, lost } = setUp();
    requests.send({ type: 'delete', id: ID });
    requests.send({ type: 'height', height: 200 });
    expect(posted).toEqual([
      { type: 'delete', id: ID, request: 1 },
      { type: 'height', height: 200 },
    ]);
    requests.answered(1);
    timeRunsOut();
    expect(lost()).toBe(0);
  });

  it('counts a request the tools never answer as lost, sends it again on retry, and forgets it once answered', () => {
    const { requests, posted, timeRunsOut, lost } = setUp();
    requests.send({ type: 'delete', id: ID });
    expect(lost()).toBe(0);
    timeRunsOut();
    expect(lost()).toBe(1);
    requests.retry();
    expect(posted.at(-1)).toEqual({ type: 'delete', id: ID, request: 2 });
    requests.answered(2);
    timeRunsOut();
    expect(lost()).toBe(0);
  });

  it('counts a request sent with no line to the tools as lost at once', () => {
    const { requests, posted, lost, cut } = setUp();
    cut(true);
    requests.send({ type: 'update', id: ID, part: { note: '笔记' } });
    expect(posted).toEqual([]);
    expect(lost()).toBe(1);
    cut(false);
    requests.retry();
    expect(posted).toEqual([{ type: 'update', id: ID, part: { note: '笔记' }, request: 2 }]);
  });

  it('takes a late answer: the request was not lost after all', () => {
    const { requests, timeRunsOut, lost } = setUp();
    requests.send({ type: 'reattach', id: ID });
    timeRunsOut();
    expect(lost()).toBe(1);
    requests.answered(1);
    expect(lost()).toBe(0);
  });

  it('does not send an older note again over a newer one, nor anything for a note deleted since', () => {
    const { requests, posted, timeRunsOut, lost } = setUp();
    requests.send({ type: 'update', id: ID, part: { note: '旧' } });
    requests.send({ type: 'update', id: ID, part: { color: 'blue' } });
    timeRunsOut();
    expect(lost()).toBe(2);
    requests.send({ type: 'update', id: ID, part: { note: '新' } });
    expect(lost()).toBe(1);
    requests.send({ type: 'delete', id: ID });
    expect(lost()).toBe(0);
    requests.retry();
    expect(posted.map((request) => request.type)).toEqual(['update', 'update', 'update', 'delete']);
  });
});
