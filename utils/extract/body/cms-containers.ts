import { stripSpace } from '../../text/normalize-space';
import { matchesOf, queryAll, textContentOf } from '../../dom/safe-dom';

/**
 * Body containers of the CMSs Chinese portals run on, whatever the site. When one holds a real
 * article, it is a better body than a guess: TRS (TRS_Editor, TRS_UEDITOR), 开普云 UCAP
 * (UCAP-CONTENT), the #zoom of many gov.cn templates, and the class and id names many templates
 * give the article's text. One site family's own containers live in its entry of site-families.ts.
 */
export const CMS_BODY_SELECTORS = [
  '.TRS_Editor',
  '.TRS_UEDITOR',
  '#UCAP-CONTENT',
  '.UCAP-CONTENT',
  '#zoom',
  '.pages_content',
  '#detailContent',
  '.u-mainText',
  '#ArticleContent',
  '#article_content',
  '.article_content',
  '#content_main',
  '#text',
  '.article-content',
];

const MIN_BODY_CHARS = 150;
/** A container that is mostly links holds lists of other stories beside the body. */
const MAX_LINK_DENSITY = 0.25;

function linkDensity(element: Element, textLength: number): number {
  let linkText = 0;
  for (const anchor of queryAll(element, 'a')) linkText += stripSpace(textContentOf(anchor) ?? '').length;
  return linkText / Math.max(1, textLength);
}

export const CMS_BODY_SELECTOR_LIST = CMS_BODY_SELECTORS.join(',');

/**
 * The first body container with enough prose in it, or null: the site family's own containers
 * (`familySelectors`) first, then the CMS containers; the earlier selector wins. One query for
 * all the selectors, then each in turn among what it found: twenty-odd walks of a large page were
 * a millisecond of every read.
 */
export function findBodyContainer(document: Document, familySelectors: readonly string[] = []): Element | null {
  const selectors = familySelectors.length ? [...familySelectors, ...CMS_BODY_SELECTORS] : CMS_BODY_SELECTORS;
  // Also run on the live page (to find where highlights anchor), whose markup may shadow these.
  const found = queryAll(document, familySelectors.length ? selectors.join(',') : CMS_BODY_SELECTOR_LIST);
  for (const selector of found.length ? selectors : []) {
    for (const element of found) {
      if (!matchesOf(element, selector)) continue;
      const length = stripSpace(textContentOf(element) ?? '').length;
      if (length >= MIN_BODY_CHARS && linkDensity(element, length) <= MAX_LINK_DENSITY) return element;
    }
  }
  return null;
}
