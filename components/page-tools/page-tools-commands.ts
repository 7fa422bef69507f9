import type { PageAction } from '@/utils/messages';

/** What the content script (or the reader) asks of the in-page tools. */
export type PageToolsCommand =
  | { type: 'highlight-selection' }
  | { type: 'report-error'; error: unknown }
  | { type: 'notify'; text: string }
  | { type: 'act'; action: PageAction };

/** The content script's handle on the tools: the highlight shortcut, and errors and notices to show. */
export interface PageToolsControls {
  highlightSelection(): void;
  reportError(error: unknown): void;
  notify(text: string): void;
  /** A note acted on from the side panel, as from the page's own list. */
  act(action: PageAction): void;
}

/**
 * The one way in from outside the tools' render: commands are sent here and the tools listen once
 * mounted; what arrives before that (a shortcut pressed as the page loads) waits, it is not lost.
 */
export function createPageToolsCommands() {
  let listener: ((command: PageToolsCommand) => void) | null = null;
  const waiting: PageToolsCommand[] = [];
  const send = (command: PageToolsCommand) => (listener ? listener(command) : waiting.push(command));
  const controls: PageToolsControls = {
    highlightSelection: () => send({ type: 'highlight-selection' }),
    reportError: (error) => send({ type: 'report-error', error }),
    notify: (text) => send({ type: 'notify', text }),
    act: (action) => send({ type: 'act', action }),
  };
  return {
    controls,
    listen(next: (command: PageToolsCommand) => void): () => void {
      listener = next;
      for (const command of waiting.splice(0)) next(command);
      return () => {
        if (listener === next) listener = null;
      };
    },
  };
}

export type PageToolsCommands = ReturnType<typeof createPageToolsCommands>;
