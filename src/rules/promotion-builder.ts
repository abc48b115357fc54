// The Promotion exactly as Kargo v1.11's mutating webhook builds it from a Stage
// and a piece of Freight (kargo-semantics.md §3.3), so the client can show it in a
// dry run and send a complete object to any Kargo version (≤ v1.10 needs it whole;
// ≥ v1.11 rebuilds name, steps and vars itself, so read the name back).

import type { ExpressionVariable, Freight, Promotion, Stage } from '../model/kargo.js';
import { promotionName, shortenLabelValue, type UlidSource } from './promotion-name.js';
import { isControlFlowStage, selectsTargets } from './stage-facts.js';
import { inflateSteps, type PromotionTaskLookup, TaskInflationError } from './task-inflation.js';
import { SHARD_LABEL, STAGE_LABEL } from '../model/labels.js';
import { CREATE_ACTOR_ANNOTATION, ROLLBACK_ANNOTATION, STAGE_ANNOTATION } from '../model/annotations.js';

const KARGO_API_VERSION = 'kargo.akuity.io/v1alpha1';

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
  const { stage } = input;
  const stageName = required(stage.metadata.name, 'the Stage has no name');
  const namespace = required(stage.metadata.namespace, `Stage "${stageName}" has no namespace`);
  const uid = required(stage.metadata.uid, `Stage "${stageName}" has no uid (read it from the cluster before building a Promotion)`);
  const freightName = required(input.freight.metadata.name, 'the Freight has no name');

  if (selectsTargets(stage)) {
    throw new PromotionBuildError(
      'stage-selects-targets',
      `Stage "${stageName}" selects Targets; it is promoted to with a PromotionRequest rather than a Promotion`,
    );
  }
  if (isControlFlowStage(stage)) {
    throw new PromotionBuildError(
      'control-flow-stage',
      `Stage "${stageName}" in namespace "${namespace}" defines no promotion steps: it is a control-flow Stage, which Freight passes through without being promoted`,
    );
  }

  // Copies, so the Promotion never shares objects with the Stage or the tasks it came from.
  const template = structuredClone(stage.spec.promotionTemplate?.spec ?? {});
  const vars: ExpressionVariable[] = [...structuredClone(stage.spec.vars ?? []), ...(template.vars ?? [])];
  const steps = inflateOrRefuse(() => inflateSteps(template.steps ?? [], vars, input.tasks)).map((step) => structuredClone(step));

  const labels: Record<string, string> = { [STAGE_LABEL]: shortenLabelValue(stageName) };
  if (stage.spec.shard) labels[SHARD_LABEL] = stage.spec.shard;
  const annotations: Record<string, string> = {
    [STAGE_ANNOTATION]: stageName,
    [CREATE_ACTOR_ANNOTATION]: `kubernetes:${input.actor}`,
  };
  if (input.rollback) annotations[ROLLBACK_ANNOTATION] = 'true';

  return {
    apiVersion: KARGO_API_VERSION,
    kind: 'Promotion',
    metadata: {
      name: promotionName(stageName, freightName, input.ulid(input.now)),
      namespace,
      labels,
      annotations,
      ownerReferences: [{ apiVersion: KARGO_API_VERSION, kind: 'Stage', name: stageName, uid, controller: true, blockOwnerDeletion: true }],
    },
    spec: {
      stage: stageName,
      freight: freightName,
      ...(vars.length > 0 ? { vars } : {}),
      steps,
    },
  };
}

function inflateOrRefuse<T>(inflate: () => T): T {
  try {
    return inflate();
  } catch (error) {
    if (error instanceof TaskInflationError) {
      throw new PromotionBuildError(error.reason, `failed to inflate Promotion steps: ${error.message}`);
    }
    throw error;
  }
}

function required(value: string | undefined, problem: string): string {
  if (!value) throw new Error(problem);
  return value;
}
