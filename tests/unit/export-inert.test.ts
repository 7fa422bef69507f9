import { Parser, type Node } from 'commonmark';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { StoredArticle } from '@/utils/model/article';
import type { AnnotationRecord } from '@/utils/model/annotation';
import type { ReplyRecord } from '@/utils/model/reply';
import type { ExportBundle } from '@/utils/export/export-bundle';
import { exportCsv } from '@/utils/export/csv-export';
import { ZH_LABELS } from '@/utils/export/export-labels';
import { exportSettings } from '@/utils/export/export-settings';
import { exportMarkdown } from '@/utils/export/markdown-export';
import { hostile, seeded } from '../support/hostile-text';

const URL = 'http://www.test.gov.cn/a/content_1.htm';
const TIME = '2024-03-01T00:00:00.000Z';

function bundleOf(random: () => number, articles: number): ExportBundle {
  return {
    generatedAt: '2024-04-01T00:00:00.000Z',
    versions: [],
    articles: Array.from({ length: articles }, (_, index) => {
      const id = `article-${index}`;
      const article = {
        id,
        url: `${URL}?${index}`,
        urlKey: `${URL}?${index}`,
        canonicalUrl: null,
        lang: 'zh',
        title: `${hostile(random)}x`,
        source: hostile(random),
        author: hostile(random),
        editor: hostile(random),
        publishedAt: null,
        publishedText: hostile(random),
        siteName: null,
        column: null,
        excerpt: '',
        text: '',
        html: '',
        outline: [],
        length: 0,
        clippedAt: null,
        createdAt: TIME,
        updatedAt: TIME,
      } as unknown as StoredArticle;
      const annotations = Array.from({ length: 3 }, (_, n): AnnotationRecord => {
        const exact = hostile(random);
        return {
          id: `00000000-0000-4000-8000-00000000000${n}`,
          articleId: id,
          url: article.url,
          urlKey: article.urlKey,
          quote: { exact: exact.trim() ? exact : `${exact}q`, prefix: '', suffix: '' },
          position: { start: n * 10, end: n * 10 + 5 },
          color: 'yellow',
          note: hostile(random),
          tags: [hostile(random), hostile(random)].map((tag) => tag.trim() || 't'),
          author: hostile(random),
          createdAt: TIME,
          updatedAt: TIME,
        };
      });
      const replies = annotations.map((annotation, n): ReplyRecord => ({
        id: `10000000-0000-4000-8000-00000000000${n}`,
        annotationId: annotation.id,
        url: article.url,
        urlKey: article.urlKey,
        text: hostile(random) || 'r',
        author: hostile(random),
        createdAt: TIME,
        updatedAt: TIME,
      }));
      return { article, annotations, replies };
    }),
  };
}

/** A block's text as a reader sees it: a hard or soft break is a line break. */
function textOf(node: Node): string {
  let text = '';
  const walker = node.walker();
  for (let step = walker.next(); step; step = walker.next()) {
    if (!step.entering) continue;
    const { node: inner } = step;
    if (inner.type === 'text' || inner.type === 'code') text += inner.literal ?? '';
    else if (inner.type === 'linebreak' || inner.type === 'softbreak') text += '\n';
  }
  return text;
}

function children(node: Node): Node[] {
  const found: Node[] = [];
  for (let child = node.firstChild; child; child = child.next) found.push(child);
  return found;
}

/** What a CommonMark parser makes of a text it keeps as text: NUL is U+FFFD; any line end is one. */
const asParsed = (text: string) => text.replace(/\0/g, '\uFFFD').replace(/\r\n?/g, '\n');
const multiLine = (text: string) => asParsed(text).replace(/\n+$/, '');
const oneLine = (text: string) => asParsed(text).replace(/\n/g, ' ');

/** Only the inline kinds the export itself writes: no link, image, HTML or code in what a member wrote. */
function inlineKinds(node: Node): Set<string> {
  const kinds = new Set<string>();
  const walker = node.walker();
  for (let step = walker.next(); step; step = walker.next()) if (step.entering) kinds.add(step.node.type);
  return kinds;
}

describe('the Markdown export of hostile text', () => {
  it('makes only the blocks it means to, each holding its text as text', () => {
    const settings = exportSettings({ timeZone: 'Asia/Shanghai' });
    for (let seed = 1; seed <= 60; seed += 1) {
      const random = seeded(seed);
      const articles = 1 + (seed % 2);
      const bundle = bundleOf(random, articles);
      const markdown = exportMarkdown(bundle, ZH_LABELS, settings);
      // Front matter is for tools that read YAML; a plain renderer shows it as a rule and a heading.
      const body = articles === 1 ? markdown.slice(markdown.indexOf('\n---\n') + 5) : markdown;
      const document = new Parser().parse(body);
      const blocks = children(document);
      const expected: [type: string, text: string][] = [];
      if (articles > 1) expected.push(['heading', ''], ['paragraph', '']);
      for (const { article, annotations, replies } of bundle.articles) {
        expected.push(['heading', oneLine(article.title)], ['paragraph', ''], ['list', '']);
        for (const annotation of annotations) {
          expected.push(['block_quote', multiLine(annotation.quote.exact)]);
          if (annotation.note.trim()) expected.push(['paragraph', `批注：${multiLine(annotation.note)}`]);
          for (const reply of replies!.filter((one) => one.annotationId === annotation.id))
            expected.push(['paragraph', `${oneLine(`回复（${reply.author || '—'}）`)}：${multiLine(reply.text)}`]);
          const about = [`黄`, `标签：${annotation.tags.map((tag) => `#${oneLine(tag)}`).join(' ')}`];
          if (annotation.author.trim()) about.push(`批注人：${oneLine(annotation.author.trim())}`);
          expected.push(['paragraph', about.join(' · ')]);
        }
      }
      const where = `seed ${seed}:\n${body}`;
      expect(
        blocks.map((block) => block.type),
        where,
      ).toEqual(expected.map(([type]) => type));
      blocks.forEach((block, index) => {
        const [type, text] = expected[index]!;
        if (type === 'list') {
          for (const item of children(block)) expect(children(item).map((inner) => inner.type)).toEqual(['paragraph']);
          const { article } = bundle.articles.find(
            (entry) => textOf(blocks[index - 2]!) === oneLine(entry.article.title),
          )!;
          const shown = children(block).map(textOf);
          for (const [label, value] of [
            ['来源', article.source],
            ['作者', article.author],
            ['责编', article.editor],
            ['发布时间', article.publishedText],
          ] as const)
            if (value?.trim()) expect(shown, where).toContain(`${label}：${oneLine(value)}`);
          return;
        }
        if (!text) return;
        expect(textOf(block), where).toBe(text);
        const kinds = inlineKinds(block);
        for (const kind of ['link', 'image', 'html_inline', 'html_block', 'code', 'code_block', 'strong'])
          expect(kinds.has(kind), `${kind} in ${where}`).toBe(false);
      });
    }
  });
});

describe('the CSV export of hostile text', () => {
  it('reads with ",", ";" or a tab as the separator without a cell a spreadsheet would evaluate or a split cell', () => {
    const settings = exportSettings({ timeZone: 'Asia/Shanghai' });
    for (let seed = 1; seed <= 40; seed += 1) {
      const bundle = bundleOf(seeded(seed), 1);
      const csv = exportCsv(bundle, ZH_LABELS, settings);
      const rows = parse(csv, { bom: true, delimiter: ',', relax_column_count: true }) as string[][];
      expect(rows.map((row) => row.length)).toEqual(rows.map(() => 12));
      const [annotation] = bundle.articles[0]!.annotations;
      // What the reader wrote is all there, an apostrophe before what a spreadsheet would evaluate.
      const apostrophes = (text: string) => text.replace(/'/g, '');
      expect(apostrophes(rows[1]![1]!)).toBe(apostrophes(annotation!.note));
      for (const delimiter of [',', ';', '\t']) {
        // A spreadsheet set to another separator reads quotes loosely: as csv-parse does when told to.
        const cells = (
          parse(csv, {
            bom: true,
            delimiter,
            relax_quotes: true,
            relax_column_count: true,
            skip_records_with_error: true,
          }) as string[][]
        ).flat();
        expect(
          cells.filter((cell) => /^[=+\-@\t\r]/.test(cell)),
          `${JSON.stringify(delimiter)} seed ${seed}`,
        ).toEqual([]);
      }
    }
  });
});
