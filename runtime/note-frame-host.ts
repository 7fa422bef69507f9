import * as v from 'valibot';
import { browser, type Browser } from 'wxt/browser';
import {
  FrameRequestSchema,
  KEEP_AWAKE,
  TOOLS_PORT_PREFIX,
  type FrameAnswer,
  type FrameCheckAnswer,
  type FrameRequest,
  type FrameView,
} from '@/utils/annotate/frame-messages';
import { t } from './translate';
import { newId } from '@/utils/model/new-id';
import { refusalOfClick } from '@/utils/dom/in-plain-sight';

/** Where the frame sits on the page's viewport, in CSS pixels. */
export interface FramePlace {
  top: number;
  left: number;
  width: number;
  height: number;
}

export interface NoteFrameHost {
  /** Shows a view at a place (or hides the frame); `focus` moves the keyboard into the frame. */
  show(view: FrameView, place: FramePlace | null, focus: boolean): void;
}

const FRAME_PATH = '/note-frame.html';
const MAX_RELOADS = 3;
/** Under the 30 s after which Chrome puts an idle background worker to sleep, dropping its ports. */
const KEEP_AWAKE_MS = 20_000;

/**
 * Puts the note frame (an extension page) into the tools' shadow root, loaded at once so that a
 * click on a highlight opens its note without waiting. The frame is shown only while the runtime
 * port to it (joined by the background, see frame-messages.ts) is open and it has said it is ready:
 * if anything navigated it elsewhere, the page would see a frame it controls in the place of the
 * notes, so it is hidden and loaded again.
 */
export function createNoteFrameHost(root: ShadowRoot, onRequest: (request: FrameRequest) => void): NoteFrameHost {
  const nonce = newId();
  const frame = document.createElement('iframe');
  frame.className = 'note-frame';
  frame.title = t('noteFrameTitle');
  // The popover's 复制 writes the citation from inside the frame.
  frame.allow = 'clipboard-write';
  const source = `${browser.runtime.getURL(FRAME_PATH)}#${nonce}`;
  frame.src = source;

  let port: Browser.runtime.Port | null = null;
  let ready = false;
  // A frame that never answers (its page failed to load) is not reloaded forever.
  let reloads = 0;
  // The port went while nothing was shown: the frame is loaded again only when it is next needed,
  // so a page left open does not keep waking the background once the browser put it to sleep.
  let stale = false;
  const reload = () => {
    stale = false;
    if (frame.isConnected && reloads++ < MAX_RELOADS) frame.src = source;
  };
  let current: { view: FrameView; place: FramePlace | null; focus: boolean } = {
    view: { view: 'hidden' },
    place: null,
    focus: false,
  };

  let keepAwake: ReturnType<typeof setInterval> | undefined;
  const apply = () => {
    const { view, place, focus } = current;
    const shown = ready && view.view !== 'hidden' && place !== null;
    if (ready) port?.postMessage(view);
    clearInterval(keepAwake);
    if (shown) keepAwake = setInterval(() => port?.postMessage(KEEP_AWAKE), KEEP_AWAKE_MS);
    frame.style.visibility = shown ? 'visible' : 'hidden';
    if (shown && place) {
      Object.assign(frame.style, {
        top: `${place.top}px`,
        left: `${place.left}px`,
        width: `${place.width}px`,
        height: `${place.height}px`,
      });
      if (focus) frame.focus();
    } else {
      Object.assign(frame.style, { width: '0px', height: '0px' });
    }
  };

  const connect = () => {
    port?.disconnect();
    ready = false;
    const opened = browser.runtime.connect({ name: TOOLS_PORT_PREFIX + nonce });
    port = opened;
    opened.onMessage.addListener((raw: unknown) => {
      const parsed = v.safeParse(FrameRequestSchema, raw);
      if (!parsed.success || port !== opened) return;
      if (parsed.output.type === 'ready') {
        ready = true;
        reloads = 0;
        apply();
      } else if (parsed.output.type === 'check') {
        // Before a click in the frame acts: was the frame in plain sight where the reader clicked?
        const { check, x, y } = parsed.output;
        const refused = refusalOfClick(frame, root.host as HTMLElement, { x, y });
        opened.postMessage({ checked: check, refused } satisfies FrameCheckAnswer);
      } else {
        onRequest(parsed.output);
        // Acted on: the frame stops counting it as unanswered (one never answered shows as not saved).
        if ('request' in parsed.output && parsed.output.request !== undefined)
          opened.postMessage({ answered: parsed.output.request } satisfies FrameAnswer);
      }
    });
    opened.onDisconnect.addListener(() => {
      if (port !== opened) return;
      // The frame went away (reloaded, or navigated by someone else): hide it and load ours again.
      port = null;
      ready = false;
      apply();
      if (current.view.view === 'hidden') stale = true;
      else reload();
    });
  };
  // Only the browser's own load event: a page script can dispatch a fake one on any element.
  frame.addEventListener('load', (event) => {
    if (event.isTrusted) connect();
  });
  root.append(frame);

  return {
    show(view, place, focus) {
      current = { view, place, focus };
      if (stale && view.view !== 'hidden') reload();
      apply();
    },
  };
}
