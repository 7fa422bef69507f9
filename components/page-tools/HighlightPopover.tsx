import { IsolatedMessage, tagList } from '@/components/IsolatedText';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { MarkedBy } from './MarkedBy';
import type { FrameAnnotation } from '@/utils/annotate/frame-messages';
import type { EditablePart } from '@/utils/annotate/page-annotator';
import { t } from '@/runtime/translate';
import { ColorSwatches } from './ColorSwatches';
import { NamePrompt } from './NamePrompt';

/** A note is saved this long after the last keystroke, and at once when the popover closes. */
const NOTE_SAVE_DELAY_MS = 300;
const MAX_SUGGESTIONS = 8;

export interface HighlightPopoverProps {
  annotation: FrameAnnotation;
  saving: boolean;
  /** Changes each time the popover is opened: the caret goes to the note again. */
  opened: number;
  /** What 复制 just did, if anything. */
  copyState: string | null;
  knownTags: readonly string[];
  /** Another group member's note is read, not edited: it takes replies (`thread`). */
  mine: boolean;
  /** The note's replies and the box to answer it. */
  thread?: ComponentChildren;
  onUpdate(part: EditablePart): void;
  onDelete(): void;
  onCopy(): void;
  onClose(): void;
}

/**
 * A highlight's colour, note (multi-line, saved as you type), tags and delete. It opens with the
 * caret in the note, so what the reader types goes there.
 */
export function HighlightPopover(props: HighlightPopoverProps) {
  const { annotation: input, saving, opened, copyState, knownTags, mine, onUpdate, onDelete, onCopy, onClose } = props;
  const [note, setNote] = useState(input.note);
  const [tagDraft, setTagDraft] = useState('');
  const pendingNote = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const noteField = useRef<HTMLTextAreaElement>(null);

  const flushNote = () => {
    clearTimeout(timer.current);
    if (pendingNote.current !== null) onUpdate({ note: pendingNote.current });
    pendingNote.current = null;
  };
  // Whatever was typed is saved when the popover goes away, however it goes.
  useEffect(() => flushNote, [input.id]);
  useEffect(() => noteField.current?.focus(), [input.id, opened, mine]);

  const addTag = (raw: string) => {
    const tag = raw.trim().slice(0, 50);
    setTagDraft('');
    if (tag && !input.tags.includes(tag)) onUpdate({ tags: [...input.tags, tag] });
  };
  const draft = tagDraft.trim();
  const suggestions = knownTags
    .filter((tag) => !input.tags.includes(tag) && (!draft || tag.includes(draft)))
    .slice(0, MAX_SUGGESTIONS);

  return (
    <div
      class="card popover"
      role="dialog"
      aria-label={t('popoverLabel')}
      data-annotation-id={input.id}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onClose();
        }
      }}
    >
      {/* The buttons come first: what loads after the card is shown (tag suggestions, replies, the
          name prompt) goes below them, so 删除 never moves under a pointer on its way to it — nor
          out of the area the page has yet given the frame, where a click reaches the page instead. */}
      <div class="row end head">
        <span class="muted" role="status" data-testid="save-state">
          {copyState ?? (saving ? t('saveSaving') : input.saved ? t('saveSaved') : '')}
          {input.author && (
            <>
              {' · '}
              <IsolatedMessage id="popoverAuthor" value={input.author} />
            </>
          )}
        </span>
        <span class="row">
          <button type="button" onClick={onCopy}>
            {t('toolbarCopy')}
          </button>
          {mine && (
            <button type="button" class="danger" onClick={onDelete} data-action="delete" data-guard>
              {t('popoverDelete')}
            </button>
          )}
          <button type="button" onClick={onClose} aria-label={t('popoverClose')}>
            ×
          </button>
        </span>
      </div>
      {input.markedBy.length > 0 && (
        <p class="muted">
          <MarkedBy names={input.markedBy} />
        </p>
      )}
      {!mine && (
        <>
          <p class="muted" data-testid="other-member">
            <IsolatedMessage id="noteOfOther" value={input.author || t('authorUnsigned')} />
          </p>
          {input.note && (
            <p class="note-text">
              <bdi>{input.note}</bdi>
            </p>
          )}
          {input.tags.length > 0 && <p class="muted">{tagList(input.tags)}</p>}
        </>
      )}
      {mine && (
        <>
          <div class="row" role="group" aria-label={t('popoverColor')}>
            <ColorSwatches selected={input.color} onPick={(color) => onUpdate({ color })} guarded />
          </div>
          <textarea
            ref={noteField}
            aria-label={t('popoverNote')}
            placeholder={t('popoverNotePlaceholder')}
            value={note}
            onInput={(event) => {
              const value = event.currentTarget.value;
              setNote(value);
              pendingNote.current = value;
              clearTimeout(timer.current);
              timer.current = setTimeout(flushNote, NOTE_SAVE_DELAY_MS);
            }}
            onBlur={flushNote}
          />
          <div class="row" role="group" aria-label={t('popoverTags')}>
            {input.tags.map((tag) => (
              <span class="tag" key={tag}>
                <bdi>{tag}</bdi>
                <button
                  type="button"
                  data-guard
                  aria-label={t('popoverRemoveTag', tag)}
                  onClick={() => onUpdate({ tags: input.tags.filter((other) => other !== tag) })}
                >
                  ×
                </button>
              </span>
            ))}
            <input
              type="text"
              aria-label={t('popoverTags')}
              placeholder={t('popoverTagPlaceholder')}
              value={tagDraft}
              maxLength={50}
              onInput={(event) => setTagDraft(event.currentTarget.value)}
              onKeyDown={(event) => {
                if ((event.key === 'Enter' || event.key === ',' || event.key === '，') && !event.isComposing) {
                  event.preventDefault();
                  addTag(tagDraft);
                }
              }}
            />
          </div>
          {suggestions.length > 0 && (
            <div class="row" role="group" aria-label={t('popoverSuggestedTags')}>
              <span class="label">{t('popoverSuggestedTags')}</span>
              {suggestions.map((tag) => (
                <button type="button" class="suggestion" key={tag} onClick={() => addTag(tag)} data-guard>
                  {tag}
                </button>
              ))}
            </div>
          )}
        </>
      )}
      {props.thread}
      <NamePrompt />
    </div>
  );
}
