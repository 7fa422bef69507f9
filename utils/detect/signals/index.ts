import { cmsBody, datedHeadline, infoLine, linkHeavy, noProse, readerable, singleHeadline } from './content-signals';
import { articleMarkup, govMetaTags } from './metadata-signals';
import { articleHeader, otherPageKind } from './page-kind-signals';
import type { Signal } from './signal';
import { articleUrl } from './url-signals';

export const ARTICLE_SIGNALS: readonly Signal[] = [
  govMetaTags,
  articleMarkup,
  articleUrl,
  infoLine,
  articleHeader,
  datedHeadline,
  cmsBody,
  readerable,
  singleHeadline,
  linkHeavy,
  noProse,
  otherPageKind,
];
