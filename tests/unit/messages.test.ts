import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as v from 'valibot';
import { describe, expect, it, vi } from 'vitest';
import { ERROR_CODES, PizhuError } from '@/utils/errors';
import {
  backgroundMessages,
  contentMessages,
  classifySender,
  createMessageHandler,
  unwrapReply,
  type SenderInfo,
} from '@/utils/messages';

const EXTENSION_ID = 'pizhu-test-id';
const ORIGIN = `chrome-extension://${EXTENSION_ID}/`;
const fromPopup: SenderInfo = { id: EXTENSION_ID, url: `${ORIGIN}popup.html` };
const fromContent: SenderInfo = { id: EXTENSION_ID, url: 'http://www.gov.cn/a.htm', tab: { id: 7 } };
const fromOtherExtension: SenderInfo = { id: 'someone-else', url: 'chrome-extension://someone-else/x.html' };

function handlerWith(overrides: Partial<Record<string, (...args: never[]) => unknown>> = {}) {
  const handlers = {
    'page.report': vi.fn(() => null),
    'page.activate': vi.fn(() => null),
    'page.treatAsArticle': vi.fn(() => null),
    'article.clip': vi.fn(() => {
      throw new PizhuError('not-extractable', 'nothing there');
    }),
    'annotations.forPage': vi.fn(() => []),
    'annotation.save': vi.fn(() => null),
    'annotation.delete': vi.fn(() => null),
    'annotation.restore': vi.fn(() => null),
    'annotations.tags': vi.fn(() => []),
    ...overrides,
  };
  const handle = createMessageHandler(backgroundMessages, handlers as never, (sender) => ({
    kind: classifySender(sender, EXTENSION_ID, ORIGIN),
    context: { tabId: sender.tab?.id ?? null },
  }));
  return { handle, handlers };
}

describe('classifySender', () => {
  it('tells extension pages, content scripts and strangers apart', () => {
    expect(classifySender(fromPopup, EXTENSION_ID, ORIGIN)).toBe('extension');
    expect(classifySender(fromContent, EXTENSION_ID, ORIGIN)).toBe('content');
    expect(classifySender(fromOtherExtension, EXTENSION_ID, ORIGIN)).toBeNull();
    expect(classifySender({ id: EXTENSION_ID }, EXTENSION_ID, ORIGIN)).toBeNull();
  });
});

describe('createMessageHandler', () => {
  it('runs the handler with the parsed payload and the sender context', async () => {
    const { handle, handlers } = handlerWith();
    const reply = await handle({ type: 'page.activate', payload: { tabId: 3 } }, fromPopup);
    expect(reply).toEqual({ ok: true, data: null });
    expect(handlers['page.activate']).toHaveBeenCalledWith({ tabId: 3 }, { tabId: null });
  });

  it.each([
    ['a string', 'page.activate', 'bad-message'],
    ['null', null, 'bad-message'],
    ['an envelope with extra keys', { type: 'page.activate', payload: { tabId: 1 }, extra: 1 }, 'bad-message'],
    ['an unknown name', { type: 'articles.drop', payload: {} }, 'unknown-message'],
    ['an inherited name', { type: 'toString', payload: {} }, 'unknown-message'],
    ['a wrong type', { type: 'page.activate', payload: { tabId: '3' } }, 'bad-payload'],
    ['an out-of-range value', { type: 'page.activate', payload: { tabId: -1 } }, 'bad-payload'],
    [
      'an unexpected key',
      { type: 'article.clip', payload: { tabId: 1, __proto__: { admin: true }, x: 1 } },
      'bad-payload',
    ],
  ])('answers %s with an error and never calls a handler', async (_label, raw, code) => {
    const { handle, handlers } = handlerWith();
    const reply = await handle(raw, fromPopup);
    expect(reply).toMatchObject({ ok: false, error: { code } });
    for (const handler of Object.values(handlers)) expect(handler).not.toHaveBeenCalled();
  });

  it('refuses messages from senders they are not meant for', async () => {
    const { handle, handlers } = handlerWith();
    expect(await handle({ type: 'page.activate', payload: { tabId: 1 } }, fromContent)).toMatchObject({
      ok: false,
      error: { code: 'forbidden-sender' },
    });
    expect(await handle({ type: 'page.activate', payload: { tabId: 1 } }, fromOtherExtension)).toMatchObject({
      ok: false,
      error: { code: 'forbidden-sender' },
    });
    expect(handlers['page.activate']).not.toHaveBeenCalled();
  });

  it('takes an annotation from a content script and refuses a hostile one', async () => {
    const { handle, handlers } = handlerWith();
    const annotation = {
      id: crypto.randomUUID(),
      url: 'http://www.gov.cn/a.htm',
      quote: { exact: '政法', prefix: '', suffix: '' },
      position: { start: 0, end: 2 },
      color: 'green',
      note: '<img src=x onerror=alert(1)>',
      tags: ['学习'],
    };
    expect(await handle({ type: 'annotation.save', payload: annotation }, fromContent)).toMatchObject({ ok: true });
    expect(handlers['annotation.save']).toHaveBeenCalledWith(annotation, { tabId: 7 });
    const hostile = { ...annotation, url: 'javascript:alert(1)', constructor: { prototype: {} } };
    expect(await handle({ type: 'annotation.save', payload: hostile }, fromContent)).toMatchObject({
      ok: false,
      error: { code: 'bad-payload' },
    });
  });

  it('rejects a page report with a javascript: address', async () => {
    const { handle } = handlerWith();
    const reply = await handle(
      {
        type: 'page.report',
        payload: { url: 'javascript:alert(1)', isArticle: true, score: 1, reasons: [], metadata: null },
      },
      fromContent,
    );
    expect(reply).toMatchObject({ ok: false, error: { code: 'bad-payload' } });
  });

  it('turns a thrown error into an error answer', async () => {
    const { handle } = handlerWith();
    expect(await handle({ type: 'article.clip', payload: { tabId: 4 } }, fromPopup)).toEqual({
      ok: false,
      error: { code: 'not-extractable', message: 'nothing there' },
    });
    const quota = handlerWith({
      'page.activate': () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
    });
    expect(await quota.handle({ type: 'page.activate', payload: { tabId: 1 } }, fromPopup)).toMatchObject({
      ok: false,
      error: { code: 'storage-full' },
    });
  });

  it('gives every message a payload schema', () => {
    for (const definition of Object.values(backgroundMessages)) {
      expect(v.safeParse(definition.payload, undefined).success).toBe(false);
    }
  });
});

describe('page.act: the side panel acting on a note of the page', () => {
  const handlers = { 'page.act': vi.fn(() => null) };
  const handle = createMessageHandler(contentMessages, handlers as never, (sender) => ({
    kind: classifySender(sender, EXTENSION_ID, ORIGIN),
    context: null,
  }));
  const id = crypto.randomUUID();

  it('takes go to, edit, delete and undo from an extension page, and nothing from a page or a bad action', async () => {
    for (const action of [
      { type: 'show', id },
      { type: 'update', id, part: { note: '第二行', color: 'blue' } },
      { type: 'delete', id },
      { type: 'undo', id },
    ]) {
      expect(await handle({ type: 'page.act', payload: action }, fromPopup)).toMatchObject({ ok: true });
    }
    expect(await handle({ type: 'page.act', payload: { type: 'show', id } }, fromContent)).toMatchObject({
      error: { code: 'forbidden-sender' },
    });
    for (const bad of [
      { type: 'reattach', id },
      { type: 'delete', id: 'x' },
      { type: 'update', id, part: { author: '某人' } },
    ]) {
      expect(await handle({ type: 'page.act', payload: bad }, fromPopup)).toMatchObject({
        error: { code: 'bad-payload' },
      });
    }
    expect(handlers['page.act']).toHaveBeenCalledTimes(4);
  });
});

describe('unwrapReply', () => {
  it('returns data and throws error replies as PizhuError', () => {
    expect(unwrapReply({ ok: true, data: 5 })).toBe(5);
    expect(() => unwrapReply({ ok: false, error: { code: 'storage-full', message: 'x' } })).toThrowError(PizhuError);
    expect(() => unwrapReply(undefined)).toThrowError(/no valid answer/);
  });
});

describe('error codes', () => {
  it('each has a message in both languages', () => {
    for (const locale of ['zh_CN', 'en']) {
      const messages = JSON.parse(
        readFileSync(resolve(import.meta.dirname, `../../public/_locales/${locale}/messages.json`), 'utf8'),
      ) as Record<string, { message: string }>;
      const missing = ERROR_CODES.filter((code) => !messages[`error_${code.replace(/-/g, '_')}`]?.message);
      expect(missing, locale).toEqual([]);
    }
  });
});
