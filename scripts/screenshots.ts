/**
 * `npm run screenshots`: every screen a reader meets, in zh_CN and en, light and dark, written to
 * screenshots/ (not committed). With `--docs`, the few shown in README.md are also written to
 * docs/ (committed, zh_CN light).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { unwrapReply } from '../utils/messages';
import type { AnnotationRecord } from '../utils/model/annotation';
import { demoPassages, highlightWithNote } from './browser/demo-notes';
import { dragSelect } from './browser/page-actions';
import { launchWithExtension, waitForReportedTab } from './browser/launch-with-extension';
import { PizhuUi } from './browser/pizhu-ui';
import { DEMO_ARTICLE_URL, loadDemoArticle } from './serve/demo-article';
import { startPortalServer } from './serve/portal-server';
import { ensureBuild } from './build/ensure-build';
import { runMain } from './run-main';

const ROOT = resolve(import.meta.dirname, '..');
const demo = loadDemoArticle();
const passages = demoPassages(demo);
const NOTES = {
  'zh-CN': ['这一段是全文的重点，小组讨论时先读。', '与上一段对照看。'],
  en: ['The key passage: read it first in the group.', 'Compare with the one above.'],
} as const;
/** The screens README.md shows, by their file names here. */
const DOCS = ['page-note', 'page-panel', 'popup-article', 'library-articles', 'reader-light'];

type Shot = (name: string, page: Page) => Promise<void>;

async function send(context: BrowserContext, extensionId: string, type: string, payload: unknown) {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  const reply = await page.evaluate((message) => chrome.runtime.sendMessage(message), { type, payload });
  await page.close();
  return unwrapReply<AnnotationRecord[]>(reply);
}

async function capture(language: 'zh-CN' | 'en', scheme: 'light' | 'dark', shot: Shot) {
  const server = await startPortalServer();
  const { context, background, extensionId } = await launchWithExtension({
    portalPort: server.port,
    language,
    colorScheme: scheme,
    viewport: { width: 1280, height: 800 },
  });
  const extensionPage = async (path: string, size = { width: 1280, height: 800 }) => {
    const page = await context.newPage();
    await page.setViewportSize(size);
    await page.goto(`chrome-extension://${extensionId}/${path}`);
    return page;
  };
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(DEMO_ARTICLE_URL);
    const tabId = await waitForReportedTab(background, DEMO_ARTICLE_URL);
    if (tabId === null) throw new Error('the content script did not report the demo article');
    const ui = await PizhuUi.attach(page);

    // In the page: the toolbar on a selection, a note being written, the list of the page's notes.
    await highlightWithNote(page, ui, passages[0]!, NOTES[language][0]);
    await page.waitForTimeout(400);
    await shot('page-note', page);
    await page.keyboard.press('Escape');
    await highlightWithNote(page, ui, passages[2]!, NOTES[language][1]);
    await page.keyboard.press('Escape');
    // A note whose passage the site has since removed: listed as unplaced.
    const [saved] = await send(context, extensionId, 'annotations.forPage', { url: DEMO_ARTICLE_URL });
    await send(context, extensionId, 'annotation.save', {
      ...pick(saved!),
      id: crypto.randomUUID(),
      quote: { exact: '这句话已经从页面上删去了', prefix: '', suffix: '' },
      note: NOTES[language][1],
    });
    await page.reload();
    await waitForReportedTab(background, DEMO_ARTICLE_URL);
    const panelUi = await PizhuUi.attach(page);
    await panelUi.click('[data-testid="launcher"]');
    await page.waitForTimeout(400);
    await shot('page-panel', page);
    await page.keyboard.press('Escape');
    await page.evaluate(() => window.scrollTo(0, 0));
    await dragSelect(page, passages[1]!);
    await page.waitForTimeout(300);
    await shot('page-toolbar', page);

    // The popup: an article, a page that is not one, a page Pizhu does not run on.
    const popupSize = { width: 360, height: 600 };
    const firstScreen = (popup: Page) =>
      popup.waitForFunction(() => performance.getEntriesByName('pizhu:first-screen').length > 0);
    let popup = await extensionPage(`popup.html?tabId=${tabId}`, popupSize);
    await firstScreen(popup);
    await shot('popup-article', popup);
    await popup.getByTestId('clip').click();
    await popup.getByTestId('open-reader').waitFor();
    await shot('popup-clipped', popup);
    await popup.getByTestId('correct').click();
    await popup.getByTestId('correct-source').fill(language === 'zh-CN' ? '更正后的来源' : 'Corrected source');
    await popup.getByTestId('correct-save').click();
    await popup.getByTestId('correct').click();
    await shot('popup-correct', popup);
    await popup.keyboard.press('Escape');
    for (const [name, url] of [
      ['popup-not-article', 'http://www.gov.cn/xinwen/'],
      ['popup-not-running', 'http://www.example.org/news/1.html'],
    ] as const) {
      const other = await context.newPage();
      await other.goto(url);
      // The newest tab is the one just opened (the content script may not run there to report it).
      const otherTab = await background.evaluate(async () =>
        Math.max(...(await chrome.tabs.query({})).map((tab) => tab.id ?? 0)),
      );
      if (name === 'popup-not-article') await waitForReportedTab(background, url);
      popup = await extensionPage(`popup.html?tabId=${otherTab}`, popupSize);
      await firstScreen(popup);
      await shot(name, popup);
      await other.close();
    }

    // The library: articles, notes, filters, the export menu, an import's summary.
    const library = await extensionPage('library.html');
    await library.getByTestId('article-row').first().waitFor();
    await shot('library-articles', library);
    await library.getByTestId('toggle-filters').click();
    await shot('library-filters', library);
    await library.getByTestId('export-menu').locator('summary').click();
    await shot('library-export-menu', library);
    await library.getByTestId('export-annotated-docx').click();
    await library.getByTestId('hand-in-form').waitFor();
    await shot('library-hand-in', library);
    await library.keyboard.press('Escape');
    await library.getByTestId('tab-annotations').click();
    await library.getByTestId('annotation-item').first().waitFor();
    await shot('library-notes', library);
    // A member's file, as the export menu writes it, imported back.
    await library.getByTestId('export-menu').locator('summary').click();
    const [download] = await Promise.all([
      library.waitForEvent('download'),
      library.getByTestId('export-json').click(),
    ]);
    await library.getByTestId('import-file').setInputFiles((await download.path())!);
    await library.getByTestId('import-result').waitFor();
    await shot('library-import', library);

    // The reader in light, dark and print, and the options page.
    const [annotation] = await send(context, extensionId, 'annotations.forPage', { url: DEMO_ARTICLE_URL });
    const reader = await extensionPage(`reader.html?id=${annotation!.articleId}`);
    await reader.getByTestId('reader-body').waitFor();
    await reader.waitForTimeout(300);
    await shot('reader-light', reader);
    await reader
      .locator('select')
      .filter({ has: reader.locator('option[value="dark"]') })
      .selectOption('dark');
    await shot('reader-dark', reader);
    await reader.emulateMedia({ media: 'print' });
    await shot('reader-print', reader);
    await shot('options', await extensionPage('options.html'));
  } finally {
    await context.close();
    await server.close();
  }
}

function pick(record: AnnotationRecord) {
  const { id, url, quote, position, color, note, tags } = record;
  return { id, url, quote, position, color, note, tags };
}

async function main() {
  ensureBuild('chrome');
  const docs = process.argv.includes('--docs');
  const dir = resolve(ROOT, 'screenshots');
  mkdirSync(dir, { recursive: true });
  let count = 0;
  for (const language of ['zh-CN', 'en'] as const) {
    for (const scheme of ['light', 'dark'] as const) {
      await capture(language, scheme, async (name, page) => {
        const png = await page.screenshot({ animations: 'disabled', caret: 'hide' });
        writeFileSync(resolve(dir, `${name}.${language}.${scheme}.png`), png);
        count += 1;
        if (docs && language === 'zh-CN' && scheme === 'light' && DOCS.includes(name)) {
          mkdirSync(resolve(ROOT, 'docs'), { recursive: true });
          writeFileSync(
            resolve(ROOT, 'docs', `${name}.png`),
            await page.screenshot({ animations: 'disabled', caret: 'hide', scale: 'css' }),
          );
        }
      });
      console.error(`${language} ${scheme}: done`);
    }
  }
  console.log(`${count} screenshots in ${dir}`);
}

runMain(main);
