import { describe, expect, it, vi } from 'vitest';
import { listenToPage, noteEarlySelection, type PageActions } from '@/components/page-tools/page-listeners';

/** An event as the browser makes it for the reader (happy-dom makes every dispatched event untrusted). */
const byReader = (type: string) => Object.defineProperty(new Event(type), 'isTrusted', { value: true });

const actions = (offerToolbar: PageActions['offerToolbar']): PageActions => ({
  host: document.createElement('div'),
  offerToolbar,
  selectionGone: () => undefined,
  pressedOutside: () => undefined,
  clickedAt: () => undefined,
  escape: () => undefined,
  viewportChanged: () => undefined,
  hoveredAt: () => undefined,
  keyboardAt: () => undefined,
});

describe('a passage selected before the tools mount', () => {
  it('is offered the toolbar as they mount, once, when the reader released the mouse or a key', async () => {
    const selected = noteEarlySelection(window);
    window.dispatchEvent(byReader('mouseup'));
    const offer = vi.fn();
    const stop = listenToPage(actions(offer), selected());
    await new Promise((done) => setTimeout(done, 0));
    stop();
    expect(offer).toHaveBeenCalledTimes(1);
    // Said once: a second mount (or the same one again) offers nothing more.
    expect(selected()).toBe(false);
  });

  it('is not offered for a page script’s synthetic release, nor for one after the tools mounted', async () => {
    const selected = noteEarlySelection(window);
    window.dispatchEvent(new Event('mouseup'));
    window.dispatchEvent(new Event('keyup'));
    const offer = vi.fn();
    const stop = listenToPage(actions(offer), selected());
    window.dispatchEvent(byReader('keyup'));
    await new Promise((done) => setTimeout(done, 0));
    stop();
    expect(offer).not.toHaveBeenCalled();
    expect(selected()).toBe(false);
  });
});
