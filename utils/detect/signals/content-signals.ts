import { isProbablyReaderable } from '@mozilla/readability';
import { CMS_BODY_SELECTOR_LIST } from '../../extract/body/cms-containers';
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
    const container = document.querySelector(CMS_BODY_SELECTOR_LIST);
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

/**
 * Home, column and list pages are mostly links; articles are mostly prose. A page with a fair
 * amount of prose is not counted against however many links surround it, since portal articles
 * often sit inside heavy navigation.
 */
export const linkHeavy: Signal = {
  name: 'link-heavy',
  test: ({ textChars, linkText, links, proseChars, hasArticleHeader }) => {
    // A brief under its own headline and date is an article whatever navigation surrounds it.
    if (proseChars >= 300 || (proseChars >= 100 && hasArticleHeader())) return 0;
    const density = linkText / textChars;
    if (links >= 40 && density > 0.5) return -4;
    if (links >= 80 && density > 0.35) return -2;
    return 0;
  },
};

/** No paragraph-sized run of text outside links at all: a list of headlines, not an article. */
export const noProse: Signal = {
  name: 'no-prose',
  test: ({ proseChars }) => (proseChars < 60 ? -3 : 0),
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

const DATE_TIME = /(?:19|20)\d{2}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2}\s*日?\s*\d{1,2}[:：]\d{2}/;
const AFTER_HEADLINE_CHARS = 300;

/** A date with a time shortly after the headline: a publication time, even without a 发布时间 label. */
export const datedHeadline: Signal = {
  name: 'dated-headline',
  test: ({ document, text }) => {
    // The headline is the h1 that <title> repeats; sites also use h1 for their logo.
    const headlines = [...(document.body?.getElementsByTagName('h1') ?? [])].map((h1) => (h1.textContent ?? '').trim());
    const headline =
      headlines.find((candidate) => candidate.length >= 4 && document.title.includes(candidate)) ?? headlines[0];
    if (!headline || headline.length < 4) return 0;
    // The headline may be repeated (a mobile header, a share box); any copy may carry the date.
    for (
      let at = text.indexOf(headline), copies = 0;
      at >= 0 && copies < 3;
      at = text.indexOf(headline, at + 1), copies++
    ) {
      if (DATE_TIME.test(text.slice(at + headline.length, at + headline.length + AFTER_HEADLINE_CHARS))) return 1;
    }
    return 0;
  },
};
