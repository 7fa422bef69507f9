import { render } from 'preact';
import type { PageAnnotator } from '@/utils/annotate/page-annotator';
import type { HighlightColor } from '@/utils/highlight/colors';
import { describeError } from '@/runtime/translate';
import { lastColorSetting } from '@/runtime/user-settings';
import type { SelectionChoice } from './SelectionOffer';
import { PageToolsApp } from './PageToolsApp';
import { createPageToolsCommands, type PageToolsControls } from './page-tools-commands';
import css from './page-tools.css?inline';
import { createNoteFrameHost } from '@/runtime/note-frame-host';
import { createUiHost } from './ui-host';

/**
 * Puts the highlighting tools on a page, in a closed shadow root with the note frame: on a portal
 * page by the content script, and in the reader. Returns the host (whose events are the tools' own) and the controls.
 */
export function mountPageTools(options: {
  annotator: PageAnnotator;
  cite(quote: string): Promise<string>;
  ownCopy?: (text: string) => boolean;
  selection?: SelectionChoice;
  showLauncher?: (count: number) => boolean;
  selectedEarly?: () => boolean;
}): {
  host: HTMLElement;
  controls: PageToolsControls;
} {
  let lastColor: HighlightColor = 'yellow';
  void lastColorSetting.getValue().then((color) => (lastColor = color));
  const { host, root } = createUiHost(document, css);
  options.selection?.freedom.setOwnHost(host);
  const commands = createPageToolsCommands();
  render(
    <PageToolsApp
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
      commands={commands}
      ownCopy={options.ownCopy}
      selection={options.selection}
      showLauncher={options.showLauncher}
      selectedEarly={options.selectedEarly}
    />,
    root,
  );
  return { host, controls: commands.controls };
}
