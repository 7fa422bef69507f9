import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackgroundMessageHandler } from '@/entrypoints/background/handlers';
import { openDatabase, type PizhuDatabase } from '@/store/database';
import { backgroundMessages, type SenderInfo } from '@/utils/messages';
import { seededRandom } from '../../scripts/bench/seeded-random';
import { writeHostileFigures } from '../support/hostile-report';
import { clip, highlight, outlinedArticle, snapshot } from '../support/notes-fixture';
import { PizhuError } from '@/utils/errors';

const notSetUp = () => Promise.reject(new PizhuError('sync-not-set-up', 'no group sync in this test'));

const EXTENSION_ID = 'pizhu-fuzz';
const ORIGIN = `chrome-extension://${EXTENSION_ID}/`;
const URL = 'http://www.test.gov.cn/a/content_1.htm';
const SENDERS: [string, SenderInfo][] = [
  ['extension page', { id: EXTENSION_ID, url: `${ORIGIN}library.html` }],
  ['content script', { id: EXTENSION_ID, url: URL, tab: { id: 3 } }],
  ['another extension', { id: 'intruder', url: 'chrome-extension://intruder/x.html' }],
  ['a web page', { url: 'http://evil.example/' }],
];

const SAVE = {
  id: '6f1c7c3e-2a4b-4c5d-8e9f-0a1b2c3d4e5f',
  url: URL,
  quote: { exact: '坚持问题导向', prefix: '', suffix: '' },
  position: { start: 0, end: 6 },
  color: 'yellow',
  note: '',
  tags: [],
};

/** A valid payload of each message, to mutate into invalid ones. */
const VALID: Record<keyof typeof backgroundMessages, unknown> = {
  'page.report': { url: URL, isArticle: true, score: 3, reasons: ['a'], metadata: null },
  'page.activate': { tabId: 3 },
  'page.treatAsArticle': { tabId: 3 },
  'article.clip': { tabId: 3, mode: 'article' },
  'article.correct': { tabId: 3, url: URL, fields: { source: '测试日报', published: '2024-03-05 10:20' } },
  'annotations.forPage': { url: URL },
  'annotation.save': SAVE,
  'annotation.delete': { id: '6f1c7c3e-2a4b-4c5d-8e9f-0a1b2c3d4e5f' },
  'annotation.restore': {
    ...SAVE,
    articleId: '7f1c7c3e-2a4b-4c5d-8e9f-0a1b2c3d4e5f',
    urlKey: URL,
    author: '',
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-01T00:00:00.000Z',
  },
  'annotations.tags': {},
  'replies.forAnnotations': { ids: ['6f1c7c3e-2a4b-4c5d-8e9f-0a1b2c3d4e5f'] },
  'reply.save': {
    id: '8f1c7c3e-2a4b-4c5d-8e9f-0a1b2c3d4e5f',
    annotationId: '6f1c7c3e-2a4b-4c5d-8e9f-0a1b2c3d4e5f',
    text: '同意',
  },
  'reply.delete': { id: '8f1c7c3e-2a4b-4c5d-8e9f-0a1b2c3d4e5f' },
  'sync.run': {},
  'library.changed': {},
  'page.read': { html: '<p>正文</p>', url: URL, mustExtract: false, userSaysArticle: false, asked: false },
};

const STRINGS = [
  '',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '__proto__',
  '长'.repeat(100_001),
  '\u0000',
  'http://',
  '-1',
];

/** Values of every kind a page could get through structured cloning. */
function randomValue(next: () => number, depth = 0): unknown {
  const kind = Math.floor(next() * (depth > 3 ? 6 : 8));
  switch (kind) {
    case 0:
      return null;
    case 1:
      return undefined;
    case 2:
      return [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, -(2 ** 31)][Math.floor(next() * 7)];
    case 3:
      return STRINGS[Math.floor(next() * STRINGS.length)];
    case 4:
      return next() < 0.5;
    case 5:
      return new Date(next() * 1e12);
    case 6:
      return Array.from({ length: Math.floor(next() * 4) }, () => randomValue(next, depth + 1));
    default: {
      const object: Record<string, unknown> = JSON.parse('{"__proto__": {"polluted": true}}');
      for (let k = 0; k < 3; k++)
        object[STRINGS[Math.floor(next() * STRINGS.length)]!.slice(0, 20) || 'key'] = randomValue(next, depth + 1);
      return object;
    }
  }
}

/** A valid payload broken in one place: a field dropped, retyped, oversized, or an unknown one added. */
function mutate(valid: unknown, next: () => number): unknown {
  const copy = structuredClone(valid) as Record<string, unknown>;
  const paths: string[][] = [];
  const walk = (value: unknown, path: string[]) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const key of Object.keys(value)) {
        paths.push([...path, key]);
        walk((value as Record<string, unknown>)[key], [...path, key]);
      }
    }
  };
  walk(copy, []);
  const choice = Math.floor(next() * 4);
  if (paths.length === 0 || choice === 3) {
    copy[['__proto__', 'constructor', 'extra', 'onload'][Math.floor(next() * 4)]!] = randomValue(next);
    return copy;
  }
  const path = paths[Math.floor(next() * paths.length)]!;
  const parent = path
    .slice(0, -1)
    .reduce<Record<string, unknown>>((at, key) => at[key] as Record<string, unknown>, copy);
  const key = path[path.length - 1]!;
  if (choice === 0) delete parent[key];
  else if (choice === 1) parent[key] = randomValue(next);
  else parent[key] = typeof parent[key] === 'string' ? `${'x'.repeat(60_000)}javascript:` : '1e999';
  return copy;
}

let db: PizhuDatabase;
beforeAll(async () => {
  db = openDatabase(`fuzz-${crypto.randomUUID()}`);
  const article = outlinedArticle(URL, '测试文章');
  await clip(db, article, 1_000);
  await highlight(db, article, '坚持问题导向', { author: '小王', time: 2_000, note: '批注', tags: ['标签'] });
});
afterAll(async () => {
  await db.delete();
});

describe('the background under random and malformed messages', () => {
  it('answers every one with an error and changes nothing', async () => {
    const handle = createBackgroundMessageHandler(db, EXTENSION_ID, ORIGIN, notSetUp);
    const before = await snapshot(db);
    const next = seededRandom(20261126);
    const codes = new Map<string, number>();
    let tried = 0;
    const answers: unknown[] = [];
    for (const [type, valid] of Object.entries(VALID) as [keyof typeof backgroundMessages, unknown][]) {
      for (let run = 0; run < 60; run++) {
        const payload = run % 2 === 0 ? randomValue(next) : mutate(valid, next);
        // A mutation that still happens to be valid is not a malformed message; leave it out.
        if (v.safeParse(backgroundMessages[type].payload, payload).success) continue;
        for (const [, sender] of SENDERS) {
          tried += 1;
          answers.push(await handle({ type, payload }, sender));
        }
      }
    }
    // Envelopes that are not messages at all, and names that do not exist.
    for (let run = 0; run < 100; run++) {
      const raw =
        run % 2 === 0
          ? randomValue(next)
          : { type: ['', 'db.clear', '__proto__', 'annotation.save '.repeat(10)][run % 4], payload: randomValue(next) };
      tried += 1;
      answers.push(await handle(raw, SENDERS[run % SENDERS.length]![1]));
    }
    for (const answer of answers) {
      expect(answer).toMatchObject({ ok: false });
      const code = (answer as { error: { code: string } }).error.code;
      codes.set(code, (codes.get(code) ?? 0) + 1);
      expect(['bad-message', 'unknown-message', 'forbidden-sender', 'bad-payload']).toContain(code);
    }
    expect(tried).toBeGreaterThan(1_000);
    const after = await snapshot(db);
    const lost = [...before.articles, ...before.annotations].filter(
      (record) => !JSON.stringify(after).includes(JSON.stringify(record)),
    ).length;
    expect(after).toEqual(before);
    expect(Object.prototype).not.toHaveProperty('polluted');
    writeHostileFigures('message-fuzz', {
      faultsInjected: tried,
      recordsLost: lost,
      notes: [
        `${tried} random or malformed messages over ${Object.keys(VALID).length} types and 4 senders: ${[...codes].map(([code, n]) => `${code} ${n}`).join(', ')}`,
      ],
    });
  });
});
