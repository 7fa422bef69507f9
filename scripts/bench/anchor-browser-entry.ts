import { createTextQuoteSelectorMatcher } from '@apache-annotator/dom';
import * as hypothesisQuote from 'dom-anchor-text-quote';
import { describeOffsets } from '../../utils/anchor/describe-range';
import { resolveAnchors, type Placement } from '../../utils/anchor/resolve-anchors';
import type { TextAnchor } from '../../utils/anchor/selectors';
import { buildTextIndex, rangeOfOffsets, type TextIndex } from '../../utils/anchor/text-index';
import { createPainter } from '../../utils/highlight/paint-highlights';
import { createPageAnnotator } from '../../utils/annotate/page-annotator';
import { deadlineAfter } from '../../utils/dom/page-limits';
import type { AnnotationRecord } from '../../utils/model/annotation';
import { seededRandom } from './seeded-random';

/**
 * Runs inside the benchmark page. The same quotes go to every method, each in the terms it
 * anchors on (prepared outside the timing); each is timed on resolving them to Ranges and
 * painting those with the same Highlight API painter.
 */
function sampleAnchors(count: number, seed: number): TextAnchor[] {
  const index = buildTextIndex(document.body);
  const next = seededRandom(seed);
  const anchors: TextAnchor[] = [];
  while (anchors.length < count) {
    const length = 5 + Math.floor(next() * 56);
    const start = Math.floor(next() * (index.text.length - length));
    const anchor = describeOffsets(index, start, start + length);
    if (anchor) anchors.push(anchor);
  }
  return anchors;
}

/** Times resolving `count` quotes with `resolveOne` and painting what it finds. */
async function timeResolveAndPaint(
  count: number,
  resolveOne: (number: number) => Range | null | Promise<Range | null>,
) {
  const painter = createPainter(document);
  const started = performance.now();
  let placed = 0;
  for (let number = 0; number < count; number++) {
    const range = await resolveOne(number);
    if (range) {
      painter.paint(String(number), range, 'yellow');
      placed++;
    }
  }
  const ms = performance.now() - started;
  painter.clear();
  return { ms, placed };
}

/** Pizhu resolves a page's quotes in one batch, on the first call, inside the timing. */
function timePizhu(anchors: TextAnchor[]) {
  let batch: { index: TextIndex; placements: Placement[] } | null = null;
  return timeResolveAndPaint(anchors.length, (number) => {
    if (!batch) {
      const index = buildTextIndex(document.body);
      batch = { index, placements: resolveAnchors(index.text, anchors) };
    }
    const placement = batch.placements[number]!;
    return placement.status === 'unplaced' ? null : rangeOfOffsets(batch.index, placement.start, placement.end);
  });
}

/**
 * The peers anchor on raw textContent, so their selectors are cut from it: the same quotes, with
 * 32 characters of context and a text-position hint, as each library would have stored them.
 */
function rawSelectors(anchors: TextAnchor[]) {
  const index = buildTextIndex(document.body);
  const before = new Map<Node, number>();
  const walker = document.createTreeWalker(document.body, 4);
  let total = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    before.set(node, total);
    total += (node as Text).length;
  }
  const text = document.body.textContent ?? '';
  return anchors.map((anchor) => {
    const range = rangeOfOffsets(index, anchor.position.start, anchor.position.end)!;
    const start = before.get(range.startContainer)! + range.startOffset;
    const end = before.get(range.endContainer)! + range.endOffset;
    return {
      quote: {
        exact: text.slice(start, end),
        prefix: text.slice(Math.max(0, start - 32), start),
        suffix: text.slice(end, end + 32),
      },
      hint: start,
    };
  });
}

async function timeApacheAnnotator(anchors: TextAnchor[]) {
  const selectors = rawSelectors(anchors);
  const scope = document.createRange();
  scope.selectNodeContents(document.body);
  return timeResolveAndPaint(selectors.length, async (number) => {
    const selector = { type: 'TextQuoteSelector' as const, ...selectors[number]!.quote };
    const first = await createTextQuoteSelectorMatcher(selector)(scope).next();
    return first.done ? null : (first.value as Range);
  });
}

function timeHypothesisQuote(anchors: TextAnchor[]) {
  const selectors = rawSelectors(anchors);
  return timeResolveAndPaint(selectors.length, (number) => {
    const { quote, hint } = selectors[number]!;
    return hypothesisQuote.toRange(document.body, quote, { hint });
  });
}

/**
 * A study group's notes on the page: each of `members` marks `perMember` of `passages` places,
 * each mark a little off where the others put theirs (so highlights overlap, not coincide).
 * `oneMember` gives every note to the same member: the same ranges, painted without density.
 */
function groupRecords(members: number, perMember: number, seed: number, oneMember: boolean): AnnotationRecord[] {
  const index = buildTextIndex(document.body);
  const next = seededRandom(seed);
  const places = Array.from({ length: perMember * 3 }, () => Math.floor(next() * (index.text.length - 80)) + 10);
  const records: AnnotationRecord[] = [];
  for (let member = 0; member < members; member++) {
    const chosen = [...places].sort(() => next() - 0.5).slice(0, perMember);
    for (const place of chosen) {
      const start = place + Math.floor(next() * 10) - 5;
      const anchor = describeOffsets(index, start, start + 10 + Math.floor(next() * 30));
      if (!anchor) continue;
      const id = `n${records.length}`;
      const who = oneMember ? 0 : member;
      records.push({
        id,
        url: location.href,
        urlKey: location.href,
        articleId: 'bench',
        ...anchor,
        color: 'yellow',
        note: '',
        tags: [],
        author: `成员${who}`,
        creatorId: `member-${who}`,
        createdAt: '2024-01-01T00:00:00.000Z',
        updatedAt: '2024-01-01T00:00:00.000Z',
      });
    }
  }
  return records;
}

/**
 * Times the page's own path for stored notes, the annotator's `load`: anchoring, painting and
 * (with several members) joining passages and underlining them by member count. Main thread
 * time, as the rest of this bench, and to the end of the frame that draws them; the notes are
 * made outside the timing.
 */
async function timeGroupLoad(members: number, perMember: number, seed: number, oneMember: boolean) {
  const records = groupRecords(members, perMember, seed, oneMember);
  const painter = createPainter(document);
  const annotator = createPageAnnotator({
    url: () => location.href,
    root: () => document.body,
    painter,
    isRetryable: () => false,
    // Every note placed in both runs, so the two paint the same ranges.
    anchoringDeadline: () => deadlineAfter(60_000),
    store: {
      save: () => Promise.reject(new Error('the bench saves nothing')),
      delete: () => Promise.resolve(),
      restore: (record) => Promise.resolve(record),
    },
  });
  const started = performance.now();
  annotator.load(records);
  const ms = performance.now() - started;
  // The browser draws the highlights (and underlines) in the next frame: timed to its end too.
  await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
  const frameMs = performance.now() - started;
  const placed = annotator.state().annotations.filter(({ placement }) => placement.status !== 'unplaced').length;
  painter.clear();
  return { ms, frameMs, placed, notes: records.length };
}

(globalThis as unknown as { anchorBench: unknown }).anchorBench = {
  textLength: () => buildTextIndex(document.body).text.length,
  groupLoad: timeGroupLoad,
  run: async (method: 'pizhu' | 'apache' | 'hypothesis', count: number, seed: number) => {
    const anchors = sampleAnchors(count, seed);
    if (method === 'pizhu') return timePizhu(anchors);
    if (method === 'apache') return timeApacheAnnotator(anchors);
    return timeHypothesisQuote(anchors);
  },
};
