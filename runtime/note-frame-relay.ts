import type { Browser } from 'wxt/browser';
import { FRAME_PORT_PREFIX, KEEP_AWAKE, TOOLS_PORT_PREFIX } from '@/utils/annotate/frame-messages';

type Port = Browser.runtime.Port;

interface Waiting {
  port: Port;
  /** What it sent before its partner connected, in order. */
  queued: unknown[];
  /** The listener that queues them, removed once the two are joined. */
  queue: (message: unknown) => void;
}

/**
 * The background's half of the note frame's channel (see frame-messages.ts): joins the in-page
 * tools' port and their note frame's port when both come from the same tab with the same nonce, and
 * passes each message to the other side; when either side goes, so does the other.
 *
 * Whom it trusts: a tools port only from this extension's content script in a tab (its sender is
 * not an extension page); a frame port only from this extension's note-frame page in that same tab
 * (the sender's id is this extension's, and no web page has an extension's scheme).
 * A page's own scripts cannot open a runtime port to this extension at all, and a content script
 * of another tab never meets this tab's frame.
 */
export function createNoteFrameRelay(extensionId: string, frameUrl: string) {
  const waiting = new Map<string, Waiting>();
  // Chromium serves the frame under an address made anew each session (`use_dynamic_url`), not
  // under the background's: the frame is known by the extension's scheme and the frame's path.
  const frame = new URL(frameUrl);

  const sideOf = (port: Port): { key: string; side: 'tools' | 'frame' } | null => {
    const { sender, name } = port;
    const tabId = sender?.tab?.id;
    if (sender?.id !== extensionId || tabId === undefined || !sender.url) return null;
    const url = new URL(sender.url);
    const fromExtensionPage = url.protocol === frame.protocol;
    if (name.startsWith(TOOLS_PORT_PREFIX) && !fromExtensionPage)
      return { key: `${tabId}:${name.slice(TOOLS_PORT_PREFIX.length)}`, side: 'tools' };
    if (name.startsWith(FRAME_PORT_PREFIX) && fromExtensionPage && url.pathname === frame.pathname)
      return { key: `${tabId}:${name.slice(FRAME_PORT_PREFIX.length)}`, side: 'frame' };
    return null;
  };

  const join = (a: Waiting, b: Port) => {
    const pass = (to: Port) => (message: unknown) => {
      if (message !== KEEP_AWAKE) to.postMessage(message);
    };
    a.port.onMessage.addListener(pass(b));
    b.onMessage.addListener(pass(a.port));
    a.port.onDisconnect.addListener(() => b.disconnect());
    b.onDisconnect.addListener(() => a.port.disconnect());
    for (const message of a.queued) pass(b)(message);
  };

  /** Handles a newly connected port; false if it is not the note frame's channel. */
  return (port: Port): boolean => {
    const side = sideOf(port);
    if (!side) return false;
    const key = `${side.side === 'tools' ? 'frame' : 'tools'}:${side.key}`;
    const partner = waiting.get(key);
    if (partner) {
      waiting.delete(key);
      partner.port.onMessage.removeListener(partner.queue);
      join(partner, port);
      return true;
    }
    const mine = `${side.side}:${side.key}`;
    // A second port under the same name and tab is an impostor or a stale one: the first stays.
    if (waiting.has(mine)) {
      port.disconnect();
      return true;
    }
    const entry: Waiting = {
      port,
      queued: [],
      queue: (message) => entry.queued.push(message),
    };
    port.onMessage.addListener(entry.queue);
    port.onDisconnect.addListener(() => {
      if (waiting.get(mine) === entry) waiting.delete(mine);
    });
    waiting.set(mine, entry);
    return true;
  };
}
