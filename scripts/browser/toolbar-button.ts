import type { BrowserContext, CDPSession, Page } from 'playwright-core';

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
    const { targetInfos } = (await session.send('Target.getTargets', { filter: [{ type: 'tab' }] } as never)) as {
      targetInfos: TargetInfo[];
    };
    const tabs = targetInfos.filter((target) => target.url === page.url());
    if (tabs.length !== 1) throw new Error(`${tabs.length} tabs show ${page.url()}; the click needs exactly one`);
    await session.send('Extensions.triggerAction' as never, { id: extensionId, targetId: tabs[0]!.targetId } as never);
  } finally {
    await session.detach();
  }
}

/**
 * Evaluates `expression` (awaiting a promise) in the popup the toolbar button opened. Playwright
 * does not list that popup, so this attaches to its target through the browser's DevTools
 * session and speaks to it through that session's messages.
 */
export async function evaluateInToolbarPopup(
  context: BrowserContext,
  extensionId: string,
  expression: string,
  timeoutMs = 10_000,
): Promise<unknown> {
  const browser = context.browser();
  if (!browser) throw new Error('no browser to reach the popup through');
  const session = await browser.newBrowserCDPSession();
  try {
    const popupUrl = `chrome-extension://${extensionId}/popup.html`;
    let popup: TargetInfo | undefined;
    for (const deadline = Date.now() + timeoutMs; !popup && Date.now() < deadline;) {
      const { targetInfos } = (await session.send('Target.getTargets')) as { targetInfos: TargetInfo[] };
      popup = targetInfos.find((target) => target.url.startsWith(popupUrl));
      if (!popup) await new Promise((done) => setTimeout(done, 10));
    }
    if (!popup) throw new Error('the toolbar button opened no popup');
    const { sessionId } = (await session.send('Target.attachToTarget', {
      targetId: popup.targetId,
      flatten: false,
    })) as { sessionId: string };
    const reply = await sendToTarget(session, sessionId, 'Runtime.evaluate', {
      expression,
      awaitPromise: true,
      returnByValue: true,
    });
    return (reply as { result?: { value?: unknown } }).result?.value;
  } finally {
    await session.detach();
  }
}

/** One DevTools command to an attached target, through the browser session's messages. */
function sendToTarget(session: CDPSession, sessionId: string, method: string, params: object): Promise<unknown> {
  const id = Math.floor(Math.random() * 1e9);
  return new Promise((resolve) => {
    const onMessage = (event: { sessionId: string; message: string }) => {
      const message = JSON.parse(event.message) as { id?: number; result?: unknown; error?: unknown };
      if (event.sessionId !== sessionId || message.id !== id) return;
      session.off('Target.receivedMessageFromTarget' as never, onMessage as never);
      resolve(message.result ?? message.error);
    };
    session.on('Target.receivedMessageFromTarget' as never, onMessage as never);
    void session.send(
      'Target.sendMessageToTarget' as never,
      { sessionId, message: JSON.stringify({ id, method, params }) } as never,
    );
  });
}
