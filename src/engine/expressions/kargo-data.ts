// The snapshot Kargo's expression functions read from. Kargo's functions
// query the cluster while an expression runs; here the engine loads what
// they may need beforehand, so evaluation stays synchronous and pure.

import type { ConfigMap, Freight, FreightReference, FreightRequest, Secret, Stage, StepExecutionMetadata, Warehouse } from '../../model/kargo.js';

export interface KargoExpressionData {
  project: string;
  stage: string;
  promotion: string;
  uiBaseUrl?: string;
  /** The Promotion's create-actor (`ctx.meta.promotion.actor`). */
  promotionActor?: string;
  rollback?: boolean;
  targetFreight: { name: string; alias?: string; origin?: { name: string } };
  /** The alias of the step being evaluated (`ctx.meta.step.alias`, `status()`, `task.outputs`). */
  stepAlias?: string;

  /** The Stage's `spec.requestedFreight`: which Warehouses may provide an artifact. */
  freightRequests: readonly FreightRequest[];
  /** The Promotion's freight collection: where commitFrom()/imageFrom()/… look. */
  freight: readonly FreightReference[];
  /** The project's Warehouses named by `freightRequests` (their subscriptions settle ambiguity). */
  warehouses: readonly Warehouse[];
  /** Freight objects `freightMetadata()` may be asked about. */
  freightObjects?: readonly Freight[];
  /** Stages `stageMetadata()` may be asked about. */
  stages?: readonly Stage[];
  configMaps?: readonly ConfigMap[];
  secrets?: readonly Secret[];
  /** From the shared-resources namespace. */
  sharedConfigMaps?: readonly ConfigMap[];
  sharedSecrets?: readonly Secret[];

  /** Already evaluated vars (`vars`); see evaluateKargoVars for building them. */
  vars?: Readonly<Record<string, unknown>>;
  /**
   * The Promotion's `status.state` (`outputs`, `task.outputs`). Leave it out
   * where Kargo gives no outputs (a Promotion's own vars, verification args).
   */
  state?: Readonly<Record<string, unknown>>;
  /**
   * The Promotion's `status.stepExecutionMetadata`. Given, it also provides
   * `stepMetas` and the status functions success()/failure()/always()/status(),
   * which Kargo allows only in a step's `if` and `config`.
   */
  stepExecutionMetadata?: readonly StepExecutionMetadata[];
}
