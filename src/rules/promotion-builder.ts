// The Promotion exactly as Kargo v1.11's mutating webhook builds it from a Stage
// and a piece of Freight (kargo-semantics.md §3.3), so the client can show it in a
// dry run and send a complete object to any Kargo version.

import type { Freight, Promotion, Stage } from '../model/kargo.js';
import type { UlidSource } from './promotion-name.js';
import type { PromotionTaskLookup } from './task-inflation.js';

export const STAGE_KEY = 'kargo.akuity.io/stage';
export const SHARD_LABEL = 'kargo.akuity.io/shard';
export const CREATE_ACTOR_ANNOTATION = 'kargo.akuity.io/create-actor';
export const ROLLBACK_ANNOTATION = 'kargo.akuity.io/rollback';

export interface BuildPromotionInput {
  stage: Stage;
  freight: Pick<Freight, 'metadata'>;
  tasks: PromotionTaskLookup;
  /** Kubernetes username of the caller; recorded as `kubernetes:<user>`. */
  actor: string;
  now: Date;
  ulid: UlidSource;
  rollback?: boolean;
}

export type PromotionBuildRefusal = 'control-flow-stage' | 'stage-selects-targets' | 'task-not-found' | 'missing-variable';

export class PromotionBuildError extends Error {
  override name = 'PromotionBuildError';
  constructor(
    readonly reason: PromotionBuildRefusal,
    message: string,
  ) {
    super(message);
  }
}

export function buildPromotion(input: BuildPromotionInput): Promotion {
  throw new Error(`not implemented: ${input.stage.metadata.name}`);
}
