// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { describeOffsets } from '@/utils/anchor/describe-range';
import { resolveAnchors } from '@/utils/anchor/resolve-anchors';
import { buildTextIndex } from '@/utils/anchor/text-index';
import { decodeHtml } from '@/utils/extract/decode-html';
import { extractArticle } from '@/utils/extract/extract-article';
import { corpusBytes, corpusUrl, loadCorpus } from '../../scripts/corpus/load-corpus';
import { parseHtml } from '../../scripts/node/analyze-html';

/**
 * Anchoring on the text of every corpus article, as the reader page will show it: random quotes
 * of 2–200 characters (with rare CJK characters and emoji mixed in) must round-trip exactly, and
 * after small edits near 5 % of them at least 99 % must still be placed and none misplaced.
 */
const QUOTES_PER_ARTICLE = 60;
const ASTRAL = ['𠀀', '𪚥', '😀', '🇨🇳', '𡈼'];

function random(seed: number) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4_294_967_296;
  };
}

interface Edit {
  at: number;
  remove: number;
  insert: string;
}

/** Applies edits (non-overlapping) and returns the new text with a map of old offsets to new. */
function applyEdits(text: string, edits: Edit[]): { text: string; map: (offset: number) => number } {
  const sorted = [...edits].sort((a, b) => a.at - b.at);
  let result = '';
  let cursor = 0;
  for (const edit of sorted) {
    result += text.slice(cursor, edit.at) + edit.insert;
    cursor = edit.at + edit.remove;
  }
  result += text.slice(cursor);
  const map = (offset: number) => {
    let shift = 0;
    for (const edit of sorted) {
      if (edit.at + edit.remove <= offset) shift += edit.insert.length - edit.remove;
      else if (edit.at < offset) return edit.at + shift + edit.insert.length;
    }
    return offset + shift;
  };
  return { text: result, map };
}

const articles = loadCorpus()
  .filter((page) => page.kind === 'article' || page.split === 'holdout')
  .map((page) => {
    const url = corpusUrl(page);
    const document = parseHtml(decodeHtml(corpusBytes(page)).text, url);
    const extract = extractArticle(document, url);
    // The reader page's DOM: the sanitized body, with a few astral characters sprinkled in.
    const reader = parseHtml(`<body>${extract.html}</body>`);
    const next = random(page.id.length * 7919);
    const texts = [...reader.body.querySelectorAll('p')]
      .map((p) => p.firstChild)
      .filter((node) => node?.nodeType === 3);
    for (const node of texts.slice(0, 10)) {
      const value = node!.nodeValue!;
      const at = Math.floor(next() * value.length);
      node!.nodeValue = value.slice(0, at) + ASTRAL[Math.floor(next() * ASTRAL.length)] + value.slice(at);
    }
    return { id: page.id, text: buildTextIndex(reader.body).text, next };
  })
  .filter((article) => article.text.length >= 400);

describe('anchoring on corpus articles', () => {
  it('has articles to work on', () => {
    expect(articles.length).toBeGreaterThanOrEqual(40);
  });

  it('round-trips random quotes exactly', () => {
    let total = 0;
    for (const { id, text, next } of articles) {
      const anchors = Array.from({ length: QUOTES_PER_ARTICLE }, () => {
        const length = 2 + Math.floor(next() ** 2 * 199);
        const start = Math.floor(next() * (text.length - length));
        return describeOffsets({ text } as never, start, start + length);
      }).filter((anchor) => anchor !== null);
      const placements = resolveAnchors(text, anchors);
      anchors.forEach((anchor, index) => {
        expect(placements[index], `${id} ${JSON.stringify(anchor.quote.exact)}`).toEqual({
          status: 'exact',
          start: anchor.position.start,
          end: anchor.position.end,
        });
      });
      total += anchors.length;
    }
    expect(total).toBeGreaterThan(2000);
  });

  it('after small edits near 5 % of quotes, places at least 99 % and misplaces none', () => {
    let placed = 0;
    let total = 0;
    const misplaced: string[] = [];
    for (const { id, text, next } of articles) {
      const anchors = Array.from({ length: QUOTES_PER_ARTICLE }, () => {
        const length = 4 + Math.floor(next() ** 2 * 196);
        const start = Math.floor(next() * (text.length - length));
        return describeOffsets({ text } as never, start, start + length);
      }).filter((anchor) => anchor !== null);
      // An editor's changes: a sentence added at the top, and one small change near every 20th quote
      // (inside it when it is long enough, else just before or after it).
      const edits: Edit[] = [{ at: 0, remove: 0, insert: '编者按：本文已更新。' }];
      const taken: [number, number][] = [[0, 1]];
      anchors.forEach((anchor, index) => {
        if (index % 20 !== 0) return;
        const { start, end } = anchor.position;
        const inside = end - start >= 12;
        const at = inside
          ? start + Math.floor((end - start) / 2)
          : next() < 0.5
            ? Math.max(1, start - 3)
            : Math.min(text.length - 1, end + 2);
        if (/[\ud800-\udfff]/.test(text.slice(at - 1, at + 2)) || taken.some(([a, b]) => at >= a - 2 && at <= b + 2))
          return;
        const kind = Math.floor(next() * 3);
        const edit =
          kind === 0
            ? { at, remove: 1, insert: '新' }
            : kind === 1
              ? { at, remove: 0, insert: '又' }
              : { at, remove: 1, insert: '' };
        edits.push(edit);
        taken.push([at, at + 1]);
      });
      const edited = applyEdits(text, edits);
      const placements = resolveAnchors(edited.text, anchors);
      anchors.forEach((anchor, index) => {
        total++;
        const placement = placements[index]!;
        if (placement.status === 'unplaced') return;
        placed++;
        const wantStart = edited.map(anchor.position.start);
        const wantEnd = edited.map(anchor.position.end);
        const overlap = Math.min(wantEnd, placement.end) - Math.max(wantStart, placement.start);
        if (overlap < (wantEnd - wantStart) / 2) {
          misplaced.push(
            `${id}: ${JSON.stringify(anchor.quote.exact)} → ${JSON.stringify(edited.text.slice(placement.start, placement.end))}`,
          );
        }
      });
    }
    expect(misplaced).toEqual([]);
    expect(placed / total).toBeGreaterThanOrEqual(0.99);
  });
});
