import type { ErrorCode } from '../errors';
import type { RefusedFile, SyncMergeCounts } from './run-sync';

/** How a sync went, as the popup and the library show it. */
export interface SyncOutcomeSummary {
  at: string;
  ok: boolean;
  code?: ErrorCode;
  /** Member files in the folder. */
  members?: number;
  merged?: SyncMergeCounts;
  refused?: RefusedFile[];
}
