import { isProbablyReaderable, Readability } from '@mozilla/readability';
import type { ToolOutput } from './score-extraction';

/** The baseline: what plain Readability gives for the same fields (byline taken as the author). */
export function plainReadability(document: Document): ToolOutput & { isArticle: boolean } {
  const isArticle = isProbablyReaderable(document);
  const article = new Readability(document.cloneNode(true) as Document).parse();
  return {
    isArticle,
    title: article?.title ?? null,
    published: article?.publishedTime ?? null,
    source: null,
    author: article?.byline ?? null,
    editor: null,
    text: article?.textContent ?? null,
  };
}
