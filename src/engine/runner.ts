// The promotion runner: given a Promotion and what it needs, runs its steps
// from `status.currentStep` with `status.state` and returns the next status
// to write (Kargo's promotions reconciler + local engine). It never writes
// the Promotion; steps may touch other objects (argocd-update, set-metadata).

import type { KubeClient } from '../kube/client.js';
import type { Freight, Promotion, PromotionStatus, Stage } from '../model/kargo.js';
import { CREATE_ACTOR_ANNOTATION } from '../model/annotations.js';
import { isTerminalPromotionPhase } from '../model/phases.js';
import { stepAlias } from '../rules/task-inflation.js';
import type { Clock } from '../runtime/clock.js';
import { abortRequestOf, terminationMessage } from './abort-request.js';
import { freightUnavailableMessage } from './freight-availability.js';
import { freightReferenceOf, targetFreightCollection } from './freight-collection.js';
import { promotionExpressionData } from './promotion-expression-data.js';
import type { StepRegistry } from './registry.js';
import type { ClusterSnapshot } from './snapshot.js';
import { timestamp } from './step-metadata.js';
import { runSteps } from './step-loop.js';

export interface PromotionRunInput {
  promotion: Promotion;
  stage: Stage;
  /** The Promotion's Freight (`spec.freight`), or undefined when it does not exist. */
  freight: Freight | undefined;
  /** What expression functions read (configMap(), secret(), freightMetadata(), warehouse(), …). */
  snapshot: ClusterSnapshot;
  client: KubeClient;
  clock: Clock;
  /** The Promotion's working directory (it exists). */
  workDir: string;
  /**
   * The working directory was just created: earlier steps' files are gone, so
   * the steps start over from the first (keeping `state`), as Kargo does.
   */
  freshWorkDir?: boolean;
  /** Abort with a PromotionTermination to terminate; any other reason is a cancellation. */
  signal: AbortSignal;
  registry: StepRegistry;
  uiBaseUrl?: string;
}

export interface PromotionRunResult {
  status: PromotionStatus;
  /** For a Promotion still Running: when a step asked to be looked at again (ms). */
  retryAfterMs?: number;
}

export async function runPromotion(input: PromotionRunInput): Promise<PromotionRunResult> {
  const { promotion, clock } = input;
  const status: PromotionStatus = structuredClone(promotion.status ?? {});
  if (isTerminalPromotionPhase(status.phase)) return { status };

  const abort = abortRequestOf(promotion);
  if (abort?.action === 'terminate') return { status: terminated(status, abort.actor, clock) };

  const refusal = freightRefusal(input);
  if (refusal) return { status: ended(status, 'Errored', refusal, clock) };

  if (status.phase !== 'Running') {
    status.phase = 'Running';
    status.startedAt = timestamp(clock);
  }
  const freight = freightReferenceOf(input.freight as Freight);
  status.freight = freight;
  status.freightCollection = targetFreightCollection(freight, input.stage);

  const steps = promotion.spec.steps ?? [];
  const fresh = input.freshWorkDir ?? false;
  const metas = fresh ? [] : structuredClone(status.stepExecutionMetadata ?? []);
  const state = structuredClone(status.state ?? {});
  const project = promotion.metadata.namespace ?? '';
  const actor = promotion.metadata.annotations?.[CREATE_ACTOR_ANNOTATION];

  const loop = await runSteps({
    steps,
    aliases: steps.map((step, index) => step.as || stepAlias(step, index)),
    startFrom: fresh ? 0 : (status.currentStep ?? 0),
    metas,
    state,
    promotionVars: promotion.spec.vars ?? [],
    registry: input.registry,
    data: promotionExpressionData(input, freight, status.freightCollection),
    context: {
      workDir: input.workDir,
      project,
      stage: promotion.spec.stage,
      promotion: promotion.metadata.name ?? '',
      ...(actor ? { promotionActor: actor } : {}),
      freightRequests: input.stage.spec.requestedFreight ?? [],
      freight: status.freightCollection,
      targetFreight: freight,
      client: input.client,
      clock,
      signal: input.signal,
    },
  });

  status.phase = loop.phase;
  // Kargo's message and currentStep are omitempty: an empty message or step 0 is no field.
  if (loop.message) status.message = loop.message;
  else delete status.message;
  if (loop.currentStep > 0) status.currentStep = loop.currentStep;
  else delete status.currentStep;
  status.stepExecutionMetadata = metas;
  status.state = state;
  const previousChecks = fresh ? [] : (status.healthChecks ?? []);
  if (previousChecks.length + loop.healthChecks.length > 0) status.healthChecks = [...previousChecks, ...loop.healthChecks];
  else delete status.healthChecks;
  if (isTerminalPromotionPhase(status.phase)) status.finishedAt = timestamp(clock);
  return { status, ...(loop.retryAfterMs !== undefined ? { retryAfterMs: loop.retryAfterMs } : {}) };
}

function freightRefusal(input: PromotionRunInput): string | undefined {
  const { promotion } = input;
  const namespace = JSON.stringify(promotion.metadata.namespace ?? '');
  if (!input.freight) return `Freight ${JSON.stringify(promotion.spec.freight ?? '')} not found in namespace ${namespace}`;
  return freightUnavailableMessage(input.freight, input.stage, input.snapshot, input.clock.now());
}

function ended(status: PromotionStatus, phase: 'Errored' | 'Aborted', message: string, clock: Clock): PromotionStatus {
  return { ...status, phase, message, finishedAt: timestamp(clock) };
}

/** Kargo's terminatePromotion: a Running current step becomes Aborted. */
function terminated(status: PromotionStatus, actor: string | undefined, clock: Clock): PromotionStatus {
  const metas = status.stepExecutionMetadata;
  const current = metas?.[status.currentStep ?? 0];
  if (current?.status === 'Running') {
    current.status = 'Aborted';
    current.finishedAt = timestamp(clock);
  }
  return ended(status, 'Aborted', terminationMessage(actor), clock);
}
