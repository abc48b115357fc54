// A Stage's current verification and what `kargo verify` may do with it
// (kargo-semantics.md §4.2, §4.3, §5).

import type { FreightCollection, Stage, VerificationInfo, VerificationPhase } from '../model/kargo.js';

export const REVERIFY_ANNOTATION = 'kargo.akuity.io/reverify';
export const ABORT_ANNOTATION = 'kargo.akuity.io/abort';

export function isTerminalVerification(phase: VerificationPhase | '' | undefined): boolean {
  throw new Error(`not implemented: ${String(phase)}`);
}

export interface CurrentVerification {
  collection: FreightCollection;
  /** verificationHistory[0] of the current collection, if any. */
  latest?: VerificationInfo;
}

/** freightHistory[0] and its latest VerificationInfo; undefined when the Stage has no current freight. */
export function currentVerification(stage: Stage): CurrentVerification | undefined {
  throw new Error(`not implemented: ${stage.metadata.name}`);
}

export type VerificationActionRefusal = 'no-current-freight' | 'no-verification' | 'no-verification-id' | 'still-running' | 'already-finished';

export type VerificationActionDecision =
  | { allowed: true; verificationId: string; annotation: string; value: string; latest: VerificationInfo }
  | { allowed: false; reason: VerificationActionRefusal; message: string; latest?: VerificationInfo };

/** May the current Freight be re-verified (the latest verification must be terminal)? */
export function decideReverify(stage: Stage): VerificationActionDecision {
  throw new Error(`not implemented: ${stage.metadata.name}`);
}

/** May the running verification be aborted? A finished one yields `already-finished` (a no-op, not an error). */
export function decideAbortVerification(stage: Stage): VerificationActionDecision {
  throw new Error(`not implemented: ${stage.metadata.name}`);
}
