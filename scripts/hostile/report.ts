/**
 * Adds up what the hostile tests left in bench-results/hostile-parts/ (payloads tried and run,
 * faults injected and records lost, bad pages and the longest main-thread block each caused),
 * prints one table and writes bench-results/hostile.json. Exits non-zero when a part is missing
 * or a must-be-zero figure is not zero.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { HOSTILE_PARTS_DIR, type HostileFigures } from '../../tests/support/hostile-report';

const EXPECTED_PARTS = [
  'xss',
  'message-fuzz',
  'storage-faults',
  'page-leak',
  'bad-pages',
  'worker-stopped-import',
  'two-tabs',
  'firefox-history',
];

function main() {
  const parts = existsSync(HOSTILE_PARTS_DIR)
    ? readdirSync(HOSTILE_PARTS_DIR).filter((file) => file.endsWith('.json'))
    : [];
  const figures = Object.fromEntries(
    parts.map((file) => [
      file.replace(/\.json$/, ''),
      JSON.parse(readFileSync(resolve(HOSTILE_PARTS_DIR, file), 'utf8')) as HostileFigures,
    ]),
  );
  if (parts.length === 0) {
    console.error('No hostile test has left its figures yet: run npm run test:hostile (or npm test) first.');
    process.exit(1);
  }
  const missing = EXPECTED_PARTS.filter((part) => !figures[part]);
  const sum = (key: 'payloadsTried' | 'payloadsExecuted' | 'faultsInjected' | 'recordsLost') =>
    Object.values(figures).reduce((total, part) => total + (part[key] ?? 0), 0);
  const totals = {
    payloadsTried: sum('payloadsTried'),
    payloadsExecuted: sum('payloadsExecuted'),
    faultsInjected: sum('faultsInjected'),
    recordsLost: sum('recordsLost'),
  };

  console.log('Hostile input report');
  console.log(
    `  payloads tried      ${String(totals.payloadsTried).padStart(7)}   executed ${totals.payloadsExecuted} (must be 0)`,
  );
  console.log(
    `  faults injected     ${String(totals.faultsInjected).padStart(7)}   records lost ${totals.recordsLost} (must be 0)`,
  );
  console.log('  bad pages (longest main-thread block while loading, page and content script together):');
  for (const page of figures['bad-pages']?.badPages ?? [])
    console.log(`    ${page.page.padEnd(26)} ${String(page.longestBlockMs).padStart(6)} ms   ${page.outcome}`);
  for (const [name, part] of Object.entries(figures))
    for (const note of part.notes ?? []) console.log(`  [${name}] ${note}`);
  if (missing.length > 0) console.log(`  missing parts (their tests did not run): ${missing.join(', ')}`);

  writeFileSync(
    resolve(HOSTILE_PARTS_DIR, '../hostile.json'),
    `${JSON.stringify({ date: new Date().toISOString(), totals, parts: figures, missing }, null, 2)}\n`,
  );
  console.error('Wrote bench-results/hostile.json');
  if (missing.length > 0 || totals.payloadsExecuted > 0 || totals.recordsLost > 0) process.exitCode = 1;
}

main();
