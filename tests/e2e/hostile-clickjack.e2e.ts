import type { Frame, Locator, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { clickPainted, paintedTexts } from '../../scripts/browser/page-actions';
import { PizhuUi } from '../../scripts/browser/pizhu-ui';
import { DEMO_ARTICLE_URL, loadDemoArticle } from '../../scripts/serve/demo-article';
import { expect, test } from './extension-fixture';
import { highlightThroughToolbar } from './highlight-through-toolbar';

const demo = loadDemoArticle();
const passage = demo.paragraphs.filter((text) => text.length > 80)[2]!.slice(8, 24);
const chinese = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../public/_locales/zh_CN/messages.json'), 'utf8'),
) as Record<string, { message: string }>;

/**
 * A clickjacking page, in the page's own world before anything else runs: it can make Pizhu's host
 * (the element under <html> with a shadow root) transparent and keep it so against Pizhu's
 * restoring, or lay a top-layer popover that lets clicks through over the note frame — each with a
 * decoy drawn where 删除 is, for the reader to click.
 */
function clickjackingPage() {
  const host = () =>
    [...document.documentElement.children].find((element) => element.localName === 'div') as HTMLElement;
  const decoy = (at: { x: number; y: number }, parent: Element) => {
    const bait = document.createElement('div');
    bait.textContent = '领取红包';
    bait.style.cssText = `position:fixed;left:${at.x - 40}px;top:${at.y - 12}px;width:80px;height:24px;background:red;color:white;z-index:1`;
    parent.append(bait);
    return bait;
  };
  let undo = () => {};
  const attack = {
    /** Once, without fighting: Pizhu should put the host's style back. */
    restyleOnce() {
      host().style.setProperty('opacity', '0', 'important');
      host().setAttribute('inert', '');
    },
    hostStyle: () => [getComputedStyle(host()).opacity, host().hasAttribute('inert')],
    /** Transparent, and set again each time Pizhu restores it, with a decoy under 删除. */
    transparent(at: { x: number; y: number }) {
      const bait = decoy(at, document.body);
      const again = () => host().style.setProperty('opacity', '0', 'important');
      const fight = new MutationObserver(again);
      fight.observe(host(), { attributes: true });
      again();
      undo = () => {
        fight.disconnect();
        bait.remove();
        host().style.removeProperty('opacity');
      };
    },
    /** A white top-layer sheet over everything that lets clicks through, with a decoy drawn on it. */
    popover(at: { x: number; y: number }) {
      const sheet = document.createElement('div');
      sheet.popover = 'manual';
      sheet.style.cssText =
        'pointer-events:none;position:fixed;inset:0;width:100vw;height:100vh;margin:0;border:0;background:white';
      decoy(at, sheet);
      document.body.append(sheet);
      sheet.showPopover();
      undo = () => sheet.remove();
    },
    stop: () => undo(),
  };
  (globalThis as unknown as { attack: typeof attack }).attack = attack;
}

type Attack = { stop(): void; restyleOnce(): void; hostStyle(): unknown[] } & Record<
  'transparent' | 'popover',
  (at: { x: number; y: number }) => void
>;

/** The centre of a control in the note frame, in the page's pixels, once the browser has drawn it. */
async function centreOf(page: Page, target: Locator) {
  const box = (await target.boundingBox())!;
  await page.screenshot({ clip: box });
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/**
 * The reader's real click at a point over the note frame, made again if the browser sent it to the
 * page because it had not yet drawn the page as it now is (see PizhuUi.clickInNoteFrame).
 */
async function readerClicksAt(page: Page, frame: Frame, at: { x: number; y: number }) {
  for (let attempt = 0; attempt < 5; attempt++) {
    await page.screenshot();
    await frame.evaluate(() => {
      const probe = window as unknown as { pressed?: boolean };
      probe.pressed = false;
      window.addEventListener('pointerdown', (event) => void (probe.pressed = event.isTrusted), {
        capture: true,
        once: true,
      });
    });
    await page.mouse.click(at.x, at.y);
    if (await frame.evaluate(() => (window as unknown as { pressed?: boolean }).pressed)) return;
  }
  throw new Error('five clicks over the note frame all reached the page');
}

test('the note frame does not act on a click the page hid or covered, and still does on one the reader saw', async ({
  context,
  reportedTabId,
  send,
}) => {
  const page = await context.newPage();
  await page.addInitScript(clickjackingPage);
  await page.goto(DEMO_ARTICLE_URL);
  await reportedTabId(page);
  const ui = await PizhuUi.attach(page);
  const stored = () => send('annotations.forPage', { url: DEMO_ARTICLE_URL });
  const attack = (name: keyof Attack, at?: { x: number; y: number }) =>
    page.evaluate(({ name, at }) => (globalThis as unknown as { attack: Attack }).attack[name](at!), { name, at });

  await highlightThroughToolbar(page, ui, 'green', passage);
  await expect.poll(async () => (await stored()).length).toBe(1);
  await clickPainted(page, 'green', passage);
  const frame = ui.noteFrame()!;
  const deleteButton = frame.locator('[role="dialog"] [data-action="delete"]');
  await expect(deleteButton).toBeVisible();
  const refusal = frame.locator('[data-testid="click-refused"]');

  // A page's one change to the host's style or attributes is undone at once.
  await attack('restyleOnce');
  const hostRestored = () =>
    expect
      .poll(() => page.evaluate(() => (globalThis as unknown as { attack: Attack }).attack.hostStyle()))
      .toEqual(['1', false]);
  await hostRestored();

  // The host made transparent, and kept so, over a decoy: the reader's click on the decoy deletes nothing.
  const at = await centreOf(page, deleteButton);
  await attack('transparent', at);
  await readerClicksAt(page, frame, at);
  await expect(refusal).toHaveText(chinese.clickRefusedHidden!.message);
  await attack('stop');
  // Against a page that fights, Pizhu restores the host at most 100 times a second: the last
  // restore may come up to a second after the page stops; the next attack starts from a visible frame.
  await hostRestored();

  // A top-layer sheet that lets clicks through, over the frame: neither 删除 nor a colour acts.
  // 删除 where it is now (the refusal's notice may have moved it).
  const deleteNow = await centreOf(page, deleteButton);
  await attack('popover', deleteNow);
  await readerClicksAt(page, frame, deleteNow);
  await expect(refusal).toHaveText(/页面上有东西盖在批注框上|浏览器报告批注框没有完整地显示出来/);
  const blue = await centreOf(page, frame.locator('[role="dialog"] [data-color="blue"]')).catch(() => null);
  if (blue) await readerClicksAt(page, frame, blue);
  await attack('stop');
  expect(await stored()).toMatchObject([{ color: 'green' }]);
  expect(await paintedTexts(page, 'green')).toEqual([passage]);

  // In plain sight, the same click deletes, and 撤销 brings the note back.
  await ui.clickInNoteFrame(deleteButton, '删除');
  await expect.poll(async () => (await stored()).length).toBe(0);
  await ui.click('[data-action="undo"]');
  await expect.poll(async () => (await stored()).length).toBe(1);
});
