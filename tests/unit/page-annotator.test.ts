// @vitest-environment jsdom
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { describeOffsets } from '@/utils/anchor/describe-range';
import { buildTextIndex, rangeOfOffsets } from '@/utils/anchor/text-index';
import { createPageAnnotator, type AnnotationStore } from '@/utils/annotate/page-annotator';
import { ONLY_ME } from '@/utils/annotate/member-filter';
import { PageLimitError } from '@/utils/dom/page-limits';
import { createPainter, randomPaintNames } from '@/utils/highlight/paint-highlights';
import { AnnotationInputSchema, type AnnotationInput, type AnnotationRecord } from '@/utils/model/annotation';

const URL = 'http://www.test.gov.cn/a/content_1.htm';
const ARTICLE = '<p>第一段：政法机关坚持执法为民。</p><p>第二段：公正司法是维护社会公平正义的最后一道防线。</p>';

/** A background stand-in: stores records as the real one does, and can be told to fail. */
function fakeStore() {
  const records = new Map<string, AnnotationRecord>();
  const log: string[] = [];
  let failing = false;
  let clock = 0;
  const store: AnnotationStore = {
    async save(input) {
      log.push(`save ${input.note}`);
      if (failing) throw new Error('the worker is gone');
      const existing = records.get(input.id);
      const time = new Date(++clock * 1000).toISOString();
      const record = {
        ...input,
        articleId: 'article',
        urlKey: URL,
        author: '小王',
        createdAt: existing?.createdAt ?? time,
        updatedAt: time,
      };
      records.set(input.id, record);
      return record;
    },
    async delete(id) {
      log.push('delete');
      const record = records.get(id) ?? null;
      records.delete(id);
      return record;
    },
    async restore(record) {
      log.push('restore');
      records.set(record.id, record);
      return record;
    },
  };
  return { store, records, log, fail: (value: boolean) => (failing = value) };
}

/** A stored note on the article, at `start` of its text. */
const record = (
  exact: string,
  start: number,
  createdAt: string,
  who: Pick<AnnotationRecord, 'author' | 'creatorId'> = { author: '' },
): AnnotationRecord => ({
  ...storedRecord(
    { quote: { exact, prefix: '', suffix: '' }, position: { start, end: start + exact.length } },
    createdAt,
  ),
  ...who,
});

const PAINT_NAMES = randomPaintNames();

/** A yellow highlight at `anchor` as the background hands it back. */
function storedRecord(
  anchor: Pick<AnnotationRecord, 'quote' | 'position'>,
  createdAt = '2024-01-01T00:00:00.000Z',
): AnnotationRecord {
  return {
    id: crypto.randomUUID(),
    url: URL,
    ...anchor,
    color: 'yellow',
    note: '',
    tags: [],
    articleId: 'article',
    urlKey: URL,
    author: '',
    createdAt,
    updatedAt: createdAt,
  };
}

function setUp() {
  document.body.innerHTML = `<nav>导航</nav><div id="root">${ARTICLE}</div>`;
  const root = document.getElementById('root')!;
  const backend = fakeStore();
  const annotator = createPageAnnotator({
    url: () => URL,
    root: () => root,
    painter: createPainter(document, { forceWrappers: true, names: PAINT_NAMES }),
    store: backend.store,
    isRetryable: () => true,
    retryDelaysMs: [],
  });
  const rangeOf = (text: string) => {
    const index = buildTextIndex(root);
    const start = index.text.indexOf(text);
    return rangeOfOffsets(index, start, start + text.length)!;
  };
  const marks = () => [...root.querySelectorAll(PAINT_NAMES.mark)].map((mark) => mark.textContent).join('|');
  return { root, annotator, backend, rangeOf, marks };
}

describe('createPageAnnotator', () => {
  it('highlights a selection across paragraphs, paints it and saves a valid annotation', async () => {
    const { annotator, backend, rangeOf, marks } = setUp();
    const id = annotator.create(rangeOf('执法为民。 第二段'), 'green')!;
    expect(marks()).toBe('执法为民。|第二段');
    await annotator.idle();
    const saved = backend.records.get(id)!;
    expect(saved.quote.exact).toBe('执法为民。 第二段');
    const { url, quote, position, color, note, tags } = saved;
    // What the content script sends passes the background's schema.
    expect(v.is(AnnotationInputSchema, { id, url, quote, position, color, note, tags })).toBe(true);
    expect(annotator.state().annotations[0]!.saved).toEqual(saved);
  });

  it('refuses a selection outside the article text', () => {
    const { annotator } = setUp();
    const range = document.createRange();
    range.selectNodeContents(document.querySelector('nav')!);
    expect(annotator.canAnnotate(range)).toBe(false);
    expect(annotator.create(range, 'yellow')).toBeNull();
  });

  it('lists placed annotations in reading order and keeps the ones it cannot place as unplaced', () => {
    const { annotator, marks } = setUp();
    annotator.load([
      record('最后一道防线', 40, '2024-01-01T00:00:00.000Z'),
      record('这段文字已经不在页面上了', 5, '2024-01-02T00:00:00.000Z'),
      record('执法为民', 10, '2024-01-03T00:00:00.000Z'),
    ]);
    const { annotations } = annotator.state();
    expect(annotations.map((annotation) => [annotation.input.quote.exact, annotation.placement.status])).toEqual([
      ['执法为民', 'exact'],
      ['最后一道防线', 'exact'],
      ['这段文字已经不在页面上了', 'unplaced'],
    ]);
    expect(marks()).toBe('执法为民|最后一道防线');
  });

  it('paints and lists only the notes the member filter lets through, keeping the others for 全组', () => {
    const { annotator, marks } = setUp();
    const me = { memberId: 'member-me', name: '王小明' };
    const time = '2024-01-01T00:00:00.000Z';
    annotator.load([
      record('执法为民', 10, time, { author: '王小明', creatorId: 'member-me' }),
      record('坚持执法', 8, time, { author: '李华', creatorId: 'member-li' }),
      record('最后一道防线', 40, time, { author: '李华', creatorId: 'member-li' }),
    ]);
    const shown = () => annotator.state().annotations.map((annotation) => annotation.input.quote.exact);
    // The two overlapping highlights are one passage two members marked.
    const mine = annotator.state().annotations.find((annotation) => annotation.saved?.creatorId === 'member-me')!;
    expect(annotator.passageOf(mine.input.id)?.members).toBe(2);

    annotator.filterMembers(ONLY_ME, me);
    expect(shown()).toEqual(['执法为民']);
    expect(marks()).toBe('执法为民');
    expect(annotator.passageOf(mine.input.id)?.members).toBe(1);
    expect(annotator.state()).toMatchObject({ memberFilter: ONLY_ME, members: ['李华', '王小明'] });

    annotator.filterMembers('李华', me);
    expect(shown()).toEqual(['坚持执法', '最后一道防线']);
    expect(marks()).toBe('坚持执法|最后一道防线');

    annotator.filterMembers('', me);
    expect(shown()).toHaveLength(3);
  });

  it('re-attaches an unplaced annotation to a new selection, keeping its note', async () => {
    const { annotator, backend, rangeOf } = setUp();
    const id = annotator.create(rangeOf('坚持执法为民'), 'blue')!;
    annotator.update(id, { note: '重点' });
    await annotator.idle();
    document.getElementById('root')!.innerHTML = '<p>第一段：全部改写过的内容。</p>';
    annotator.pageChanged();
    annotator.reanchor();
    expect(annotator.hasUnplaced()).toBe(true);
    expect(annotator.reattach(id, rangeOf('改写过的内容'))).toBe(true);
    await annotator.idle();
    expect(backend.records.get(id)).toMatchObject({ note: '重点', quote: { exact: '改写过的内容' } });
    expect(annotator.hasUnplaced()).toBe(false);
  });

  it('puts a deleted annotation back on undo with its author and creation time', async () => {
    const { annotator, backend, rangeOf, marks } = setUp();
    const id = annotator.create(rangeOf('公正司法'), 'pink')!;
    await annotator.idle();
    const original = backend.records.get(id)!;
    annotator.remove(id);
    expect(marks()).toBe('');
    expect(annotator.state().deleted?.input.id).toBe(id);
    await annotator.idle();
    expect(backend.records.has(id)).toBe(false);
    annotator.undoRemove();
    await annotator.idle();
    expect(backend.log.at(-1)).toBe('restore');
    expect(backend.records.get(id)).toEqual(original);
    expect(marks()).toBe('公正司法');
  });

  it('does not paint a deleted highlight again when a save sent before the delete is answered after it', async () => {
    const { annotator, backend, rangeOf, marks } = setUp();
    const id = annotator.create(rangeOf('公正司法'), 'pink')!;
    await annotator.idle();
    // The next save is held, and meanwhile another tab turned the highlight blue.
    let answer!: () => void;
    const save = backend.store.save;
    backend.store.save = (input, base) =>
      new Promise((resolve) => (answer = () => resolve(save({ ...input, color: 'blue' }, base))));
    annotator.update(id, { note: '笔记' });
    annotator.remove(id);
    expect(marks()).toBe('');
    answer();
    await annotator.idle();
    expect(backend.records.has(id)).toBe(false);
    expect(marks()).toBe('');
    // Undo brings it back in the colour the other tab gave it.
    annotator.undoRemove();
    await annotator.idle();
    expect(marks()).toBe('公正司法');
    expect(backend.records.get(id)?.color).toBe('blue');
  });

  it('keeps a change that could not be saved, reports it, and saves it on retry', async () => {
    const { annotator, backend, rangeOf } = setUp();
    backend.fail(true);
    const id = annotator.create(rangeOf('公平正义'), 'yellow')!;
    await annotator.idle();
    expect(annotator.state().save.failed.map((failure) => failure.id)).toEqual([id]);
    expect(annotator.state().annotations).toHaveLength(1);
    backend.fail(false);
    annotator.retryFailed();
    await annotator.idle();
    expect(annotator.state().save.failed).toEqual([]);
    expect(backend.records.has(id)).toBe(true);
  });

  it('sends a note typed quickly as its latest text', async () => {
    const { annotator, backend, rangeOf } = setUp();
    const id = annotator.create(rangeOf('执法为民'), 'yellow')!;
    for (const note of ['一', '一二', '一二三']) annotator.update(id, { note } satisfies Partial<AnnotationInput>);
    await annotator.idle();
    expect(backend.records.get(id)!.note).toBe('一二三');
    expect(backend.log).toEqual(['save ', 'save 一二三']);
  });
});

describe('placing a page’s annotations within its time', () => {
  it('leaves what it had no time for unplaced and out of time, and places it when asked to try again, with more time', async () => {
    document.body.innerHTML = `<div id="root">${ARTICLE}</div>`;
    const root = document.getElementById('root')!;
    const asked: boolean[] = [];
    const annotator = createPageAnnotator({
      url: () => URL,
      root: () => root,
      painter: createPainter(document, { forceWrappers: true, names: PAINT_NAMES }),
      store: fakeStore().store,
      isRetryable: () => true,
      retryDelaysMs: [],
      // On its own the time is gone at once; when the reader asks again there is time enough.
      anchoringDeadline: (patient) => {
        asked.push(patient);
        return {
          check() {
            if (!patient) throw new PageLimitError({ kind: 'time', found: 1, limit: 0 });
          },
        };
      },
    });
    const { text } = buildTextIndex(root);
    // The site changed one character of the passage: placing it needs the fuzzy search that the
    // time limit stops.
    const start = text.indexOf('公正司法');
    const record = {
      id: crypto.randomUUID(),
      url: URL,
      quote: { exact: '公正司法乃维护社会公平正义', prefix: '第二段：', suffix: '的最后一道' },
      position: { start, end: start + 13 },
      color: 'yellow' as const,
      note: '',
      tags: [],
      articleId: 'a',
      urlKey: URL,
      author: '',
      createdAt: '2024-01-01T00:00:00.000Z',
      updatedAt: '2024-01-01T00:00:00.000Z',
    };
    annotator.load([record]);
    expect(annotator.state()).toMatchObject({
      outOfTime: 1,
      annotations: [{ placement: { status: 'unplaced', outOfTime: true } }],
    });
    annotator.reanchor(true);
    expect(asked).toEqual([false, true]);
    expect(annotator.state()).toMatchObject({ outOfTime: 0, annotations: [{ placement: { status: 'fuzzy', start } }] });
  });
});

describe('painting a page’s annotations on the live page', () => {
  it('gives the page its turn between highlights: no task is longer than a slice and one highlight', async () => {
    const paragraphs = Array.from({ length: 60 }, (_, n) => `<p>第${n}段：基层治理工作第${n}次取得新成效。</p>`);
    document.body.innerHTML = `<div id="root">${paragraphs.join('')}</div>`;
    const root = document.getElementById('root')!;
    const index = buildTextIndex(root);
    // The clock moves only when a highlight is painted (5 ms) or the page takes its turn.
    let now = 0;
    let taskStart = 0;
    const tasks: number[] = [];
    const clock = {
      now: () => now,
      async yieldToPage() {
        tasks.push(now - taskStart);
        now += 7;
        taskStart = now;
      },
    };
    const painter = createPainter(document, { forceWrappers: true, names: PAINT_NAMES });
    const painted = new Set<string>();
    const timedPainter = {
      ...painter,
      paint(id: string, range: Range, color: AnnotationInput['color']) {
        now += 5;
        painted.add(id);
        painter.paint(id, range, color);
      },
    };
    const records = Array.from({ length: 60 }, (_, n) => {
      const start = index.text.indexOf(`第${n}次`);
      return storedRecord(describeOffsets(index, start, start + 6)!);
    });
    const annotator = createPageAnnotator({
      url: () => URL,
      root: () => root,
      painter: timedPainter,
      store: fakeStore().store,
      isRetryable: () => true,
      slices: { clock },
    });
    annotator.load(records);
    for (let turn = 0; turn < 1_000 && painted.size < 60; turn++) await new Promise((done) => setTimeout(done, 0));
    tasks.push(now - taskStart);
    expect(painted.size).toBe(60);
    expect(root.querySelectorAll(PAINT_NAMES.mark)).toHaveLength(60);
    expect(Math.max(...tasks)).toBeLessThanOrEqual(16 + 5);
  });
});
