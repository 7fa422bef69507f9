import { test as base, expect, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { launchWithExtension, waitForReportedTab } from '../../scripts/browser/launch-with-extension';
import { startPortalServer, type PortalServer } from '../../scripts/serve/portal-server';
import {
  unwrapReply,
  type BackgroundMessages,
  type MessageName,
  type PayloadOf,
  type ResultOf,
} from '../../utils/messages';

interface Fixtures {
  portal: PortalServer;
  launched: Awaited<ReturnType<typeof launchWithExtension>>;
  context: BrowserContext;
  background: Worker;
  extensionId: string;
  /** Opens an extension page (e.g. `popup.html?tabId=3`) in a new tab. */
  openExtensionPage: (path: string) => Promise<Page>;
  /** The id of the tab showing `page`, once its content script has reported the page. */
  reportedTabId: (page: Page) => Promise<number>;
  /** Opens `url` in a new tab, waits for Pizhu's report on it, and opens the popup for that tab. */
  openWithPopup: (url: string) => Promise<{ page: Page; tabId: number; popup: Page }>;
  /** Sends a protocol message to the background from an extension page, as the popup would. */
  send: <K extends MessageName<BackgroundMessages>>(
    type: K,
    payload: PayloadOf<BackgroundMessages, K>,
  ) => Promise<ResultOf<BackgroundMessages, K>>;
}

export const test = base.extend<Fixtures>({
  portal: async ({}, use) => {
    const server = await startPortalServer();
    await use(server);
    await server.close();
  },
  launched: async ({ portal }, use) => {
    const launched = await launchWithExtension({ portalPort: portal.port });
    await use(launched);
    await launched.context.close();
  },
  context: async ({ launched }, use) => use(launched.context),
  background: async ({ launched }, use) => use(launched.background),
  extensionId: async ({ launched }, use) => use(launched.extensionId),
  openExtensionPage: async ({ context, extensionId }, use) => {
    await use(async (path) => {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${path}`);
      return page;
    });
  },
  reportedTabId: async ({ background }, use) => {
    await use(async (page) => {
      const tabId = await waitForReportedTab(background, page.url());
      expect(tabId, `the content script reports ${page.url()}`).not.toBeNull();
      return tabId!;
    });
  },
  openWithPopup: async ({ context, openExtensionPage, reportedTabId }, use) => {
    await use(async (url) => {
      const page = await context.newPage();
      await page.goto(url);
      const tabId = await reportedTabId(page);
      return { page, tabId, popup: await openExtensionPage(`popup.html?tabId=${tabId}`) };
    });
  },
  send: async ({ openExtensionPage }, use) => {
    let page: Page | null = null;
    await use(async (type, payload) => {
      page ??= await openExtensionPage('options.html');
      const reply = await page.evaluate((message) => chrome.runtime.sendMessage(message), { type, payload });
      return unwrapReply(reply);
    });
  },
});

export { expect };
