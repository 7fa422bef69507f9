import { browser } from 'wxt/browser';
import {
  deleteAnnotation,
  listAnnotationsForUrl,
  listTags,
  restoreAnnotation,
  saveAnnotation,
} from '@/store/annotation-store';
import { correctArticleMetadata, saveClippedArticle } from '@/store/article-store';
import { valuesFromInput } from '@/utils/model/metadata-corrections';
import type { PizhuDatabase } from '@/store/database';
import type { ClipMode } from '@/utils/extract/clip-fallbacks';
import { callContent } from '@/runtime/message-client';
import { PizhuError } from '@/utils/errors';
import {
  backgroundMessages,
  classifySender,
  createMessageHandler,
  type BackgroundMessages,
  type Handlers,
} from '@/utils/messages';
import { displayNameSetting } from '@/runtime/user-settings';
import { memberIdSetting } from '@/runtime/member-id';
import { deleteReply, listReplies, saveReply } from '@/store/reply-store';
import type { SyncOutcomeSummary } from '@/utils/sync/sync-outcome';
import { normalizeUrl } from '@/utils/url/normalize-url';
import { recallPageFrame, rememberPageStatus } from '@/runtime/page-status-cache';
import { readPageCopy } from '@/runtime/page-copy-reader';
import { CONTENT_SCRIPT_FILE } from './user-site-scripts';

export interface SenderContext {
  tabId: number | null;
  /** The frame of the tab the content script runs in (0: the top page). */
  frameId: number;
  /** The address of the page a content script runs in; null for extension pages. */
  pageUrl: string | null;
  /**
   * Only the origin, for a same-origin frame that Chromium names by its first document
   * (about:blank, whose window the frame's page takes over): its notes stay within that origin.
   */
  pageOrigin: string | null;
  /**
   * The tab's address as the browser shows it, for the top frame only: the page's own
   * history.pushState moves it, while Chromium keeps naming the sender by the address the
   * document was loaded at.
   */
  tabUrl: string | null;
}

/**
 * A content script may only read and write annotations of its own page: the background does not
 * rely on it being honest (a compromised page process can send anything its content script can).
 */
function checkOwnPage(url: string, { pageUrl, pageOrigin, tabUrl }: SenderContext) {
  const key = normalizeUrl(url);
  const own =
    pageOrigin !== null
      ? new URL(url).origin === pageOrigin
      : pageUrl === null || key === normalizeUrl(pageUrl) || (tabUrl !== null && key === normalizeUrl(tabUrl));
  if (!own) {
    throw new PizhuError('forbidden-sender', 'a page may only change its own annotations');
  }
}

/**
 * A read of the page goes back to the sender alone and nothing of it is kept, so its address need
 * only be of the sender's origin: the page's own script may have moved it within that origin
 * (history.pushState) since the browser last named the frame's address.
 */
function checkOwnOrigin(url: string, { pageUrl, pageOrigin }: SenderContext) {
  const origin = pageOrigin ?? (pageUrl === null ? null : new URL(pageUrl).origin);
  if (origin !== null && new URL(url).origin !== origin) {
    throw new PizhuError('forbidden-sender', 'a page may only have itself read');
  }
}

/** Runs the content script in a tab the user picked; a no-op where it already runs. */
export async function activateTab(tabId: number) {
  try {
    return await callContent(tabId, 'page.ping', {});
  } catch {
    // Not running yet: inject it below.
  }
  try {
    await browser.scripting.executeScript({ target: { tabId }, files: [`/${CONTENT_SCRIPT_FILE}`] });
  } catch (error) {
    throw new PizhuError('permission-denied', error instanceof Error ? error.message : String(error));
  }
  const status = await callContent(tabId, 'page.ping', {});
  await rememberPageStatus(tabId, status);
  return status;
}

/** Fewer characters than this is a caption or a menu, not an article. */
const MIN_ARTICLE_CHARS = 30;

/** Clips what a tab shows: its article, or the selection or the page's text when asked. */
export async function clipTab(db: PizhuDatabase, tabId: number, mode: ClipMode = 'article') {
  const extract = await callContent(tabId, 'page.extract', { mode });
  if (extract.length < (mode === 'article' ? MIN_ARTICLE_CHARS : 1)) {
    throw new PizhuError('not-extractable', 'the page has no article text');
  }
  return saveClippedArticle(db, extract);
}

/** Runs a group sync now (the background's one at a time). */
export type SyncNow = () => Promise<SyncOutcomeSummary>;

export function createBackgroundHandlers(
  db: PizhuDatabase,
  syncNow: SyncNow,
): Handlers<BackgroundMessages, SenderContext> {
  return {
    'page.report': async (status, { tabId, frameId }) => {
      if (tabId !== null) await rememberPageStatus(tabId, status, frameId);
      return null;
    },
    'page.activate': ({ tabId }) => activateTab(tabId),
    'page.treatAsArticle': async ({ tabId }) => {
      const frameId = await recallPageFrame(tabId);
      const status = await callContent(tabId, 'page.treatAsArticle', {}, frameId);
      await rememberPageStatus(tabId, status, frameId);
      return status;
    },
    'article.clip': ({ tabId, mode }) => clipTab(db, tabId, mode),
    'article.correct': ({ tabId, url, fields }) => {
      const read = valuesFromInput(fields);
      if (!read.ok) throw new PizhuError('bad-payload', read.problem);
      return correctArticleMetadata(db, url, read.values, {
        loadArticle: () => callContent(tabId, 'page.extract', {}),
      });
    },
    'annotations.forPage': ({ url }, context) => {
      checkOwnPage(url, context);
      return listAnnotationsForUrl(db, url);
    },
    'annotation.save': async (annotation, context) => {
      checkOwnPage(annotation.url, context);
      const { tabId, frameId } = context;
      return saveAnnotation(db, annotation, {
        author: await displayNameSetting.getValue(),
        memberId: await memberIdSetting.getValue(),
        loadArticle: async () => {
          if (tabId === null)
            throw new PizhuError('not-extractable', 'the article is not stored and no page can give it');
          return callContent(tabId, 'page.extract', {}, frameId);
        },
      });
    },
    'annotation.delete': async ({ id }, context) => {
      // Named by the note's own page: the sender's may be known by its origin alone, or have moved.
      const existing = (await db.annotations.get(id)) ?? null;
      if (existing) checkOwnPage(existing.url, context);
      return deleteAnnotation(db, id, existing?.url ?? context.pageUrl);
    },
    // The reply itself schedules the search index merge (see the background's message listener).
    'library.changed': () => null,
    'annotation.restore': (record, context) => {
      checkOwnPage(record.url, context);
      return restoreAnnotation(db, record);
    },
    'annotations.tags': () => listTags(db),
    'replies.forAnnotations': ({ ids }) => listReplies(db, ids),
    'reply.save': async (reply) =>
      saveReply(db, reply, {
        author: await displayNameSetting.getValue(),
        memberId: await memberIdSetting.getValue(),
      }),
    'reply.delete': async ({ id }) => deleteReply(db, id, { memberId: await memberIdSetting.getValue() }),
    'sync.run': () => syncNow(),
    // Only the sender's own page: what is read goes back to it alone, and nothing is kept.
    'page.read': (page, context) => {
      checkOwnOrigin(page.url, context);
      return readPageCopy(page);
    },
  };
}

/**
 * The background's answer to every raw message: who sent it (only a content script's tab is a
 * page to ask; an extension page in a tab is not), then the checked payload to its handler.
 */
export function createBackgroundMessageHandler(
  db: PizhuDatabase,
  extensionId: string,
  extensionOrigin: string,
  syncNow: SyncNow,
) {
  return createMessageHandler(backgroundMessages, createBackgroundHandlers(db, syncNow), (sender) => {
    const kind = classifySender(sender, extensionId, extensionOrigin);
    const content = kind === 'content';
    const blankFrame = Boolean(sender.frameId) && sender.url === 'about:blank' && Boolean(sender.origin);
    const context: SenderContext = {
      tabId: content ? (sender.tab?.id ?? null) : null,
      frameId: content ? (sender.frameId ?? 0) : 0,
      pageUrl: content && !blankFrame ? (sender.url ?? null) : null,
      pageOrigin: content && blankFrame ? sender.origin! : null,
      tabUrl: content && !sender.frameId ? (sender.tab?.url ?? null) : null,
    };
    return { kind, context };
  });
}
