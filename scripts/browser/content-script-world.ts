import type { Page } from 'playwright-core';

/**
 * Runs `expression` in Pizhu's own content script on `page` — the world a compromised page process
 * could speak from — through the DevTools protocol, and returns its value.
 */
export async function inContentScript(page: Page, extensionId: string, expression: string): Promise<unknown> {
  const cdp = await page.context().newCDPSession(page);
  const contexts: { id: number; origin: string; auxData?: { type?: string } }[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
  await cdp.send('Runtime.enable');
  const world = contexts.find(
    (context) => context.auxData?.type === 'isolated' && context.origin === `chrome-extension://${extensionId}`,
  );
  if (!world) throw new Error('Pizhu’s content script is not running on the page');
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
    expression,
    contextId: world.id,
    awaitPromise: true,
    returnByValue: true,
  });
  if (exceptionDetails) throw new Error(exceptionDetails.text);
  await cdp.detach();
  return result.value;
}
