/**
 * `npm start`: builds the extension, serves the demo portal article on 127.0.0.1 and opens
 * Chromium (or Chrome) with Pizhu loaded, the page reached under its real portal address.
 * Without a display it runs headless, writes screenshots into start-output/ and exits.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { demoPassages, highlightWithNote } from './browser/demo-notes';
import { launchWithExtension, waitForReportedTab } from './browser/launch-with-extension';
import { PizhuUi } from './browser/pizhu-ui';
import { DEMO_ARTICLE_URL, loadDemoArticle } from './serve/demo-article';
import { startPortalServer } from './serve/portal-server';
import { ensureBuild } from './build/ensure-build';
import { runMain } from './run-main';

const ROOT = resolve(import.meta.dirname, '..');
const OUTPUT_DIR = resolve(ROOT, 'start-output');

async function main() {
  ensureBuild('chrome');

  const server = await startPortalServer(Number(process.env.PIZHU_PORT ?? 0));
  const headless = !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
  const { context, background, extensionId } = await launchWithExtension({ portalPort: server.port, headless });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(DEMO_ARTICLE_URL);
  console.error(`Demo article: ${DEMO_ARTICLE_URL} (served from 127.0.0.1:${server.port})`);

  if (!headless) {
    console.error('Chromium is open with Pizhu loaded; close it to stop.');
    await new Promise((done) => context.on('close', done));
    await server.close();
    return;
  }

  // Wait for the content script's report, then do what a reader does — highlight a passage and
  // write its note — and show the page, note open, next to Pizhu's popup for it.
  const tabId = await waitForReportedTab(background, page.url());
  if (tabId === null) throw new Error('The content script did not report the demo article.');
  const [passage] = demoPassages(loadDemoArticle());
  await highlightWithNote(page, await PizhuUi.attach(page), passage!, '这一段是全文的重点，小组讨论时先读。');
  // The note is saved as typed; let the save land so the popup counts it.
  await page.waitForTimeout(800);

  mkdirSync(OUTPUT_DIR, { recursive: true });
  const pageShot = await page.screenshot();
  const popup = await context.newPage();
  await popup.setViewportSize({ width: 360, height: 520 });
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tabId=${tabId}`);
  await popup.getByTestId('article-metadata').waitFor();
  const popupShot = await popup.screenshot();

  const composite = await context.newPage();
  await composite.setViewportSize({ width: 1680, height: 900 });
  await composite.setContent(
    `<body style="margin:0;display:flex;gap:16px;background:#ddd;align-items:flex-start">
      <img src="data:image/png;base64,${pageShot.toString('base64')}" width="1280">
      <img src="data:image/png;base64,${popupShot.toString('base64')}" width="360" style="box-shadow:0 2px 12px #0005">
    </body>`,
  );
  const file = resolve(OUTPUT_DIR, 'demo-article.png');
  writeFileSync(file, await composite.screenshot());
  console.log(`Screenshot of the demo article with Pizhu's popup: ${file}`);
  await context.close();
  await server.close();
}

runMain(main);
