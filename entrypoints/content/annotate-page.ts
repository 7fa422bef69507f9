import type { AnnotatorControls } from '@/components/annotator/AnnotatorApp';
import { backgroundAnnotationStore, isRetryableError, mountAnnotator } from '@/components/annotator/mount-annotator';
import { findArticleRoot } from '@/utils/anchor/find-article-root';
import { citeQuote, type CitationSource } from '@/utils/annotate/citation';
import { createPageAnnotator } from '@/utils/annotate/page-annotator';
import { createPainter } from '@/utils/highlight/paint-highlights';
import { callBackground } from '@/utils/message-client';

/** After load, a page that renders late gets this many attempts to place what is still unplaced. */
const MAX_REANCHORS = 10;
const REANCHOR_WINDOW_MS = 60_000;
const REANCHOR_DELAY_MS = 300;

export interface AnnotatePageOptions {
  /** The page's DOM changed (the extract may be out of date). */
  onPageChanged(): void;
  /** The extracted article text, to find the article's element on the page ('' for the whole body). */
  articleText(): string;
  citation(): CitationSource;
}

/**
 * Wires highlighting into the page: loads this address's annotations from the background,
 * anchors and paints them, keeps trying for a while as the page renders late content, and
 * mounts the in-page tools. Returns what the content script's message handlers need.
 */
export function annotatePage(options: AnnotatePageOptions): AnnotatorControls {
  let root: Element | null = null;
  const articleRoot = () => {
    if (!root?.isConnected) root = findArticleRoot(document, options.articleText());
    return root;
  };

  const annotator = createPageAnnotator({
    url: () => location.href,
    root: articleRoot,
    painter: createPainter(document),
    isRetryable: isRetryableError,
    store: backgroundAnnotationStore,
  });
  const { host, controls } = mountAnnotator({
    annotator,
    cite: (quote) => citeQuote(quote, options.citation()),
  });

  // Late content: re-anchor, a bounded number of times, while something is unplaced or the
  // article's element was replaced. Every change also invalidates the text index.
  let loaded = false;
  let reanchors = 0;
  let scheduled = 0;
  const started = Date.now();
  const observer = new MutationObserver((mutations) => {
    if (mutations.every((mutation) => mutation.target === host)) return;
    annotator.pageChanged();
    options.onPageChanged();
    if (!host.isConnected) document.documentElement.append(host);
    if (!loaded || scheduled || reanchors >= MAX_REANCHORS || Date.now() - started > REANCHOR_WINDOW_MS) return;
    scheduled = window.setTimeout(() => {
      scheduled = 0;
      const replaced = root !== null && !root.isConnected;
      if (!replaced && !annotator.hasUnplaced()) return;
      reanchors++;
      root = null;
      annotator.reanchor();
    }, REANCHOR_DELAY_MS);
  });
  observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });

  callBackground('annotations.forPage', { url: location.href })
    .then((records) => {
      if (records.length > 0) annotator.load(records);
      loaded = true;
    })
    .catch((error) => controls.reportError(error));

  return controls;
}
