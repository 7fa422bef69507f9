import type { PageToolsControls } from '@/components/page-tools/page-tools-commands';
import { mountPageTools } from '@/components/page-tools/mount-page-tools';
import { backgroundAnnotationStore, isRetryableError } from '@/runtime/background-annotation-store';
import { callBackground } from '@/runtime/message-client';
import { findArticleRoot } from '@/utils/anchor/find-article-root';
import { citeQuote } from '@/utils/annotate/citation';
import { createPageAnnotator } from '@/utils/annotate/page-annotator';
import { createReanchorScheduler } from '@/utils/annotate/reanchor-scheduler';
import { createPainter } from '@/utils/highlight/paint-highlights';
import type { PageReader } from '@/utils/page-reader';
import { showsLauncherUnasked } from '@/utils/dom/same-origin-frames';
import type { SelectionChoice } from '@/components/page-tools/SelectionOffer';
import { afterNextFrame, yieldToPage } from '@/utils/schedule/slices';

/**
 * Wires highlighting into the page: loads this address's annotations from the background,
 * anchors and paints them, keeps trying for a while as the page renders late content, and
 * mounts the in-page tools. Returns what the content script's message handlers need.
 */
export async function startLivePageTools(
  reader: PageReader,
  early: { ownCopy: (text: string) => boolean; selection: SelectionChoice; selectedEarly: () => boolean },
): Promise<PageToolsControls> {
  // The painter's set-up (its styles in the page) and the tools' mounting are tasks of their own.
  const painter = createPainter(document);
  await yieldToPage();
  let root: Element | null = null;
  const articleRoot = () => {
    if (!root?.isConnected) root = findArticleRoot(document, reader.articleText());
    return root;
  };

  const annotator = createPageAnnotator({
    url: () => location.href,
    root: articleRoot,
    painter,
    isRetryable: isRetryableError,
    store: backgroundAnnotationStore,
    // Placing the page's notes gives the page its turn every few milliseconds.
    slices: {},
  });
  // Whether the launcher shows before the first note is asked once, in a task of its own, after a
  // frame: a page with same-origin frames is measured, which right after the painter's styles went
  // in forced a layout of the whole page (124 ms on one with ad frames).
  await afterNextFrame();
  const launcherUnasked = showsLauncherUnasked(window);
  await yieldToPage();
  const { host, controls } = mountPageTools({
    annotator,
    cite: async (quote) => citeQuote(quote, await reader.citation()),
    ...early,
    // Other frames (a nav frame, a widget) show it once they have notes.
    showLauncher: (count) => count > 0 || launcherUnasked,
  });

  const scheduler = createReanchorScheduler({
    needed: () => (root !== null && !root.isConnected) || annotator.hasUnplaced(),
    reanchor() {
      // The article's element is looked for again only where the body stood in for it: finding it
      // reads the page's text, and a changed article's text again from a copy of the whole page —
      // a page that never stops changing must not be serialized at every change.
      if (root === (document.body ?? document.documentElement)) root = null;
      annotator.reanchor();
    },
  });
  // Every change invalidates the text index and what was read of the page.
  // Pizhu's own nodes (the tools' host, the highlights' stylesheet) coming and going change nothing of the page's.
  const own = (node: Node) => node === host || painter.owns?.(node) === true;
  const ownChange = (mutation: MutationRecord) =>
    mutation.target === host ||
    (mutation.type === 'childList' && [...mutation.addedNodes, ...mutation.removedNodes].every(own));
  new MutationObserver((mutations) => {
    // Removed, or moved where the page's own elements paint over it: back under <html>.
    if (host.parentNode !== document.documentElement) document.documentElement.append(host);
    if (mutations.every(ownChange)) return;
    annotator.pageChanged();
    reader.pageChanged();
    scheduler.pageChanged();
  }).observe(document.documentElement, { childList: true, subtree: true, characterData: true });

  callBackground('annotations.forPage', { url: location.href })
    .then((records) => {
      if (records.length > 0) annotator.load(records);
      scheduler.loaded();
    })
    .catch((error) => controls.reportError(error));

  return controls;
}
