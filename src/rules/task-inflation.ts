// Expands `task:` steps of a Stage's promotion template into the steps of the
// referenced PromotionTask / ClusterPromotionTask (kargo-semantics.md §3.4).

import type { ExpressionVariable, PromotionStep, PromotionTask } from '../model/kargo.js';

export type PromotionTaskKind = 'PromotionTask' | 'ClusterPromotionTask';

/** Finds a task by kind and name; undefined when it does not exist. */
export type PromotionTaskLookup = (kind: PromotionTaskKind, name: string) => PromotionTask | undefined;

export class TaskInflationError extends Error {
  override name = 'TaskInflationError';
  constructor(
    readonly reason: 'task-not-found' | 'missing-variable',
    message: string,
    readonly detail: { stepAlias: string; taskKind?: PromotionTaskKind; taskName?: string; variable?: string },
  ) {
    super(message);
  }
}

/** Template steps with every task step inflated and every step given its alias. */
export function inflateSteps(templateSteps: PromotionStep[], promotionVars: ExpressionVariable[], tasks: PromotionTaskLookup): PromotionStep[] {
  throw new Error(`not implemented: ${templateSteps.length} ${promotionVars.length} ${typeof tasks}`);
}
