import type { BrowserContext, Page } from 'playwright-core';

interface TargetInfo {
  targetId: string;
  url: string;
}

/**
 * Clicks Pizhu's toolbar button for the tab showing `page`, as a reader does: the browser opens
 * the popup and grants `activeTab` for that tab, and only for it. A headless browser has no
 * toolbar to click, so this goes through the DevTools protocol's `Extensions.triggerAction`
 * (on a browser started with --enable-unsafe-extension-debugging over a pipe, as Playwright does).
 */
export async function clickToolbarButton(context: BrowserContext, page: Page, extensionId: string): Promise<void> {
  const browser = context.browser();
  if (!browser) throw new Error('no browser to send the click through');
  const session = await browser.newBrowserCDPSession();
  try {
    // The action belongs to the tab, a target of its own above the page's.
    const { targetInfos } = (await session.send('Target.getTargets', { filter: [{ type: 'tab' }] } as never)) as { targetInfos: TargetInfo[] };
    const tabs = targetInfos.filter((target) => target.url === page.url());
    if (tabs.length !== 1) throw new Error(`${tabs.length} tabs show ${page.url()}; the click needs exactly one`);
    await session.send('Extensions.triggerAction' as never, { id: extensionId, targetId: tabs[0]!.targetId } as never);
  } finally {
    await session.detach();
  }
}
