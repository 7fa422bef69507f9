import { isProbablyReaderable } from '@mozilla/readability';
import { CMS_BODY_SELECTORS } from '../../extract/body/cms-containers';
import { containsInfoLine } from '../../extract/metadata/info-line';
import type { Signal } from './signal';

/** The 发布时间 / 来源 line that portal articles print under their title. */
export const infoLine: Signal = {
  name: 'info-line',
  test: ({ text }) => (containsInfoLine(text) ? 2 : 0),
};

/** A CMS body container (TRS_Editor, UCAP-CONTENT, #zoom, …) that holds real text. */
export const cmsBody: Signal = {
  name: 'cms-body',
  test: ({ document }) => {
    const container = document.querySelector(CMS_BODY_SELECTORS.join(','));
    return container && (container.textContent ?? '').replace(/\s+/g, '').length >= 300 ? 1 : 0;
  },
};

/**
 * Readability's own quick check, tuned for Chinese: a CJK character carries about as much as
 * three Latin ones, so the length thresholds are lower than its defaults.
 */
export const readerable: Signal = {
  name: 'readerable',
  test: ({ document }) => (isProbablyReaderable(document, { minContentLength: 80, minScore: 20 }) ? 2 : 0),
};

/** Home, column and list pages are mostly links; articles are mostly prose. */
export const linkHeavy: Signal = {
  name: 'link-heavy',
  test: ({ text, linkText, links }) => {
    const density = linkText / Math.max(1, text.replace(/\s/g, '').length);
    if (links >= 40 && density > 0.5) return -4;
    if (links >= 80 && density > 0.35) return -2;
    return 0;
  },
};

/** One headline: articles have exactly one h1 with a title-sized text; list pages rarely do. */
export const singleHeadline: Signal = {
  name: 'single-headline',
  test: ({ document }) => {
    const headlines = document.body?.getElementsByTagName('h1') ?? [];
    if (headlines.length !== 1) return 0;
    const length = (headlines[0]!.textContent ?? '').trim().length;
    return length >= 4 && length <= 120 ? 1 : 0;
  },
};
