import { decodeHtml } from '../../utils/extract/decode-html';
import { extractArticle } from '../../utils/extract/extract-article';
import { parseHtml } from '../node/analyze-html';
import { corpusBytes, corpusUrl, loadCorpus } from './load-corpus';

/** The corpus's Chinese articles (both splits) as Pizhu extracts them: real text for benchmarks to build on. */
export function extractChineseArticles() {
  return loadCorpus()
    .filter((page) => page.kind === 'article' || page.split === 'holdout')
    .map((page) => {
      const url = corpusUrl(page);
      return { id: page.id, extract: extractArticle(parseHtml(decodeHtml(corpusBytes(page)).text, url), url) };
    })
    .filter(({ extract }) => /[\u4e00-\u9fa5]/.test(extract.text));
}
