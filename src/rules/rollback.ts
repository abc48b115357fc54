// Which freight collection `kargo rollback` returns a Stage to.
//
// A previous collection qualifies when it was verified in this Stage: its own
// verificationHistory holds a Successful entry (the controller records one even for
// Stages without spec.verification, §5.1 step 6). When an entry carries no
// verification history at all, every item's Freight having verifiedIn[stage] counts
// instead.

import type { Freight, FreightCollection, FreightReference, Stage } from '../model/kargo.js';

export interface RollbackChoice {
  /** freightHistory[0]. */
  from: FreightCollection;
  to: FreightCollection;
  /** Index of `to` in status.freightHistory. */
  historyIndex: number;
  /** Items of `to` that differ from the current collection: one Promotion each. */
  toPromote: FreightReference[];
  verifiedBy: 'verification-history' | 'freight-verified-in' | 'explicit';
}

export class RollbackError extends Error {
  override name = 'RollbackError';
  constructor(
    readonly reason: 'no-current-freight' | 'no-previous-verified' | 'target-not-in-history' | 'target-is-current',
    message: string,
  ) {
    super(message);
  }
}

export interface RollbackOptions {
  /** Explicit target: a Freight name, name prefix, or alias found in the Stage's history. */
  to?: string;
  /** Freight of the project, to read verifiedIn and aliases. */
  freight?: Freight[];
}

export function chooseRollbackTarget(stage: Stage, options: RollbackOptions = {}): RollbackChoice {
  throw new Error(`not implemented: ${stage.metadata.name} ${String(options.to)}`);
}
