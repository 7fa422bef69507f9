import type { ErrorCode } from '../errors';
import type { IgnoredClaims, RefusedFile, SyncMergeCounts } from './run-sync';

/** How a sync went, as the popup and the library show it. */
export interface SyncOutcomeSummary {
  at: string;
  ok: boolean;
  code?: ErrorCode;
  /** Member files in the folder. */
  members?: number;
  merged?: SyncMergeCounts;
  refused?: RefusedFile[];
  /** Merged files that also said something about others' notes: what they said was ignored. */
  ignored?: IgnoredClaims[];
}
