import type { StoredArticle } from '../../utils/model/article';
import type { HighlightColor } from '../../utils/highlight/colors';
import type { AnnotationRecord } from '../../utils/model/annotation';
import type { ArticleExtract } from '../../utils/model/article';
import { normalizeSpace } from '../../utils/text/normalize-space';
import { normalizeUrl } from '../../utils/url/normalize-url';
import { seededRandom } from './seeded-random';

const COLORS: HighlightColor[] = ['yellow', 'green', 'blue', 'pink', 'purple'];
const TAGS = ['重点', '学习', '政法', '案例', '数据', '讨论'];
const AUTHORS = ['小王', '小李', '小张', '小赵'];
const NOTES = ['这一段可以在小组讨论时引用', '注意这里的数据来源', '与上周学习的内容相互印证', '需要进一步核实', ''];

function uuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = '89ab'[Math.floor(random() * 4)]!;
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/**
 * A study group's library for export and import benchmarks: `articles` real corpus extracts under
 * made-up addresses, each with `perArticle` highlights of its own text by four members, with notes,
 * tags and colours.
 */
export function generateNotes(extracts: ArticleExtract[], articles: number, perArticle: number, seed = 11) {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const stored: StoredArticle[] = [];
  const annotations: AnnotationRecord[] = [];
  for (let n = 0; n < articles; n++) {
    const extract = extracts[n % extracts.length]!;
    const url = `https://www.test${n}.gov.cn/zhengce/content_${n}.htm`;
    const time = new Date(Date.UTC(2024, 0, 1) + n * 60_000).toISOString();
    const article: StoredArticle = {
      ...extract,
      url,
      canonicalUrl: null,
      id: uuid(random),
      urlKey: normalizeUrl(url),
      clippedAt: time,
      createdAt: time,
      updatedAt: time,
    };
    stored.push(article);
    const text = normalizeSpace(article.text);
    for (let k = 0; k < perArticle; k++) {
      const length = 10 + Math.floor(random() * 30);
      const start = Math.floor(random() * Math.max(1, text.length - length));
      const exact = text.slice(start, start + length).trim() || text.slice(0, 10);
      annotations.push({
        id: uuid(random),
        url,
        urlKey: article.urlKey,
        articleId: article.id,
        quote: {
          exact,
          prefix: text.slice(Math.max(0, start - 32), start),
          suffix: text.slice(start + length, start + length + 32),
        },
        position: { start, end: start + exact.length },
        color: pick(COLORS),
        note: pick(NOTES),
        tags: random() < 0.5 ? [pick(TAGS)] : [],
        author: pick(AUTHORS),
        createdAt: time,
        updatedAt: time,
      });
    }
  }
  return { articles: stored, annotations };
}
