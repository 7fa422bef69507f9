import * as v from 'valibot';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { browser, type Browser } from 'wxt/browser';
import { AnnotationsPanel } from '@/components/page-tools/AnnotationsPanel';
import { HighlightPopover } from '@/components/page-tools/HighlightPopover';
import {
  FRAME_PORT_PREFIX,
  FrameAnswerSchema,
  FrameCheckAnswerSchema,
  FrameViewSchema,
  type FrameRequest,
  type FrameView,
} from '@/utils/annotate/frame-messages';
import { createFrameRequests } from '@/utils/annotate/frame-requests';
import { createFrameChecks, guardClicks, seenByBrowser, type GuardRefusal } from '@/utils/annotate/click-guard';
import { t } from '@/runtime/translate';
import { writeClipboard } from '@/components/write-clipboard';
import { listenForOwnCopy } from '@/components/own-copy';
import { callBackground } from '@/runtime/message-client';
import { ReplyThread, useReplies } from '@/components/ReplyThread';
import '@/components/page-tools/page-tools.css';

type Port = Browser.runtime.Port;

/** Copies in the frame's own document: Firefox gives an extension page framed in an http page no `navigator.clipboard`. */
const ownCopy = listenForOwnCopy(window);

const REFUSAL_MESSAGES = {
  hidden: 'clickRefusedHidden',
  covered: 'clickRefusedCovered',
  unseen: 'clickRefusedUnseen',
  unanswered: 'clickRefusedUnanswered',
} as const;

/**
 * The note frame: a page of the extension's own origin inside the annotated page, showing a
 * highlight's note and tags or the page's list of notes. The page can neither read this document
 * nor hear what is typed in it. Its one line to the page's tools is a runtime port to the background,
 * named for the nonce it was given (its URL's fragment), which the background joins to the tools'
 * port of the same tab and nonce (see frame-messages.ts).
 */
export function NoteFrameApp({ nonce, answerWithinMs }: { nonce: string; answerWithinMs?: number }) {
  const [view, setView] = useState<FrameView>({ view: 'hidden' });
  const [knownTags, setKnownTags] = useState<string[]>([]);
  const [copyState, setCopyState] = useState<string | null>(null);
  const port = useRef<Port | null>(null);
  const [lost, setLost] = useState(0);
  const [requests] = useState(() =>
    createFrameRequests({
      post(request) {
        if (!port.current) return false;
        port.current.postMessage(request);
        return true;
      },
      onLost: setLost,
      answerWithinMs,
    }),
  );
  const send = requests.send;
  const [checks] = useState(() =>
    createFrameChecks((request) => {
      if (!port.current) return false;
      port.current.postMessage(request);
      return true;
    }),
  );
  const [refused, setRefused] = useState<GuardRefusal | null>(null);

  useLayoutEffect(() => {
    if (!nonce) return;
    const opened = browser.runtime.connect({ name: FRAME_PORT_PREFIX + nonce });
    port.current = opened;
    opened.onMessage.addListener((raw: unknown) => {
      const parsed = v.safeParse(FrameViewSchema, raw);
      if (parsed.success) setView(parsed.output);
      const answer = v.safeParse(FrameAnswerSchema, raw);
      if (answer.success) requests.answered(answer.output.answered);
      const checked = v.safeParse(FrameCheckAnswerSchema, raw);
      if (checked.success) checks.answered(checked.output);
    });
    opened.onDisconnect.addListener(() => {
      port.current = null;
      setView({ view: 'hidden' });
    });
    opened.postMessage({ type: 'ready' } satisfies FrameRequest);
    return () => opened.disconnect();
  }, [nonce]);

  // Deleting, recolouring, tagging and sending act only on a click the reader could see.
  useEffect(
    () =>
      guardClicks(window, {
        ask: checks.ask,
        seen: (element) => seenByBrowser(element),
        onRefused: setRefused,
        onAllowed: () => setRefused(null),
      }),
    [],
  );
  useEffect(() => setRefused(null), [view]);

  // The frame is as tall as the popover's content: the page's tools size it.
  useLayoutEffect(() => {
    const observer = new ResizeObserver(() => send({ type: 'height', height: Math.ceil(document.body.scrollHeight) }));
    observer.observe(document.body);
    return () => observer.disconnect();
  }, []);

  const popoverId = view.view === 'popover' ? view.annotation.id : null;
  const shownIds =
    view.view === 'popover'
      ? [view.annotation.id]
      : view.view === 'panel'
        ? view.annotations.filter((annotation) => annotation.saved).map((annotation) => annotation.id)
        : [];
  const replies = useReplies(shownIds);
  useEffect(() => {
    setCopyState(null);
    if (!popoverId) return;
    // Tag suggestions span every site, so they are asked for here, by the extension's own page.
    callBackground('annotations.tags', {})
      .then(setKnownTags)
      .catch(() => setKnownTags([]));
  }, [popoverId, view.view === 'popover' && view.opened]);

  // The page's tools move the keyboard here as they ask for a note; whatever is typed before the
  // note is on screen (keys, or text from an input method) goes into this catcher, then the note.
  const catcher = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    const onFocus = () => {
      if (document.activeElement === document.body) catcher.current?.focus();
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      send({ type: 'close' });
    };
    window.addEventListener('focus', onFocus);
    window.addEventListener('keydown', onKeyDown, true);
    return () => {
      window.removeEventListener('focus', onFocus);
      window.removeEventListener('keydown', onKeyDown, true);
    };
  }, []);
  useEffect(() => {
    const caught = catcher.current?.value;
    const noteField = document.querySelector<HTMLTextAreaElement>('.popover textarea');
    if (!caught || !noteField) return;
    catcher.current!.value = '';
    noteField.focus();
    // As if typed there: the popover's own input handling saves it.
    document.execCommand('insertText', false, caught);
  }, [view.view === 'popover' && view.opened]);

  let card = null;
  if (view.view === 'popover') {
    const { annotation, citation } = view;
    // A note from before sync has no member: it is this reader's. Until this member's id is read
    // (a moment after the frame starts) a note counts as theirs, so the note they just made stays
    // editable; the background refuses edits of another member's note anyway.
    const mine =
      annotation.creatorId === null || replies.memberId === null || annotation.creatorId === replies.memberId;
    card = (
      <HighlightPopover
        key={annotation.id}
        annotation={annotation}
        saving={view.saving}
        opened={view.opened}
        copyState={copyState}
        knownTags={knownTags}
        mine={mine}
        thread={
          annotation.saved && (
            <ReplyThread {...replies.threadOf(annotation.id, annotation.creatorId)} autoFocus={!mine} />
          )
        }
        onUpdate={(part) => send({ type: 'update', id: annotation.id, part })}
        onDelete={() => send({ type: 'delete', id: annotation.id })}
        onCopy={() =>
          writeClipboard(citation, ownCopy)
            .then(() => setCopyState(t('copyDone')))
            .catch(() => setCopyState(t('copyFailed')))
        }
        onClose={() => send({ type: 'close' })}
      />
    );
  } else if (view.view === 'panel') {
    card = (
      <AnnotationsPanel
        key={view.opened}
        annotations={view.annotations}
        hint={view.hint}
        outOfTime={view.outOfTime}
        onRetry={() => send({ type: 'retry' })}
        onClose={() => send({ type: 'close' })}
        onDelete={(id) => send({ type: 'delete', id })}
        onShow={(id) => send({ type: 'show', id })}
        onReattach={(id) => send({ type: 'reattach', id })}
        threadOf={(id) => <ReplyThread {...replies.threadOf(id)} canReply={false} />}
        members={view.members}
        memberFilter={view.memberFilter}
        onMemberFilter={(memberFilter) => send({ type: 'filter', memberFilter })}
      />
    );
  }
  return (
    <>
      <textarea ref={catcher} class="catcher" aria-hidden="true" tabIndex={-1} />
      {card}
      {refused && (
        <div class="card notice error click-refused" role="alert" data-testid="click-refused">
          {t(REFUSAL_MESSAGES[refused])}
        </div>
      )}
      {lost > 0 && (
        <div class="card notice error not-saved" role="alert" data-testid="not-saved">
          {t('frameNotSaved')}
          <button type="button" onClick={requests.retry}>
            {t('saveRetry')}
          </button>
        </div>
      )}
    </>
  );
}
