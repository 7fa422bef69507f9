import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Where the hostile tests leave their figures for `scripts/hostile/report.ts` to add up. */
export const HOSTILE_PARTS_DIR = resolve(import.meta.dirname, '../../bench-results/hostile-parts');

export interface HostileFigures {
  /** Payloads or faults tried, and how many of them ran script or lost a record (must be 0). */
  payloadsTried?: number;
  payloadsExecuted?: number;
  faultsInjected?: number;
  recordsLost?: number;
  /** Bad pages: the longest main-thread block each caused, in ms. */
  badPages?: { page: string; longestBlockMs: number; outcome: string }[];
  notes?: string[];
}

export function writeHostileFigures(part: string, figures: HostileFigures) {
  mkdirSync(HOSTILE_PARTS_DIR, { recursive: true });
  writeFileSync(resolve(HOSTILE_PARTS_DIR, `${part}.json`), `${JSON.stringify(figures, null, 2)}\n`);
}
