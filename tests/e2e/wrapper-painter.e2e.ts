import { resolve } from 'node:path';
import { bundleForPage } from '../../scripts/browser/bundle-for-page';
import {
  PAINTED_SHARE,
  READABLE_SHARE,
  shareOfTextDark,
  shareOfTextInColour,
} from '../../scripts/browser/screen-colour';
import { expect, test } from './extension-fixture';

test('the wrapper-element fallback shows its colour and dark words on a dark page that restyles spans, marks and custom elements', async ({
  context,
  portal,
}) => {
  const passage = '推动基层治理工作不断取得新成效';
  portal.servePage(
    '/wrapper-painter.html',
    `<!doctype html><meta charset="utf-8"><style>
      body { background: #111; color: #eee; font: 20px/1.8 serif; }
      span, mark, :not(p) { background: transparent !important; color: #eee !important; }
    </style><p>会议强调，要坚持以人民为中心的发展思想，<span>${passage}</span>。</p>`,
  );
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${portal.port}/wrapper-painter.html`);
  await page.addScriptTag({
    content: await bundleForPage(resolve(import.meta.dirname, '../support/wrapper-paint-entry.ts')),
  });
  expect(await shareOfTextInColour(page, passage, 'green')).toBeLessThan(0.02);
  await page.evaluate(
    (text) => (globalThis as unknown as { paintWithWrappers: (text: string) => void }).paintWithWrappers(text),
    passage,
  );
  expect(await shareOfTextInColour(page, passage, 'green')).toBeGreaterThan(PAINTED_SHARE);
  expect(await shareOfTextDark(page, passage)).toBeGreaterThan(READABLE_SHARE);
});
