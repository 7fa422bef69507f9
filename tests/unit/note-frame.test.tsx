import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import zhMessages from '../../public/_locales/zh_CN/messages.json';
import { NoteFrameApp } from '@/entrypoints/note-frame/NoteFrameApp';
import { HighlightPopover } from '@/components/page-tools/HighlightPopover';
import { displayNameSetting } from '@/runtime/user-settings';
import { FRAME_PORT_PREFIX, type FrameAnnotation, type FrameView } from '@/utils/annotate/frame-messages';

const messages = zhMessages as Record<string, { message: string }>;
const NONCE = 'n0nce';
const annotation: FrameAnnotation = {
  id: '0b7f9c2e-3a41-4d6b-9c1e-5f2a8d7e6b10',
  color: 'green',
  quote: '公正司法',
  note: '笔记',
  tags: [],
  author: null,
  creatorId: null,
  placement: 'exact',
  saved: false,
  markedBy: [],
};

/** Lets storage reads, answers and the effects they start run to their end. */
const settle = () => act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));

let container: HTMLElement;
beforeEach(() => {
  fakeBrowser.reset();
  // The UI in Chinese, as the browser would give it.
  fakeBrowser.i18n.getMessage = ((key: string) => messages[key]?.message ?? '') as typeof fakeBrowser.i18n.getMessage;
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(() => {
  render(null, container);
  container.remove();
});

describe('the highlight’s popover', () => {
  it('keeps 删除 where it was shown while the name prompt and tag suggestions load', async () => {
    const props = {
      annotation,
      saving: false,
      opened: 1,
      copyState: null,
      mine: true,
      onUpdate() {},
      onDelete() {},
      onCopy() {},
      onClose() {},
    };
    // What is above the button decides where it is: it must not change as the card fills in.
    const aboveDelete = () => {
      const card = container.querySelector('[role="dialog"]')!;
      const range = document.createRange();
      range.setStartBefore(card);
      range.setEndBefore(card.querySelector('[data-action="delete"]')!);
      return range.cloneContents().querySelectorAll('*').length + '|' + range.toString();
    };
    await act(() => render(<HighlightPopover {...props} knownTags={[]} />, container));
    const shown = aboveDelete();
    await displayNameSetting.setValue('');
    await act(() => render(<HighlightPopover {...props} knownTags={['政法', '司法']} />, container));
    await settle();
    expect(container.querySelector('[data-testid="name-prompt"]')).not.toBeNull();
    expect(container.textContent).toContain('政法');
    expect(aboveDelete()).toBe(shown);
  });
});

describe('the note frame', () => {
  it('shows a delete the page’s tools never answered as not saved, with 重试 that sends it again', async () => {
    fakeBrowser.runtime.sendMessage = (async () => ({ ok: true, data: [] })) as typeof fakeBrowser.runtime.sendMessage;
    const toFrame: ((message: unknown) => void)[] = [];
    const posted: unknown[] = [];
    const port = {
      name: FRAME_PORT_PREFIX + NONCE,
      onMessage: { addListener: (listener: (message: unknown) => void) => toFrame.push(listener) },
      onDisconnect: { addListener() {} },
      // The page's tools hear nothing: no answer ever comes back.
      postMessage: vi.fn((message: unknown) => void posted.push(message)),
      disconnect() {},
    };
    // The frame opens its port to the background, which would join it to the page's tools.
    const connect = vi.fn(() => port);
    fakeBrowser.runtime.connect = connect as unknown as typeof fakeBrowser.runtime.connect;

    await act(() => render(<NoteFrameApp nonce={NONCE} answerWithinMs={0} />, container));
    expect(connect).toHaveBeenCalledWith({ name: FRAME_PORT_PREFIX + NONCE });
    expect(posted).toEqual([{ type: 'ready' }]);
    const view: FrameView = { view: 'popover', annotation, saving: false, citation: '', opened: 1 };
    await act(() => toFrame.forEach((listener) => listener(view)));
    await settle();

    await act(() => container.querySelector<HTMLButtonElement>('[data-action="delete"]')!.click());
    expect(posted).toContainEqual({ type: 'delete', id: annotation.id, request: 1 });
    await settle();
    const alert = container.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain('未保存');
    const retry = [...alert!.querySelectorAll('button')].find((button) => button.textContent === '重试')!;
    expect(retry).toBeDefined();

    await act(() => retry.click());
    expect(posted.at(-1)).toEqual({ type: 'delete', id: annotation.id, request: 2 });
    // This time the tools answer: the warning goes.
    await act(() => toFrame.forEach((listener) => listener({ answered: 2 })));
    await settle();
    expect(container.querySelector('[role="alert"]')).toBeNull();
  });
});
