import { render } from 'preact';
import type { PageAnnotator } from '@/utils/annotate/page-annotator';
import type { HighlightColor } from '@/utils/highlight/colors';
import { describeError } from '@/utils/i18n/translate';
import { callBackground } from '@/utils/message-client';
import { PizhuError } from '@/utils/errors';
import type { AnnotationStore } from '@/utils/annotate/page-annotator';
import { lastColorSetting } from '@/utils/settings/user-settings';
import { AnnotatorApp, type AnnotatorControls } from './AnnotatorApp';
import css from './annotator.css?inline';
import { createNoteFrameHost } from './note-frame-host';
import { createUiHost } from './ui-host';

/** Changes go to the background, on the live page and in the reader alike. */
export const backgroundAnnotationStore: AnnotationStore = {
  save: (input, base) => callBackground('annotation.save', base ? { ...input, base } : input),
  delete: (id) => callBackground('annotation.delete', { id }),
  restore: (record) => callBackground('annotation.restore', record),
};

const RETRYABLE: readonly string[] = ['unreachable', 'internal', 'storage-failed'];

/** Worth retrying: the background was unreachable (starting up) or a write failed for now. */
export function isRetryableError(error: unknown): boolean {
  return !(error instanceof PizhuError) || RETRYABLE.includes(error.code);
}

/**
 * Puts the highlighting tools on a page, in a closed shadow root with the note frame: on a portal
 * page by the content script, and in the reader. Returns the host (whose events are the tools' own) and the controls.
 */
export function mountAnnotator(options: {
  annotator: PageAnnotator;
  cite(quote: string): string;
}): { host: HTMLElement; controls: AnnotatorControls } {
  let lastColor: HighlightColor = 'yellow';
  void lastColorSetting.getValue().then((color) => (lastColor = color));
  const { host, root } = createUiHost(document, css);
  const controls: AnnotatorControls = { highlightSelection: () => {}, reportError: () => {}, notify: () => {} };
  render(
    <AnnotatorApp
      annotator={options.annotator}
      host={host}
      createFrame={(onRequest) => createNoteFrameHost(root, onRequest)}
      cite={options.cite}
      lastColor={{
        get: () => lastColor,
        set: (color) => {
          lastColor = color;
          void lastColorSetting.setValue(color);
        },
      }}
      describeError={describeError}
      controls={controls}
    />,
    root,
  );
  return { host, controls };
}
