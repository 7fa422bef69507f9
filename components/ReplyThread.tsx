import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '@/runtime/translate';
import { callBackground } from '@/runtime/message-client';
import { memberIdSetting } from '@/runtime/member-id';
import { REPLY_MAX_LENGTH, threadsOf, type ReplyRecord } from '@/utils/model/reply';
import { ErrorNotice } from './ErrorNotice';
import './reply-thread.css';

/** The replies to these notes, by note, and this member's id (to tell their own replies apart). */
export function useReplies(annotationIds: readonly string[]) {
  const [threads, setThreads] = useState<Map<string, ReplyRecord[]>>(new Map());
  const [memberId, setMemberId] = useState<string | null>(null);
  const [revision, setRevision] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const key = annotationIds.join(',');
  useEffect(() => void memberIdSetting.getValue().then(setMemberId, setError), []);
  useEffect(() => {
    if (annotationIds.length === 0) return setThreads(new Map());
    let current = true;
    callBackground('replies.forAnnotations', { ids: [...annotationIds] }).then((replies) => {
      if (!current) return;
      setThreads(threadsOf(replies));
    }, setError);
    return () => {
      current = false;
    };
  }, [key, revision]);
  const reload = () => setRevision((value) => value + 1);
  return {
    memberId,
    error,
    /**
     * What a `ReplyThread` for this note takes from here. A note takes replies when it is another
     * member's, or already has a thread; a reader alone with their own notes sees no reply box.
     */
    threadOf: (annotationId: string, creatorId?: string | null) => {
      const replies = threads.get(annotationId) ?? [];
      return {
        annotationId,
        replies,
        memberId,
        onChanged: reload,
        canReply: replies.length > 0 || Boolean(creatorId && memberId && creatorId !== memberId),
      };
    },
  };
}

/**
 * A note's thread: each reply with its author, as text, and a box to answer. Members do not edit
 * each other's notes; they reply. A member's own reply can be deleted.
 */
export function ReplyThread(props: {
  annotationId: string;
  replies: readonly ReplyRecord[];
  memberId: string | null;
  onChanged(): void;
  /** Without it the thread is only read (the page's list of notes). */
  canReply?: boolean;
  /** Put the caret in the reply box (another member's note opened in the popover). */
  autoFocus?: boolean;
}) {
  const [draft, setDraft] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (props.autoFocus) field.current?.focus();
  }, [props.annotationId, props.autoFocus]);

  const send = async () => {
    const text = draft.trim();
    if (!text || sending) return;
    setSending(true);
    setError(null);
    try {
      await callBackground('reply.save', { id: crypto.randomUUID(), annotationId: props.annotationId, text });
      setDraft('');
      props.onChanged();
    } catch (failure) {
      // What was typed stays in the box, to send again.
      setError(failure);
    } finally {
      setSending(false);
    }
  };
  const remove = async (id: string) => {
    setError(null);
    try {
      await callBackground('reply.delete', { id });
      props.onChanged();
    } catch (failure) {
      setError(failure);
    }
  };

  if (!props.canReply && props.replies.length === 0) return null;
  return (
    <div class="pz-thread" data-testid="reply-thread">
      {props.replies.length > 0 && (
        <ul aria-label={t('replyHeading')}>
          {props.replies.map((reply) => (
            <li key={reply.id} data-testid="reply">
              <bdi class="who">{reply.author || t('authorUnsigned')}</bdi>
              <bdi class="text">{reply.text}</bdi>
              {props.canReply && reply.creatorId === props.memberId && (
                <button type="button" class="pz-link" onClick={() => void remove(reply.id)} data-guard>
                  {t('replyDelete')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {props.canReply && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void send();
          }}
        >
          <textarea
            aria-label={t('replyPlaceholder')}
            placeholder={t('replyPlaceholder')}
            value={draft}
            maxLength={REPLY_MAX_LENGTH}
            rows={2}
            ref={field}
            onInput={(event) => setDraft(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
                event.preventDefault();
                void send();
              }
            }}
          />
          <button type="submit" disabled={sending || !draft.trim()} data-guard>
            {t('replySend')}
          </button>
        </form>
      )}
      <ErrorNotice error={error} />
    </div>
  );
}
