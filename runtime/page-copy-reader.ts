import * as v from 'valibot';
import { browser } from 'wxt/browser';
import { ANALYSIS_LIMITS } from '@/utils/dom/page-limits';
import { PizhuError } from '@/utils/errors';
import { unwrapReply, type OffscreenMessages, type PayloadOf } from '@/utils/messages';
import type { CopyReading } from '@/utils/copy-reading';
import { readPageHtml } from '@/utils/read-copy';

type ReadRequest = PayloadOf<OffscreenMessages, 'offscreen.read'>;

/** Reads a page's serialized copy where a DOM parser is: this window itself (an offscreen document, Firefox's background page). */
export function readCopyHere(request: ReadRequest): CopyReading {
  const { asked, ...page } = request;
  return readPageHtml(
    page,
    globalThis as Window & typeof globalThis,
    asked ? ANALYSIS_LIMITS.asked : ANALYSIS_LIMITS.automatic,
  );
}

const OFFSCREEN_PATH = '/offscreen.html';
let creating: Promise<void> | null = null;

/** Opens Chromium's offscreen document once (it stays while the service worker lives). */
async function ensureOffscreen(): Promise<void> {
  const url = browser.runtime.getURL(OFFSCREEN_PATH);
  const open = await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'], documentUrls: [url] });
  if (open.length > 0) return;
  creating ??= chrome.offscreen
    .createDocument({ url, reasons: ['DOM_PARSER'], justification: 'Read a copy of a page away from its main thread' })
    .finally(() => (creating = null));
  await creating;
}

const CopyReadingShape = v.object({ detection: v.object({ isArticle: v.boolean() }) });

/**
 * The background's reading of a page's copy: here where the background has a DOM parser
 * (Firefox's event page), else in the offscreen document (Chromium's service worker has none).
 */
export async function readPageCopy(request: ReadRequest): Promise<CopyReading> {
  if (typeof DOMParser !== 'undefined') return readCopyHere(request);
  await ensureOffscreen();
  const raw: unknown = await browser.runtime.sendMessage({ type: 'offscreen.read', payload: request });
  const reading = unwrapReply<CopyReading>(raw);
  if (!v.is(CopyReadingShape, reading)) throw new PizhuError('unreachable', 'the offscreen document gave no reading');
  return reading;
}
