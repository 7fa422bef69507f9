// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { buildTextIndex, rangeOfOffsets } from '@/utils/anchor/text-index';
import { createPageAnnotator, type AnnotationStore } from '@/utils/annotate/page-annotator';
import { listAnnotationsForUrl, saveAnnotation } from '@/store/annotation-store';
import { openDatabase, type PizhuDatabase } from '@/store/database';
import { createPainter } from '@/utils/highlight/paint-highlights';
import { sampleExtract } from '../support/sample-extract';

const URL = 'http://www.test.gov.cn/a/content_1.htm';

let db: PizhuDatabase;
afterEach(async () => {
  await db.delete();
});

/** One tab: its own copy of the page and an annotator that saves through the real store code. */
async function openTab(root: HTMLElement) {
  const store: AnnotationStore = {
    save: (input, base) =>
      saveAnnotation(
        db,
        { ...input, base },
        { author: '小王', loadArticle: async () => sampleExtract(URL, '测试文章') },
      ),
    delete: async () => null,
    restore: async (record) => record,
  };
  const annotator = createPageAnnotator({
    url: () => URL,
    root: () => root,
    painter: createPainter(document, { forceWrappers: true }),
    store,
    isRetryable: () => false,
    retryDelaysMs: [],
  });
  annotator.load(await listAnnotationsForUrl(db, URL));
  return annotator;
}

describe('two tabs editing the same annotation', () => {
  it('keeps one tab’s note when the other, holding an older copy, changes only the colour', async () => {
    db = openDatabase(`concurrent-${crypto.randomUUID()}`);
    document.body.innerHTML =
      '<div id="a"><p>正文第一段。正文第二段。</p></div><div id="b"><p>正文第一段。正文第二段。</p></div>';
    const rootA = document.getElementById('a')!;
    const first = await openTab(rootA);
    const index = buildTextIndex(rootA);
    const range = rangeOfOffsets(index, index.text.indexOf('第二段'), index.text.indexOf('第二段') + 3)!;
    const id = first.create(range, 'yellow')!;
    await first.idle();

    // Tab B opens with the highlight as stored: yellow, no note.
    const second = await openTab(document.getElementById('b')!);
    first.update(id, { note: '甲标签页写的批注' });
    await first.idle();
    second.update(id, { color: 'green' });
    await second.idle();

    const [stored] = await listAnnotationsForUrl(db, URL);
    expect(stored).toMatchObject({ color: 'green', note: '甲标签页写的批注' });
    // Tab B now shows the note it had not seen.
    expect(second.get(id)?.input.note).toBe('甲标签页写的批注');
  });
});
