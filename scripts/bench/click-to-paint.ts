import { clickPainted, dragSelect } from '../browser/page-actions';
import { PizhuUi } from '../browser/pizhu-ui';
import { launchWithExtension, waitForReportedTab } from '../browser/launch-with-extension';
import { DEMO_ARTICLE_URL, loadDemoArticle } from '../serve/demo-article';
import type { PortalServer } from '../serve/portal-server';

export interface ClickToPaint {
  clicks: number;
  /** Pizhu's handling of the click: anchoring the selection, painting it, updating the UI. */
  handlerMs: { median: number; max: number };
  /** From the click event to the end of the next rendered frame. */
  nextFrameMs: { median: number; max: number };
  /**
   * From a click on a highlight to the next frame the note frame draws with the popover in it and
   * the caret in the note (the page's and the frame's clocks read as wall time).
   */
  clickToNoteMs: { median: number; max: number };
}

const CLICKS = 20;

function summary(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, max: sorted.at(-1)! };
}

/**
 * The reader's view of highlighting speed, with the built extension on the demo article: a
 * passage is selected, a colour clicked in the toolbar, and the page's own clock measures Pizhu's
 * handler (between listeners before and after it in the event's path) and the time from the
 * click event to the end of the next frame.
 */
export async function measureClickToPaint(server: PortalServer): Promise<ClickToPaint> {
  const { context, background } = await launchWithExtension({ portalPort: server.port });
  const paragraphs = loadDemoArticle().paragraphs.filter((text) => text.length > 60);
  const handler: number[] = [];
  const frame: number[] = [];
  const note: number[] = [];
  try {
    const page = await context.newPage();
    for (let click = 0; click < CLICKS; click++) {
      await page.goto(DEMO_ARTICLE_URL);
      if ((await waitForReportedTab(background, DEMO_ARTICLE_URL)) === null)
        throw new Error('the content script did not report the demo article');
      const ui = await PizhuUi.attach(page);
      const text = paragraphs[click % paragraphs.length]!;
      await dragSelect(page, text.slice(4, 24));
      while ((await ui.count('[role="toolbar"]')) === 0) await page.waitForTimeout(20);
      await page.evaluate(() => {
        const record = globalThis as unknown as { clickTiming: Promise<number[]> };
        let reached = 0;
        // Capture at the window runs before the toolbar's handler, bubbling at the window after it.
        window.addEventListener('click', () => (reached = performance.now()), { capture: true, once: true });
        record.clickTiming = new Promise((done) =>
          window.addEventListener(
            'click',
            (event) => {
              const handled = performance.now() - reached;
              requestAnimationFrame(() => {
                const channel = new MessageChannel();
                channel.port1.onmessage = () => done([handled, performance.now() - event.timeStamp]);
                channel.port2.postMessage(null);
              });
            },
            { once: true },
          ),
        );
      });
      await ui.click('[role="toolbar"] [data-color="yellow"]');
      const [handled, painted] = await page.evaluate(
        () => (globalThis as unknown as { clickTiming: Promise<number[]> }).clickTiming,
      );
      handler.push(handled!);
      frame.push(painted!);

      // The highlight just made, clicked: how soon its note is on screen, ready for typing.
      const noteFrame = ui.noteFrame();
      if (!noteFrame) throw new Error('the note frame did not load');
      await noteFrame.evaluate(() => {
        const record = globalThis as unknown as { noteShown: Promise<number> };
        record.noteShown = new Promise((done) => {
          let seen = false;
          document.addEventListener('focusin', (event) => {
            if (seen || !(event.target as Element).matches('.popover textarea')) return;
            seen = true;
            requestAnimationFrame(() => setTimeout(() => done(performance.timeOrigin + performance.now()), 0));
          });
        });
      });
      await page.evaluate(() => {
        const record = globalThis as unknown as { clickedAt: Promise<number> };
        record.clickedAt = new Promise((done) =>
          window.addEventListener('click', (event) => done(performance.timeOrigin + event.timeStamp), {
            capture: true,
            once: true,
          }),
        );
      });
      await clickPainted(page, 'yellow', text.slice(8, 16));
      const clickedAt = await page.evaluate(() => (globalThis as unknown as { clickedAt: Promise<number> }).clickedAt);
      const shownAt = await noteFrame.evaluate(
        () => (globalThis as unknown as { noteShown: Promise<number> }).noteShown,
      );
      note.push(shownAt - clickedAt);
    }
  } finally {
    await context.close();
  }
  return { clicks: CLICKS, handlerMs: summary(handler), nextFrameMs: summary(frame), clickToNoteMs: summary(note) };
}
