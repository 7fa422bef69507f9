import type { Page } from 'playwright-core';
import type { DemoArticleParts } from '../serve/demo-article';
import { clickPainted, dragSelect } from './page-actions';
import type { PizhuUi } from './pizhu-ui';

/** Passages of the demo article a reader might mark: the start of its longer paragraphs. */
export function demoPassages(demo: DemoArticleParts): string[] {
  return demo.paragraphs.filter((text) => text.length > 80).map((text) => text.slice(8, 30));
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 10_000) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

/**
 * Highlights `passage` through Pizhu's toolbar as a reader does, then opens its note and types
 * `note` into it; the note's popover is left open.
 */
export async function highlightWithNote(page: Page, ui: PizhuUi, passage: string, note: string): Promise<void> {
  await dragSelect(page, passage);
  await until(async () => (await ui.count('[role="toolbar"] [data-action="note"]')) === 1, 'the selection toolbar');
  await ui.click('[role="toolbar"] [data-color="yellow"]');
  await clickPainted(page, 'yellow', passage.slice(2, 8));
  await until(
    async () => (await ui.noteFrame()?.evaluate(() => document.activeElement?.matches('.popover textarea'))) === true,
    'the note, focused',
  );
  await page.keyboard.type(note);
}
