import type { Page } from '@playwright/test';
import { dragSelect } from '../../scripts/browser/page-actions';
import type { PizhuUi } from '../../scripts/browser/pizhu-ui';
import type { HighlightColor } from '../../utils/highlight/colors';
import { expect } from './extension-fixture';

/** Drags over a passage as a reader does, then picks a colour in Pizhu's toolbar; returns what was selected. */
export async function highlightThroughToolbar(
  page: Page,
  ui: PizhuUi,
  color: HighlightColor,
  from: string,
  to = from,
): Promise<string> {
  const selected = await dragSelect(page, from, to);
  await expect.poll(() => ui.count('[role="toolbar"] [data-color]')).toBe(5);
  await ui.click(`[role="toolbar"] [data-color="${color}"]`);
  return selected;
}
