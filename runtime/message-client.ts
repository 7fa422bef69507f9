import * as v from 'valibot';
import { browser } from 'wxt/browser';
import { PizhuError } from '@/utils/errors';
import { recallPageFrame } from './page-status-cache';
import {
  contentResultSchemas,
  unwrapReply,
  type BackgroundMessages,
  type ContentMessages,
  type MessageName,
  type PayloadOf,
  type ResultOf,
} from '@/utils/messages';

const RETRY_DELAYS_MS = [50, 200, 800];

function isConnectionError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /Could not establish connection|Receiving end does not exist|message port closed|Extension context invalidated/i.test(
    message,
  );
}

/**
 * Sends a message to the background and returns its answer, or throws a `PizhuError`.
 * A stopped service worker is woken by the first message, but the first try can still race
 * with its start-up, so connection failures are retried a few times before giving up.
 */
export async function callBackground<K extends MessageName<BackgroundMessages>>(
  type: K,
  payload: PayloadOf<BackgroundMessages, K>,
): Promise<ResultOf<BackgroundMessages, K>> {
  for (let attempt = 0; ; attempt++) {
    try {
      const raw: unknown = await browser.runtime.sendMessage({ type, payload });
      return unwrapReply<ResultOf<BackgroundMessages, K>>(raw);
    } catch (error) {
      if (error instanceof PizhuError) throw error;
      const delay = RETRY_DELAYS_MS[attempt];
      if (delay === undefined || !isConnectionError(error)) {
        throw new PizhuError('unreachable', error instanceof Error ? error.message : String(error));
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

/**
 * Sends a message to the content script of a tab (the frame that holds its article, or the top page). The answer comes from a page's process, so it
 * is parsed with the message's result schema before anyone uses it.
 */
export async function callContent<K extends MessageName<ContentMessages>>(
  tabId: number,
  type: K,
  payload: PayloadOf<ContentMessages, K>,
  frameId?: number,
): Promise<ResultOf<ContentMessages, K>> {
  let raw: unknown;
  try {
    // One frame answers: the one asked, else the one whose report stands for the tab.
    const frame = frameId ?? (await recallPageFrame(tabId));
    raw = await browser.tabs.sendMessage(tabId, { type, payload }, { frameId: frame });
  } catch (error) {
    throw new PizhuError('no-content-script', error instanceof Error ? error.message : String(error));
  }
  if (raw === undefined) throw new PizhuError('no-content-script', 'Pizhu is not running on this page');
  const data = unwrapReply<unknown>(raw);
  const parsed = v.safeParse(contentResultSchemas[type], data);
  if (!parsed.success) throw new PizhuError('bad-payload', `${type}: the page answered with malformed data`);
  return parsed.output as ResultOf<ContentMessages, K>;
}
