import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { FirefoxWithExtension } from '../../scripts/browser/firefox-with-extension';
import { DEMO_ARTICLE_URL } from '../../scripts/serve/demo-article';
import { startPortalServer } from '../../scripts/serve/portal-server';
import { writeHostileFigures } from '../support/hostile-report';

/*
 * Real Firefox ESR, not a simulation: with history set to "never remember", every window is
 * private and Firefox refuses IndexedDB to the extension. Firefox's UI (and so Pizhu's) is in
 * English here; the message is read from the locale file rather than copied. The library and the
 * popup are opened from Pizhu's note frame in a portal page (BiDi does not navigate a tab to an
 * extension page; see firefox-with-extension.ts).
 */
const english = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../public/_locales/en/messages.json'), 'utf8'),
) as Record<string, { message: string }>;
const REFUSED = english.error_storage_unavailable!.message;

/** An annotation to put back, as an undo would: a write request. */
const record = {
  id: crypto.randomUUID(),
  url: 'http://www.gov.cn/zhengce/2024-11/26/content_1.htm',
  quote: { exact: '坚持以人民为中心', prefix: '', suffix: '' },
  position: { start: 0, end: 8 },
  color: 'yellow',
  note: '一条笔记',
  tags: [],
  articleId: crypto.randomUUID(),
  urlKey: 'https://www.gov.cn/zhengce/2024-11/26/content_1.htm',
  author: '',
  createdAt: '2024-11-26T09:30:00.000Z',
  updatedAt: '2024-11-26T09:30:00.000Z',
};

const send = (type: string, payload: unknown) => `browser.runtime.sendMessage(${JSON.stringify({ type, payload })})`;
const pageText = 'document.body.innerText';

test.describe.configure({ timeout: 120_000 });

for (const neverRememberHistory of [true, false]) {
  test(`Firefox ${neverRememberHistory ? 'set to never remember history: Pizhu says storage is refused, reads and writes get that answer' : 'with history: the same pages and messages work (control)'}`, async () => {
    const portal = await startPortalServer();
    const firefox = await FirefoxWithExtension.launch({ neverRememberHistory, portalPort: portal.port });
    try {
      const article = await firefox.newTab(DEMO_ARTICLE_URL);
      const library = await firefox.openExtensionPage(article, 'library.html');
      const popup = await firefox.openExtensionPage(article, 'popup.html');
      // Both pages render (their search boxes) whatever the storage does.
      for (const page of [library, popup])
        expect(await firefox.waitFor(page, `document.querySelector('input[type="search"]') !== null`)).toBe(true);
      const tags = await firefox.evaluateIn<{ ok: boolean; error?: { code: string } }>(
        library,
        send('annotations.tags', {}),
      );
      const restored = await firefox.evaluateIn<{ ok: boolean; error?: { code: string } }>(
        library,
        send('annotation.restore', record),
      );
      if (neverRememberHistory) {
        for (const page of [library, popup])
          expect(await firefox.waitFor(page, `${pageText}.includes(${JSON.stringify(REFUSED)})`)).toBe(true);
        expect(tags).toMatchObject({ ok: false, error: { code: 'storage-unavailable' } });
        expect(restored).toMatchObject({ ok: false, error: { code: 'storage-unavailable' } });
        writeHostileFigures('firefox-history', {
          notes: [
            'Firefox ESR set to never remember history (IndexedDB refused): popup and library show the storage-refused message; a read and a write to the background answer storage-unavailable',
          ],
        });
      } else {
        expect(tags).toEqual({ ok: true, data: [] });
        // The database opened and was read: the record is refused only for having no article.
        expect(restored).toMatchObject({
          ok: false,
          error: { code: 'internal', message: 'the annotation does not belong to a stored article' },
        });
        await firefox.evaluateIn(library, 'new Promise((done) => setTimeout(done, 500))');
        for (const page of [library, popup])
          expect(await firefox.evaluateIn<string>(page, pageText)).not.toContain(REFUSED);
        // Firefox reports the manifest's portal matches as granted origins: they are not sites the user added.
        const options = await firefox.openExtensionPage(article, 'options.html');
        expect(
          await firefox.waitFor(
            options,
            `${pageText}.includes(${JSON.stringify(english.optionsUserSitesEmpty!.message)})`,
          ),
        ).toBe(true);
        expect(await firefox.evaluateIn(options, `document.querySelectorAll('main li').length`)).toBe(0);
      }
    } finally {
      await firefox.close();
      await portal.close();
    }
  });
}
