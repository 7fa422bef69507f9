import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import jsonld from 'jsonld';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type PizhuDatabase } from '@/store/database';
import { loadExportBundle } from '@/store/export-snapshot';
import { saveReply } from '@/store/reply-store';
import type { ExportBundle } from '@/utils/export/export-bundle';
import { ANNO_CONTEXT, exportW3cJson, type W3cAnnotationCollection } from '@/utils/export/w3c-export';
import { readNotesFile } from '@/utils/import/read-notes-file';
import { memberFileText } from '@/utils/sync/member-file';
import { clip, highlight, outlinedArticle } from '../support/notes-fixture';

/**
 * The W3C JSON export checked with the Web Annotation Working Group's own tests (w3c/web-annotation-tests, kept in
 * tests/fixtures/w3c-annotation-tests under the W3C test-suite licence): every MUST assertion for a collection, its
 * page and each annotation, which the group wrote as JSON Schemas. And read by a JSON-LD processor, which must keep
 * Pizhu's own part rather than drop it.
 */
const SUITE = resolve(import.meta.dirname, '../fixtures/w3c-annotation-tests');
const json = (path: string) => JSON.parse(readFileSync(resolve(SUITE, path), 'utf8')) as Record<string, unknown>;

// The suite's schemas carry their own keywords (assertionType, errorMessage…); `format: uri` is checked.
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
for (const name of readdirSync(resolve(SUITE, 'definitions'))) ajv.addSchema(json(`definitions/${name}`));

/** A test file's MUST assertions, each a schema the object must satisfy: the ones it fails, with why. */
function failedMusts(testFile: string, subject: unknown): string[] {
  const { assertions } = json(testFile) as { assertions: string[] };
  const failed: string[] = [];
  for (const path of assertions) {
    const schema = json(path);
    const validate = ajv.getSchema(schema.id as string) ?? ajv.compile(schema);
    if (!validate(subject)) failed.push(`${path}: ${schema.errorMessage as string}`);
  }
  return failed;
}

/** The annotations and the page sit inside the collection and take its @context, as JSON-LD reads them. */
const withContext = (collection: W3cAnnotationCollection, node: object) => ({
  '@context': collection['@context'],
  ...node,
});

/** The W3C context from the suite's copy: nothing is fetched. */
const documentLoader = async (url: string) => {
  if (url !== ANNO_CONTEXT) throw new Error(`no network in tests: ${url}`);
  return { contextUrl: undefined, documentUrl: url, document: json('anno.jsonld') };
};

const URL = 'http://www.test.gov.cn/a/content_1.htm';
const article = outlinedArticle(URL, '关于推进测试工作的意见');
const MEMBER = { id: '2f1c1a54-5a38-4c55-9a51-6f1a4e0b7c21', name: '王小明' };
let db: PizhuDatabase;
let bundle: ExportBundle;

beforeAll(async () => {
  db = openDatabase(`test-${crypto.randomUUID()}`);
  await clip(db, article, 1_000);
  const noted = await highlight(db, article, '坚持问题导向', {
    author: MEMBER.name,
    memberId: MEMBER.id,
    time: 2_000,
    note: '这是重点',
    tags: ['方法', '重点'],
  });
  await highlight(db, article, '基本建成协同机制', { author: MEMBER.name, memberId: MEMBER.id, time: 3_000 });
  await saveReply(
    db,
    { id: crypto.randomUUID(), annotationId: noted.id, text: '同意' },
    { author: '李华', now: new Date(4_000) },
  );
  bundle = await loadExportBundle(db, 'all', new Date(5_000));
});
afterAll(() => db.delete());

describe('the W3C JSON export against the Web Annotation tests', () => {
  const files = () => {
    const exported = exportW3cJson(bundle, crypto.randomUUID(), 'notes');
    const member = JSON.parse(memberFileText({ member: MEMBER, bundle, tombstones: [] })) as W3cAnnotationCollection;
    return { exported, member };
  };

  it('passes every MUST for the collection and its page, in an export and in a member’s sync file', () => {
    for (const collection of Object.values(files())) {
      expect(failedMusts('collections/collectionMusts.test', collection)).toEqual([]);
      expect(collection.first, 'a collection with annotations has its page').toBeDefined();
      expect(failedMusts('collections/pages/pageMusts.test', withContext(collection, collection.first!))).toEqual([]);
      expect(collection.first!.partOf).toEqual({ id: collection.id });
      expect(collection.last).toBe(collection.first!.id);
    }
  });

  it('passes every MUST for each annotation and reply', () => {
    const { exported } = files();
    expect(exported.first!.items).toHaveLength(3);
    for (const item of exported.first!.items)
      expect(failedMusts('annotations/annotationMusts.test', withContext(exported, item))).toEqual([]);
  });

  it('writes an empty export as a collection without a page, which the model allows', () => {
    const empty = exportW3cJson({ ...bundle, articles: [] }, crypto.randomUUID(), 'notes');
    expect(empty.first).toBeUndefined();
    expect(failedMusts('collections/collectionMusts.test', empty)).toEqual([]);
    expect(readNotesFile(JSON.stringify(empty)).annotations).toEqual([]);
  });

  it('names the sync file apart from its member: one IRI is a person or a collection, not both', () => {
    const { member } = files();
    const people = member.first!.items.flatMap((item) => (item.creator?.id ? [item.creator.id] : []));
    expect(people).toContain(`urn:uuid:${MEMBER.id}`);
    expect(people).not.toContain(member.id);
    expect(member.id).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('keeps Pizhu’s part through JSON-LD: the collection’s and every annotation’s', async () => {
    const { exported } = files();
    const quads = (await jsonld.toRDF(
      exported as never,
      { format: 'application/n-quads', documentLoader } as never,
    )) as unknown as string;
    const lines = quads.trim().split('\n');
    const pizhu = lines.filter((line) => line.includes('<https://pizhu.invalid/ns#data>'));
    // The collection's part and one per annotation and reply, each a JSON literal.
    expect(pizhu).toHaveLength(1 + exported.first!.items.length);
    expect(pizhu.every((line) => line.includes('^^<http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON>'))).toBe(true);
    // And the model's own terms are read as the model's.
    expect(lines.some((line) => line.includes('<http://www.w3.org/ns/oa#hasSelector>'))).toBe(true);
  });

  it('still reads a file written before: a bare context, a TextPositionSelector, a page without id', () => {
    const { exported } = files();
    const older = JSON.parse(JSON.stringify(exported));
    older['@context'] = ANNO_CONTEXT;
    delete older.last;
    delete older.first.id;
    delete older.first.partOf;
    for (const item of older.first.items) {
      if (item.motivation === 'replying') continue;
      item.target.selector.push({ type: 'TextPositionSelector', ...item.pizhu.position });
      for (const body of item.body ?? []) if (body.purpose === 'tagging') delete body.format;
    }
    const read = readNotesFile(JSON.stringify(older));
    expect(read.annotations).toHaveLength(2);
    expect(read.annotations.find((note) => note.note === '这是重点')!.tags).toEqual(['方法', '重点']);
  });
});
