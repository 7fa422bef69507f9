// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type PizhuDatabase } from '@/store/database';
import { syncLibrary } from '@/store/group-sync-store';
import { readMultistatus } from '@/utils/sync/multistatus';
import { readMemberFile } from '@/utils/sync/member-file';
import { highlight, outlinedArticle } from '../support/notes-fixture';

/**
 * The listing parser and the member-file reader read what a server or a member wrote, so their
 * time must grow linearly with the input whatever its shape. Each hostile shape is read at a size
 * and at eight times that size; linear work takes about 8 times as long, quadratic work 64 times.
 * The bound (24, near the geometric middle of 8 and 64) is the ratio of two timings on the same machine, each the
 * best of several runs, so the machine's speed cancels out. They are this process's CPU time, not the clock's: time
 * spent waiting for a core on a busy machine is not the parser's. A floor of 1 ms on the small timing keeps the
 * clock's resolution from making a ratio of two tiny numbers.
 */

const GROWTH = 8;
const BOUND = 24;

/** Milliseconds of CPU this process spent (user and system). */
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1_000;
};

function bestOf(run: () => void): number {
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    const started = cpuMs();
    try {
      run();
    } catch {
      // A refused input counts as read: what is measured is the time it took to refuse it.
    }
    best = Math.min(best, cpuMs() - started);
  }
  return best;
}

function growth(read: (input: string) => unknown, shape: (units: number) => string, units: number) {
  const small = shape(units);
  const large = shape(units * GROWTH);
  // Warm the code up on the small input first, so the comparison is of the same compiled code.
  bestOf(() => read(small));
  return (
    bestOf(() => read(large)) /
    Math.max(
      bestOf(() => read(small)),
      1,
    )
  );
}

const FOLDER = '/dav/pizhu/';
const root = (inner: string, attributes = '') => `<d:multistatus xmlns:d="DAV:"${attributes}>${inner}</d:multistatus>`;
const entry = (index: number) =>
  `<d:response><d:href>${FOLDER}${index}.json</d:href><d:propstat><d:prop><d:getetag>"${index}"</d:getetag>` +
  `</d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>`;

/** Listing shapes, each about 25 bytes a unit; at 16,000 units the large input is about 3 MB (the cap is 4 MB). */
const LISTINGS: Record<string, (units: number) => string> = {
  'unclosed responses': (units) => root(`<d:response><d:href>${FOLDER}x.json</d:href>`.repeat(units / 2)),
  'unclosed responses, no end': (units) => `<d:multistatus xmlns:d="DAV:">${'<d:response>'.repeat(units * 2)}`,
  'complete responses past the entry limit': (units) =>
    root(Array.from({ length: units / 4 }, (_, index) => entry(index)).join('')),
  'nesting up to the depth limit, again and again': (units) =>
    root(`${'<d:prop>'.repeat(60)}${'</d:prop>'.repeat(60)}`.repeat(units / 40)),
  'close tags that match nothing': (units) => root(`${'<d:prop>'.repeat(60)}${'</d:x>'.repeat(units * 4)}`),
  'a long attribute run': (units) => root(entry(1), ' a="1"'.repeat(units * 4)),
  'many namespaces': (units) =>
    root(
      Array.from(
        { length: units / 4 },
        (_, index) =>
          `<n${index}:response xmlns:n${index}="urn:x:${index}"><n${index}:href>/x</n${index}:href></n${index}:response>`,
      ).join(''),
    ),
  'a quote that never closes': (units) => root(`<d:response a="${'x'.repeat(units * 25)}`),
  'a tag that never ends': (units) => root('<'.repeat(units * 25)),
  'a comment that never ends': (units) => root(`<!--${'-'.repeat(units * 25)}`),
  'entities in an href': (units) =>
    root(`<d:response><d:href>${'&amp;&#x4e00;&bogus'.repeat(units)}</d:href></d:response>`),
};

describe('the listing parser grows linearly with any listing', () => {
  for (const [name, shape] of Object.entries(LISTINGS)) {
    it(name, () => {
      expect(shape(16_000).length).toBeLessThan(4 * 1024 * 1024);
      expect(growth((xml) => readMultistatus(xml, FOLDER), shape, 2_000)).toBeLessThan(BOUND);
    });
  }
});

describe('the member-file reader grows linearly with any file', () => {
  const memberId = crypto.randomUUID();
  let db: PizhuDatabase;
  let file: { total: number; first: { items: Record<string, unknown>[] }; pizhu: Record<string, unknown> };
  beforeAll(async () => {
    db = openDatabase(`growth-${crypto.randomUUID()}`);
    const article = outlinedArticle('http://www.test.gov.cn/a/content_1.htm', '文章');
    await highlight(db, article, '坚持问题导向', { author: '小王', time: 1_000, note: '甲', memberId });
    file = JSON.parse(await syncLibrary(db, { id: memberId, name: '小王' }).ownFileText()) as typeof file;
  });
  afterAll(async () => db?.delete());

  const withItems = (items: Record<string, unknown>[]) =>
    JSON.stringify({ ...file, total: items.length, first: { ...file.first, items } });
  const copies = (count: number, creator?: string) =>
    Array.from({ length: count }, () => ({
      ...file.first.items[0]!,
      id: `urn:uuid:${crypto.randomUUID()}`,
      ...(creator ? { creator: { id: `urn:uuid:${creator}`, name: '别人' } } : {}),
    }));

  const FILES: Record<string, (units: number) => string> = {
    'many notes of the member': (units) => withItems(copies(units / 4)),
    'many notes claiming another member': (units) => withItems(copies(units / 4, crypto.randomUUID())),
    'deep nesting': (units) =>
      JSON.stringify({ ...file, extra: 0 }).replace(
        '"extra":0',
        `"extra":${'['.repeat(units * 10)}${']'.repeat(units * 10)}`,
      ),
    'many keys in one object': (units) =>
      JSON.stringify({
        ...file,
        pizhu: {
          ...file.pizhu,
          ...Object.fromEntries(Array.from({ length: units * 2 }, (_, index) => [`k${index}`, index])),
        },
      }),
    'one long string': (units) => withItems([{ ...file.first.items[0]!, bodyValue: '批'.repeat(units * 100) }]),
    'many tombstones': (units) =>
      JSON.stringify({
        ...file,
        pizhu: {
          ...file.pizhu,
          tombstones: Array.from({ length: units / 4 }, (_, index) => ({
            id: crypto.randomUUID(),
            kind: 'annotation',
            creatorId: memberId,
            deletedAt: new Date(index).toISOString(),
          })),
        },
      }),
  };

  for (const [name, shape] of Object.entries(FILES)) {
    it(name, () => {
      expect(growth((text) => readMemberFile(text, memberId), shape, 1_000)).toBeLessThan(BOUND);
    });
  }
});
