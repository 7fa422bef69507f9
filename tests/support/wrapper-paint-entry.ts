import { buildTextIndex, rangeOfOffsets } from '../../utils/anchor/text-index';
import { createPainter } from '../../utils/highlight/paint-highlights';

/**
 * Loaded into a page by the wrapper-painter test: paints `text` with wrapper elements, as
 * Pizhu does in a browser without the CSS Custom Highlight API.
 */
(globalThis as unknown as { paintWithWrappers: (text: string) => void }).paintWithWrappers = (text) => {
  const index = buildTextIndex(document.body);
  const start = index.text.indexOf(text);
  const range = rangeOfOffsets(index, start, start + text.length);
  if (start < 0 || !range) throw new Error(`"${text}" is not on the page`);
  createPainter(document, { forceWrappers: true }).paint('wrapped', range, 'green');
};
