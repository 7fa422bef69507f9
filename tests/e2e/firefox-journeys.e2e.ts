import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import {
  clickButton,
  clickButtonInNoteFrame,
  clickElement,
  clickInTools,
  fillField,
  pressKey,
  setFiles,
  typeKeys,
} from '../../scripts/browser/firefox-input';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import {
  clickPaintedIn,
  dragSelectIn,
  paintedTextsIn,
  shareOfTextInColourIn,
  shareOfTextUnderlinedIn,
} from '../../scripts/browser/firefox-page-actions';
import { ARTICLE, GROUP_MARKS, groupArticlePage } from '../support/group-article';
import { FirefoxWithExtension } from '../../scripts/browser/firefox-with-extension';
import { PAINTED_SHARE, UNPAINTED_SHARE } from '../../scripts/browser/screen-colour';
import { DEMO_ARTICLE_URL, loadDemoArticle } from '../../scripts/serve/demo-article';
import { FRAMESET_PATH, framesetPage, NAV_PATH, navPage } from '../../scripts/serve/frameset-pages';
import { startPortalServer, type PortalServer } from '../../scripts/serve/portal-server';
import { startWebdavServer } from '../../scripts/serve/webdav-server';
import { belowFirstScreen, portalPageHtml } from '../support/portal-page';
import { OBSTACLE_PARAGRAPHS, OBSTACLE_PATH, renderObstaclePage } from '../../scripts/hostile/obstacle-page';

/*
 * A reader's journeys in Debian's Firefox ESR, driven over WebDriver BiDi only (see
 * firefox-with-extension.ts). One Firefox serves the file's tests, one after another, as one reader
 * would use it: each journey goes on from what the one before stored (one launch, not four). Firefox's UI, and so Pizhu's, is English
 * here (Debian's Firefox has no Chinese language pack unless firefox-esr-l10n-zh-cn is installed):
 * words on screen are read from the English locale file.
 *
 * Extension pages are opened from Pizhu's note frame, then from their own links: BiDi refuses to
 * navigate a tab to a moz-extension:// address, and its key presses reach neither the toolbar
 * button nor extension shortcuts.
 */
const english = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../public/_locales/en/messages.json'), 'utf8'),
) as Record<string, { message: string }>;
const say = (key: string) => english[key]!.message;

const demo = loadDemoArticle();
const squash = (text: string) => text.replace(/\s+/g, '');
const passages = demo.paragraphs.filter((text) => text.length > 80).map((text) => text.slice(8, 30));
const NOTE = '第一行笔记\nsecond line';
const SHIFT_ENTER = '\uE007';
const ESCAPE = '\uE00C';

/** A reader's Firefox; the WebDAV server on 127.0.0.1 is allowed, as after 允许 (see 小组同步). */
const reader = () => ({ portalPort: portal.port, grantedOrigins: ['http://127.0.0.1/*'] });

let portal: PortalServer;
let firefox: FirefoxWithExtension;

test.describe.configure({ timeout: 60_000 });
test.beforeAll(async () => {
  portal = await startPortalServer();
  firefox = await FirefoxWithExtension.launch(reader());
});
test.afterAll(async () => {
  await firefox?.close();
  await portal?.close();
});

/** The note frame's document shows `selector` (the frame is an extension page in the tab). */
async function frameCount(tab: string, selector: string): Promise<number> {
  const frame = await firefox.noteFrame(tab);
  return (await firefox.boxes(frame, selector, false)).filter((box) => box.width > 0).length;
}

/** The stored annotations of a page, asked of the background from the tab's note frame. */
async function notesOf(tab: string, url: string): Promise<{ note: string; color: string }[]> {
  const reply = await firefox.evaluateIn<{ ok: boolean; data: { note: string; color: string }[] }>(
    await firefox.noteFrame(tab),
    `browser.runtime.sendMessage(${JSON.stringify({ type: 'annotations.forPage', payload: { url } })})`,
  );
  return reply.ok ? reply.data : [];
}

/** The note frame is on screen: its box in the tab has a size. */
async function frameShown(tab: string): Promise<boolean> {
  const [box] = await firefox.boxes(tab, 'iframe.note-frame');
  return Boolean(box && box.width > 0 && box.height > 0);
}

test('Firefox: a passage dragged over is painted in the toolbar’s colour, its note is typed in the note frame and kept after a reload, and the page lists it', async () => {
  const tab = await firefox.newTab(DEMO_ARTICLE_URL);
  const [from, to] = [passages[0]!.slice(0, 10), passages[0]!.slice(10)];
  const selected = await dragSelectIn(firefox, tab, from, to);
  expect(squash(selected)).toBe(squash(passages[0]!));
  await expect.poll(async () => (await firefox.boxes(tab, '[role="toolbar"] [data-color]')).length).toBe(5);
  await clickInTools(firefox, tab, '[role="toolbar"] [data-color="green"]');
  await expect.poll(() => paintedTextsIn(firefox, tab, 'green')).toEqual([passages[0]]);
  await expect.poll(() => shareOfTextInColourIn(firefox, tab, from, 'green')).toBeGreaterThan(PAINTED_SHARE);
  const control = demo.paragraphs.find((text) => text.length > 40 && !text.includes(passages[0]!))!.slice(0, 12);
  expect(await shareOfTextInColourIn(firefox, tab, control, 'green')).toBeLessThan(UNPAINTED_SHARE);

  // A click on the highlight opens its note in the note frame, with the caret in it.
  await clickPaintedIn(firefox, tab, 'green', from);
  await expect.poll(() => frameShown(tab)).toBe(true);
  const frame = await firefox.noteFrame(tab);
  await expect
    .poll(() =>
      firefox.evaluateIn(frame, `document.hasFocus() && document.activeElement?.matches('.popover textarea')`),
    )
    .toBe(true);
  await typeKeys(firefox, tab, '第一行笔记');
  await pressKey(firefox, tab, SHIFT_ENTER, true);
  await typeKeys(firefox, tab, 'second line');
  await expect.poll(async () => (await notesOf(tab, DEMO_ARTICLE_URL))[0]?.note).toBe(NOTE);
  // 复制 from inside the frame: Firefox lets the framed extension page write the clipboard on a click.
  await clickButtonInNoteFrame(firefox, tab, say('toolbarCopy'));
  await expect
    .poll(() => firefox.texts(frame, '.popover', false).then((texts) => texts.join()))
    .toContain(say('copyDone'));
  // 删除, a click Pizhu checks was on a frame in plain sight (Firefox has no IntersectionObserver v2:
  // the content script's own look at the page), deletes; 撤销 brings the note back.
  await clickButtonInNoteFrame(firefox, tab, say('popoverDelete'));
  await expect.poll(async () => (await notesOf(tab, DEMO_ARTICLE_URL)).length).toBe(0);
  await expect.poll(() => frameShown(tab)).toBe(false);
  await clickInTools(firefox, tab, '[data-action="undo"]');
  await expect.poll(async () => (await notesOf(tab, DEMO_ARTICLE_URL))[0]?.note).toBe(NOTE);

  // After a reload: still painted on screen, and the note is there when the highlight is clicked.
  await firefox.reload(tab);
  await expect.poll(() => shareOfTextInColourIn(firefox, tab, from, 'green')).toBeGreaterThan(PAINTED_SHARE);
  await expect.poll(() => shareOfTextInColourIn(firefox, tab, to, 'green')).toBeGreaterThan(PAINTED_SHARE);
  await clickPaintedIn(firefox, tab, 'green', from);
  await expect.poll(() => frameShown(tab)).toBe(true);
  const reloadedFrame = await firefox.noteFrame(tab);
  await expect
    .poll(() => firefox.evaluateIn(reloadedFrame, `document.querySelector('.popover textarea')?.value`))
    .toBe(NOTE);
  await pressKey(firefox, tab, ESCAPE);

  // The page's list of notes, from the button in the corner: the passage and its note.
  await clickInTools(firefox, tab, '[data-testid="launcher"]');
  await expect.poll(() => frameShown(tab)).toBe(true);
  await expect.poll(() => frameCount(tab, '[data-testid="placed"] li')).toBe(1);
  const [listed] = await firefox.texts(reloadedFrame, '[data-testid="placed"] li', false);
  expect(squash(listed!)).toContain(squash(passages[0]!));
  expect(squash(listed!)).toContain(squash(NOTE));
  await pressKey(firefox, tab, ESCAPE);
  await firefox.closeTab(tab);
});

/**
 * The popup for a tab, opened as a tab of its own from the tab's note frame; it learns which tab
 * it speaks for from `?tabId=`, as a test's popup does in Chromium (the toolbar button that would
 * open it is out of BiDi's reach).
 */
async function popupFor(tab: string, url: string): Promise<string> {
  const probe = await firefox.openExtensionPage(tab, 'popup.html');
  const tabId = await firefox.evaluateIn<number>(
    probe,
    `browser.tabs.query({ url: ${JSON.stringify(url)} }).then((tabs) => tabs[0].id)`,
  );
  await firefox.closeTab(probe);
  return firefox.openExtensionPage(tab, `popup.html?tabId=${tabId}`);
}

const textOf = async (context: string, selector: string) => (await firefox.texts(context, selector, false)).join('\n');

test('Firefox: 更正信息 in the popup, clip, the library, and the reader with the page’s highlights', async () => {
  const TITLE = '更正后的测试标题';
  const tab = await firefox.newTab(DEMO_ARTICLE_URL);
  const popup = await popupFor(tab, DEMO_ARTICLE_URL);
  await expect.poll(() => textOf(popup, '[data-field="fieldTitle"]')).toBe(demo.title);

  // 更正信息: the form, a new title, saved and marked as corrected.
  await clickElement(firefox, popup, '[data-testid="correct"]');
  await fillField(firefox, popup, '[data-testid="correct-title"]', TITLE);
  await clickElement(firefox, popup, '[data-testid="correct-save"]');
  await expect.poll(() => textOf(popup, '[data-testid="correct-saved"]')).toBe(say('popupCorrectSaved'));
  await expect.poll(() => textOf(popup, '[data-field="fieldTitle"]')).toBe(`${TITLE}${say('popupCorrected')}`);

  await clickElement(firefox, popup, '[data-testid="clip"]');
  await expect.poll(() => textOf(popup, '[data-testid="clip"]')).toBe(say('popupClipped'));

  // The popup's link opens the library; the library's, the reader.
  await clickElement(firefox, popup, '[data-testid="open-library"]');
  const library = await firefox.tabAt(`${firefox.extensionOrigin}/library.html`);
  await expect.poll(() => textOf(library, '[data-testid="article-row"] a')).toBe(TITLE);
  await expect.poll(() => textOf(library, '[data-testid="annotation-count"]')).toBe('1');
  await clickElement(firefox, library, '[data-testid="article-row"] a');
  const reader = await firefox.tabAt(`${firefox.extensionOrigin}/reader.html`);
  await expect.poll(() => textOf(reader, 'article h1')).toBe(TITLE);
  // The highlight made on the live page, painted in the reader as the reader sees it.
  await expect.poll(() => paintedTextsIn(firefox, reader, 'green')).toEqual([passages[0]]);
  await expect
    .poll(() => shareOfTextInColourIn(firefox, reader, passages[0]!.slice(0, 10), 'green'))
    .toBeGreaterThan(PAINTED_SHARE);
  for (const context of [reader, library, popup, tab]) await firefox.closeTab(context);
});

/** 小组同步 set up in the options page as a member does; `create`: the folder is made from there. */
async function joinGroup(
  browser: FirefoxWithExtension,
  tab: string,
  dav: { url: string },
  name: string,
  create: boolean,
) {
  const options = await browser.openExtensionPage(tab, 'options.html');
  await fillField(browser, options, '[data-testid="display-name"]', name);
  await clickElement(browser, options, '#group-sync');
  const field = (key: string) => `[data-testid="group-sync"] input[name="${key}"]`;
  for (const [key, value] of [
    ['server', dav.url],
    ['user', DAV_USER],
    ['password', DAV_PASSWORD],
    ['folder', DAV_FOLDER],
  ] as const)
    await fillField(browser, options, field(key), value);
  if (create) {
    await clickButton(browser, options, say('optionsSyncTest'));
    await clickButton(browser, options, say('optionsSyncCreateFolder'));
    await expect
      .poll(() => browser.texts(options, '[data-testid="sync-notice"]', false).then((texts) => texts.join()))
      .toContain(say('optionsSyncOk').split(':')[0]!);
  }
  await clickButton(browser, options, say('optionsSyncSave'));
  await expect
    .poll(() => browser.texts(options, '[data-testid="sync-outcome"]', false).then((texts) => texts.join()))
    .toContain(say('syncLastOk').split(':')[1]!.split(';')[0]!.trim());
  return options;
}

const DAV_USER = 'xiaozu';
const DAV_PASSWORD = 'app-password-1';
const DAV_FOLDER = '学习小组';

test('Firefox: 小组同步 through a real WebDAV server: one member’s note reaches another member’s Firefox, painted on the page', async () => {
  const dav = await startWebdavServer({ users: { [DAV_USER]: DAV_PASSWORD } });
  let other: FirefoxWithExtension | null = null;
  try {
    const tab = await firefox.newTab(DEMO_ARTICLE_URL);
    const options = await joinGroup(firefox, tab, dav, '小王', true);
    expect(dav.files(DAV_FOLDER)).toHaveLength(1);
    expect(dav.readFile(`${DAV_FOLDER}/${dav.files(DAV_FOLDER)[0]}`)).toContain(JSON.stringify(NOTE).slice(1, -1));
    // 成员指纹: the key Firefox made and keeps for this member, as its options page shows it.
    const fingerprint = /[0-9A-F]{4}( [0-9A-F]{4}){4}/.exec(
      (await firefox.texts(options, '[data-testid="own-fingerprint"]', false)).join(),
    )![0];
    await firefox.closeTab(options);

    other = await FirefoxWithExtension.launch(reader());
    const otherTab = await other.newTab(DEMO_ARTICLE_URL);
    const otherOptions = await joinGroup(other, otherTab, dav, '小李', false);
    expect(dav.files(DAV_FOLDER)).toHaveLength(2);
    // The other member's Firefox verified the signed file and pinned that key: the same fingerprint.
    await expect
      .poll(() => other!.texts(otherOptions, '[data-testid="member-key"]', false).then((texts) => texts.join()))
      .toContain(fingerprint);
    await other.reload(otherTab);
    await expect
      .poll(() => shareOfTextInColourIn(other!, otherTab, passages[0]!.slice(0, 10), 'green'))
      .toBeGreaterThan(PAINTED_SHARE);
    await clickPaintedIn(other, otherTab, 'green', passages[0]!.slice(0, 10));
    const frame = await other.noteFrame(otherTab);
    await expect
      .poll(() => other!.texts(frame, '.popover', false).then((texts) => texts.join()))
      .toContain('第一行笔记');
    // Another member's note: shown to read and to answer, not to edit.
    await expect
      .poll(() => other!.texts(frame, '.popover', false).then((texts) => texts.join()))
      .toContain(say('noteOfOther').split('(')[1]!.split(')')[0]!);
    await firefox.closeTab(tab);
  } finally {
    await other?.close();
    await dav.dispose();
  }
});

test('Firefox: the library exports the notes as a file, and the file imported after a delete brings the article, its note and its colour back', async () => {
  const tab = await firefox.newTab(DEMO_ARTICLE_URL);
  const library = await firefox.openExtensionPage(tab, 'library.html');
  await expect.poll(() => textOf(library, '[data-testid="annotation-count"]')).toBe('1');
  await clickElement(firefox, library, '[data-testid="export-menu"] summary');
  await clickElement(firefox, library, '[data-testid="export-json"]');
  const exported = await firefox.download(/\.json$/);
  const json = JSON.parse(exported.bytes.toString('utf8')) as { total: number };
  expect(json.total).toBe(1);
  expect(exported.bytes.toString('utf8')).toContain(JSON.stringify(NOTE).slice(1, -1));
  // The file as Firefox saved it is the one imported.
  const file = join(firefox.downloadDir, exported.name);

  await clickElement(firefox, library, '[data-testid="article-row"] input[type="checkbox"]');
  await clickElement(firefox, library, '[data-testid="delete-selected"]');
  await expect.poll(() => firefox.texts(library, '[data-testid="article-row"]', false)).toEqual([]);
  await firefox.reload(tab);
  await expect.poll(() => paintedTextsIn(firefox, tab, 'green')).toEqual([]);

  await setFiles(firefox, library, '[data-testid="import-file"]', [file]);
  await expect
    .poll(() => textOf(library, '[data-testid="import-result"]'))
    .toContain(say('importPartAdded').replace('$1', '1'));
  await expect.poll(() => textOf(library, '[data-testid="annotation-count"]')).toBe('1');
  await firefox.reload(tab);
  await expect
    .poll(() => shareOfTextInColourIn(firefox, tab, passages[0]!.slice(0, 10), 'green'))
    .toBeGreaterThan(PAINTED_SHARE);
  for (const context of [library, tab]) await firefox.closeTab(context);
});

test('Firefox: on a page that forbids selecting, 允许选择 lets the mouse select and highlight through the mask, 复制 works on http unheard by the page, and 恢复网页原样 gives the page its ways back', async () => {
  portal.servePage(OBSTACLE_PATH, renderObstaclePage());
  const [first, , third, masked] = OBSTACLE_PARAGRAPHS.map((text) => text.slice(4, 24)) as [
    string,
    string,
    string,
    string,
  ];
  const tab = await firefox.newTab(`http://www.gov.cn${OBSTACLE_PATH}`);
  const toolsSay = () => firefox.texts(tab, '.notices').then((texts) => texts.join());
  const copyNotice = () => firefox.texts(tab, '#copy-notice', false).then((texts) => texts.join());
  const selectedIn = () => firefox.evaluateIn<string>(tab, `document.getSelection()?.toString() ?? ''`);
  // The page's clearing timer from the last click has run, as it has before a reader's next drag.
  const pageTimersDone = () => expect.poll(() => firefox.evaluateIn<number>(tab, 'window.pageLog.pending')).toBe(0);

  expect(await dragSelectIn(firefox, tab, first)).toBe('');
  await expect.poll(() => toolsSay()).toContain(say('selectionAllow'));
  await clickInTools(firefox, tab, '[data-testid="selection-offer"] button');

  for (const [passage, color] of [
    [first, 'yellow'],
    [masked, 'green'],
  ] as const) {
    // The page clears the selection as the mouse comes up and by a timer: it comes back, as the reader left it.
    await pageTimersDone();
    await dragSelectIn(firefox, tab, passage);
    await expect.poll(() => selectedIn()).toBe(passage);
    await expect.poll(async () => (await firefox.boxes(tab, '[role="toolbar"] [data-color]')).length).toBe(5);
    await clickInTools(firefox, tab, `[role="toolbar"] [data-color="${color}"]`);
    await expect.poll(() => paintedTextsIn(firefox, tab, color)).toEqual([passage]);
  }
  // 复制 on an http page (no navigator.clipboard), whose copy listener would rewrite it: done, and unheard.
  await pageTimersDone();
  await dragSelectIn(firefox, tab, third);
  await expect.poll(() => selectedIn()).toBe(third);
  await expect.poll(async () => (await firefox.boxes(tab, '[role="toolbar"] [data-color]')).length).toBe(5);
  await clickInTools(firefox, tab, '[role="toolbar"] [data-action="copy"]');
  await expect.poll(() => toolsSay()).toContain(say('copyDone'));
  expect(await copyNotice()).toBe('');

  // Turned off: the page forbids selecting again, as its authors wrote it.
  await clickInTools(firefox, tab, '[data-testid="selection-allowed"] button');
  await firefox.evaluateIn(tab, 'document.getSelection().removeAllRanges()');
  expect(await dragSelectIn(firefox, tab, third)).toBe('');

  await firefox.reload(tab);
  await expect.poll(() => shareOfTextInColourIn(firefox, tab, first, 'yellow')).toBeGreaterThan(PAINTED_SHARE);
  await expect.poll(() => shareOfTextInColourIn(firefox, tab, masked, 'green')).toBeGreaterThan(PAINTED_SHARE);
  expect(await dragSelectIn(firefox, tab, third)).toBe('');
  await expect.poll(() => toolsSay()).toContain(say('selectionAllow'));
  await firefox.closeTab(tab);
});

test('Firefox: the side panel’s page lists the active tab’s notes, follows a tab switch, goes to a note and deletes it with undo on the page', async () => {
  // Opened in a tab of its own from the note frame, it follows the tab last made active, as Firefox's
  // sidebar follows its window's; its own tab, in front to be clicked, it does not follow.
  const poll = { intervals: [100] };
  const mine = '各单位主要负责人是第一责任人';
  const otherTitle = '另一篇没有批注的文章';
  portal.servePage('/zhengce/2024-03/07/content_900003.htm', portalPageHtml({ bodyHtml: belowFirstScreen([mine]) }));
  portal.servePage('/zhengce/2024-03/07/content_900004.htm', portalPageHtml({ heading: otherTitle }));
  const article = await firefox.newTab('http://www.gov.cn/zhengce/2024-03/07/content_900003.htm');
  await dragSelectIn(firefox, article, mine);
  await expect.poll(async () => (await firefox.boxes(article, '[role="toolbar"] [data-color]')).length, poll).toBe(5);
  await clickInTools(firefox, article, '[role="toolbar"] [data-color="green"]');
  await expect.poll(() => paintedTextsIn(firefox, article, 'green'), poll).toEqual([mine]);

  const panel = await firefox.openExtensionPage(article, 'sidepanel.html');
  const listed = () => firefox.texts(panel, '[data-testid="placed"] > li', false);
  await firefox.send('browsingContext.activate', { context: article });
  await expect.poll(listed, poll).toEqual([mine]);
  const other = await firefox.newTab('http://www.gov.cn/zhengce/2024-03/07/content_900004.htm');
  await firefox.send('browsingContext.activate', { context: other });
  await expect.poll(() => firefox.texts(panel, 'h1', false), poll).toEqual([otherTitle]);
  await expect.poll(() => firefox.texts(panel, '.panel .muted', false), poll).toEqual([say('panelEmpty')]);
  await firefox.send('browsingContext.activate', { context: article });
  await expect.poll(listed, poll).toEqual([mine]);

  // 定位: the page scrolls the passage onto its screen.
  await firefox.evaluateIn(article, 'scrollTo(0, 0)');
  const onScreen = `(() => {
    const range = [...CSS.highlights.values()].flatMap((set) => [...set]).find((one) => one.toString().includes(${JSON.stringify(mine)}));
    const box = range?.getBoundingClientRect();
    return box ? box.top >= 0 && box.bottom <= innerHeight : null;
  })()`;
  expect(await firefox.evaluateIn(article, onScreen)).toBe(false);
  await firefox.send('browsingContext.activate', { context: panel });
  await clickElement(firefox, panel, '[data-testid="placed"] > li button');
  await expect.poll(() => firefox.evaluateIn(article, onScreen), poll).toBe(true);

  // 删除 in the panel's card: the page's highlight goes; 撤销 brings it back.
  await clickElement(firefox, panel, '.popover [data-action="delete"]');
  await expect.poll(() => paintedTextsIn(firefox, article, 'green'), poll).toEqual([]);
  await expect.poll(listed, poll).toEqual([]);
  await clickElement(firefox, panel, '[data-testid="undo-notice"] button');
  await expect.poll(() => paintedTextsIn(firefox, article, 'green'), poll).toEqual([mine]);
  await expect.poll(listed, poll).toEqual([mine]);
  for (const tab of [panel, other, article]) await firefox.closeTab(tab);
});

test('Firefox: in a same-site frameset Pizhu runs in the article frame: its launcher shows there and nowhere else, and a drag is highlighted there', async () => {
  portal.servePage(FRAMESET_PATH, framesetPage);
  portal.servePage(NAV_PATH, navPage);
  const passage = passages.at(-1)!;
  const tab = await firefox.newTab(`${new URL(DEMO_ARTICLE_URL).origin}${FRAMESET_PATH}`);
  const launchers = async (context: string) => (await firefox.boxes(context, '[data-testid="launcher"]')).length;
  const article = await firefox.childFrame(tab, DEMO_ARTICLE_URL);
  const nav = await firefox.childFrame(tab, `${new URL(DEMO_ARTICLE_URL).origin}${NAV_PATH}`);
  await expect.poll(() => launchers(article)).toBe(1);
  // Pizhu runs in the outer page and the nav frame too, with no launcher: no false 0.
  for (const context of [tab, nav]) expect(await firefox.pizhuRoot(context)).not.toBeNull();
  expect([await launchers(tab), await launchers(nav)]).toEqual([0, 0]);

  await dragSelectIn(firefox, article, passage);
  await expect.poll(async () => (await firefox.boxes(article, '[role="toolbar"] [data-color]')).length).toBe(5);
  await clickInTools(firefox, article, '[role="toolbar"] [data-color="purple"]');
  await expect.poll(() => paintedTextsIn(firefox, article, 'purple')).toEqual([passage]);

  // After a reload of the frameset, the article frame paints it again.
  await firefox.reload(tab);
  const reloaded = await firefox.childFrame(tab, DEMO_ARTICLE_URL);
  await expect.poll(() => paintedTextsIn(firefox, reloaded, 'purple')).toEqual([passage]);
  await firefox.closeTab(tab);
});

test('Firefox: a passage three members marked carries the heavy underline on the page and in the reader, light and dark; one member’s does not', async () => {
  portal.servePage(new URL(ARTICLE.url).pathname, groupArticlePage());
  const tab = await firefox.newTab(ARTICLE.url);
  const library = await firefox.openExtensionPage(tab, 'library.html');
  const folder = mkdtempSync(join(tmpdir(), 'pizhu-group-'));
  const paths = GROUP_MARKS.files().map(({ name, buffer }) => {
    writeFileSync(join(folder, name), buffer);
    return join(folder, name);
  });
  await setFiles(firefox, library, '[data-testid="import-file"]', paths);
  await expect.poll(() => textOf(library, '[data-testid="import-result"]')).not.toBe('');

  // "问题" is a link on the page: the passage's words after it are their own text.
  await firefox.activate(tab);
  await firefox.reload(tab);
  await expect.poll(async () => (await paintedTextsIn(firefox, tab, 'yellow')).length).toBe(4);
  expect(await shareOfTextUnderlinedIn(firefox, tab, '导向')).toBeGreaterThan(0.05);
  expect(await shareOfTextUnderlinedIn(firefox, tab, GROUP_MARKS.ALONE)).toBeLessThan(0.01);

  const reader = await firefox.openExtensionPage(tab, `reader.html?id=${ARTICLE.id}`);
  await expect.poll(async () => (await paintedTextsIn(firefox, reader, 'yellow')).length).toBe(4);
  for (const theme of ['light', 'dark']) {
    await firefox.evaluateIn(
      reader,
      `(() => {
        const select = [...document.querySelectorAll('select')].find((one) => one.querySelector('option[value="dark"]'));
        select.value = ${JSON.stringify(theme)};
        select.dispatchEvent(new Event('change', { bubbles: true }));
      })()`,
    );
    await expect
      .poll(() => firefox.evaluateIn<string>(reader, `document.querySelector('.reader').dataset.theme`))
      .toBe(theme);
    await expect
      .poll(() => shareOfTextInColourIn(firefox, reader, GROUP_MARKS.SHARED, 'yellow'))
      .toBeGreaterThan(PAINTED_SHARE);
    expect(await shareOfTextUnderlinedIn(firefox, reader, GROUP_MARKS.SHARED), theme).toBeGreaterThan(0.05);
    expect(await shareOfTextUnderlinedIn(firefox, reader, GROUP_MARKS.ALONE), theme).toBeLessThan(0.01);
  }
  for (const context of [reader, library, tab]) await firefox.closeTab(context);
});
