import { describe, expect, it } from 'vitest';
import type { Browser } from 'wxt/browser';
import { createNoteFrameRelay } from '@/runtime/note-frame-relay';
import { FRAME_PORT_PREFIX, KEEP_AWAKE, TOOLS_PORT_PREFIX } from '@/utils/annotate/frame-messages';

const ID = 'pizhu-relay';
const FRAME_URL = `moz-extension://${ID}-uuid/note-frame.html`;
const PAGE = 'http://www.gov.cn/zhengce/content_1.htm';

/** A runtime port as the background sees it: what it was sent, and whether it was cut. */
function fakePort(name: string, sender: Browser.runtime.MessageSender) {
  const heard: ((message: unknown) => void)[] = [];
  const gone: (() => void)[] = [];
  const port = {
    name,
    sender,
    received: [] as unknown[],
    cut: false,
    postMessage: (message: unknown) => port.received.push(message),
    disconnect: () => {
      if (port.cut) return;
      port.cut = true;
      for (const listener of gone) listener();
    },
    onMessage: {
      addListener: (listener: (message: unknown) => void) => heard.push(listener),
      removeListener: (listener: (message: unknown) => void) => heard.splice(heard.indexOf(listener), 1),
    },
    onDisconnect: { addListener: (listener: () => void) => gone.push(listener) },
    /** The other end sends `message`. */
    say: (message: unknown) => [...heard].forEach((listener) => listener(message)),
  };
  return port;
}

const tools = (tab: number, nonce: string, url = PAGE) =>
  fakePort(TOOLS_PORT_PREFIX + nonce, { id: ID, url, tab: { id: tab } as Browser.tabs.Tab });
const frame = (tab: number, nonce: string, url = `${FRAME_URL}#${nonce}`) =>
  fakePort(FRAME_PORT_PREFIX + nonce, { id: ID, url, tab: { id: tab } as Browser.tabs.Tab });
const relayFor = () => {
  const relay = createNoteFrameRelay(ID, FRAME_URL);
  return (port: ReturnType<typeof fakePort>) => relay(port as unknown as Browser.runtime.Port);
};

describe('the note frame relay', () => {
  it('joins the tools and the frame of one tab and nonce, in either order, messages sent early included', () => {
    const relay = relayFor();
    const ownFrame = frame(3, 'n1');
    expect(relay(ownFrame)).toBe(true);
    ownFrame.say({ type: 'ready' });
    const ownTools = tools(3, 'n1');
    expect(relay(ownTools)).toBe(true);
    expect(ownTools.received).toEqual([{ type: 'ready' }]);
    ownTools.say({ view: 'hidden' });
    ownTools.say(KEEP_AWAKE);
    expect(ownFrame.received).toEqual([{ view: 'hidden' }]);
    // Either side going takes the other with it: the tools then load their frame again.
    ownFrame.disconnect();
    expect(ownTools.cut).toBe(true);
    // Chromium's frame address changes each session (use_dynamic_url): its scheme and path count.
    const dynamicFrame = frame(3, 'n9', `moz-extension://made-anew/note-frame.html#n9`);
    relay(dynamicFrame);
    const laterTools = tools(3, 'n9');
    relay(laterTools);
    laterTools.say({ view: 'hidden' });
    expect(dynamicFrame.received).toEqual([{ view: 'hidden' }]);
  });

  it('never joins across tabs or nonces, nor a frame that is not the note frame, nor tools that are an extension page', () => {
    const relay = relayFor();
    const ownTools = tools(3, 'n1');
    relay(ownTools);
    for (const stranger of [
      frame(4, 'n1'),
      frame(3, 'n2'),
      frame(3, 'n1', `moz-extension://${ID}-uuid/popup.html#n1`),
      frame(3, 'n1', 'http://evil.example/note-frame.html#n1'),
    ]) {
      relay(stranger);
      stranger.say({ type: 'delete', id: 'x' });
    }
    expect(ownTools.received).toEqual([]);
    // An extension page cannot pose as a page's tools, and a port of another extension is refused.
    expect(relay(tools(3, 'n3', `${FRAME_URL}#n3`))).toBe(false);
    expect(
      relay(fakePort(TOOLS_PORT_PREFIX + 'n4', { id: 'other', url: PAGE, tab: { id: 3 } as Browser.tabs.Tab })),
    ).toBe(false);
    // A second pair of tools under a nonce already waiting is cut; the first keeps its place.
    const second = tools(3, 'n1');
    relay(second);
    expect(second.cut).toBe(true);
    const ownFrame = frame(3, 'n1');
    relay(ownFrame);
    ownFrame.say({ type: 'ready' });
    expect(ownTools.received).toEqual([{ type: 'ready' }]);
  });
});
