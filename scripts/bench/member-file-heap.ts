/**
 * What one member's file of `bench:sync` holds in a JavaScript heap while a sync has it: its
 * text, the text parsed, and the notes `readMemberFile` checked out of it — each measured as the
 * heap it keeps after a full collection, against the file's size. The service worker's peak
 * during a join (`bench:sync`) also counts garbage not yet collected; this separates what the
 * parse itself keeps. Run with `node --expose-gc --import tsx scripts/bench/member-file-heap.ts`.
 */
import { extractChineseArticles } from '../corpus/chinese-articles';
import { memberFileText, readMemberFile } from '../../utils/sync/member-file';
import { generateNotes } from './generated-notes';

const collect = (globalThis as { gc?: () => void }).gc;
if (!collect) throw new Error('run with node --expose-gc');

/** The heap `make` keeps alive, after a full collection before and after. */
function kept<T>(make: () => T): { bytes: number; value: T } {
  collect!();
  const before = process.memoryUsage().heapUsed;
  const value = make();
  collect!();
  return { bytes: process.memoryUsage().heapUsed - before, value };
}

const extracts = extractChineseArticles().map((entry) => entry.extract);
const id = crypto.randomUUID();
const name = '成员2';
// As bench:sync makes a member's file: 100 articles, ten notes on each.
const library = generateNotes(extracts, 100, 10, 101);
const annotations = library.annotations.map((annotation) => ({ ...annotation, author: name, creatorId: id }));
const text = kept(() =>
  // A copy of its own, as a download makes it: nothing else holds its characters.
  `${memberFileText({
    member: { id, name },
    bundle: {
      generatedAt: '',
      versions: [],
      articles: library.articles.map((article) => ({
        article,
        annotations: annotations.filter((annotation) => annotation.urlKey === article.urlKey),
      })),
    },
    tombstones: [],
  })} `.trimEnd(),
);
const fileBytes = Buffer.byteLength(text.value);
const parsed = kept(() => JSON.parse(text.value) as unknown);
const checked = kept(() => readMemberFile(text.value, id, fileBytes));
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB (×${(bytes / fileBytes).toFixed(2)})`;
console.log(`member file: ${(fileBytes / 1024 / 1024).toFixed(2)} MB of UTF-8, ${text.value.length} characters`);
console.log(`kept in the heap: the text ${mb(text.bytes)}, parsed ${mb(parsed.bytes)}, checked ${mb(checked.bytes)}`);
console.log(`one file held as a sync holds it (text and checked notes): ${mb(text.bytes + checked.bytes)}`);
void [parsed.value, checked.value];
