import { cmsBody, datedHeadline, infoLine, linkHeavy, noProse, readerable, singleHeadline } from './content-signals';
import { articleMarkup, govMetaTags } from './metadata-signals';
import type { Signal } from './signal';
import { articleUrl } from './url-signals';

export const ARTICLE_SIGNALS: readonly Signal[] = [
  govMetaTags,
  articleMarkup,
  articleUrl,
  infoLine,
  datedHeadline,
  cmsBody,
  readerable,
  singleHeadline,
  linkHeavy,
  noProse,
];
