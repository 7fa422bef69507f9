import { openDatabase } from '../../store/database';
import type { StoredArticle } from '../../utils/model/article';
import { loadExportBundle } from '../../store/export-snapshot';
import { buildExportFile, type ExportFormat } from '../../utils/export/export-file';
import { ZH_LABELS } from '../../utils/export/export-labels';
import { exportSettings } from '../../utils/export/export-settings';
import type { AnnotationRecord } from '../../utils/model/annotation';

/**
 * Runs in an extension page of the benchmark's browser, on Pizhu's real database: stores a
 * generated library, times each export format from the database to the finished file, and the
 * baselines — the same read with a plain JSON dump, and an unchecked bulk write of records.
 */
const FORMATS: ExportFormat[] = ['annotated-docx', 'annotated-html', 'docx', 'markdown', 'json', 'csv'];
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function store(articles: StoredArticle[], annotations: AnnotationRecord[]) {
  const db = openDatabase();
  await db.transaction('rw', [db.articles, db.annotations], async () => {
    await db.articles.bulkPut(articles);
    await db.annotations.bulkPut(annotations);
  });
  db.close();
}

/** Times `formats` (every format but 全文 Markdown unless told) and the plain JSON dump, each `repeats` times. */
async function timeExports(repeats: number, formats: ExportFormat[] = FORMATS) {
  const db = openDatabase();
  const times: Record<string, number> = {};
  const sizes: Record<string, number> = {};
  for (const format of [...formats, 'plain-json-dump'] as const) {
    const runs: number[] = [];
    for (let run = 0; run < repeats; run++) {
      const start = performance.now();
      const bundle = await loadExportBundle(db, 'all');
      const data =
        format === 'plain-json-dump'
          ? JSON.stringify(bundle)
          : (
              await buildExportFile(bundle, format, {
                labels: ZH_LABELS,
                settings: exportSettings({ timeZone: 'Asia/Shanghai', fallbackAuthor: '组员' }),
                collectionId: crypto.randomUUID(),
              })
            ).data;
      runs.push(performance.now() - start);
      sizes[format] = typeof data === 'string' ? new Blob([data]).size : data.byteLength;
    }
    times[format] = median(runs);
  }
  db.close();
  return { times, sizes };
}

/** The floor for an import: the same records written with no checks, no merge, no search index. */
async function timeUncheckedWrite(articles: StoredArticle[], annotations: AnnotationRecord[]) {
  const db = openDatabase(`bench-unchecked-${crypto.randomUUID()}`);
  await db.open();
  const start = performance.now();
  await db.transaction('rw', [db.articles, db.annotations], async () => {
    await db.articles.bulkAdd(articles);
    await db.annotations.bulkAdd(annotations);
  });
  const ms = performance.now() - start;
  await db.delete();
  return ms;
}

(globalThis as unknown as { exportBench: unknown }).exportBench = { store, timeExports, timeUncheckedWrite };
