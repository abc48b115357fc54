// One pass over one Stage and its Promotions, as Kargo's Stage and Promotion
// reconcilers together do it: new Promotions become Pending (or Aborted when
// asked), the Stage admits / records Promotions, its Freight's `currentlyIn`
// follows its current collection, health and implicit verification are
// assessed, and the admitted Promotion runs through the engine. Returns when
// to look again (ms; 0 = at once), or undefined to wait for a change.

import type { KubeClient } from '../../kube/client.js';
import { KubeApiError } from '../../kube/errors.js';
import { resources } from '../../kube/resources.js';
import { REFRESH_ANNOTATION } from '../../model/annotations.js';
import type { Freight, Promotion, PromotionStatus, Stage, StageStatus } from '../../model/kargo.js';
import { isTerminalPromotionPhase } from '../../model/phases.js';
import type { Clock } from '../../runtime/clock.js';
import type { StepRegistry } from '../../engine/registry.js';
import { timestamp } from '../../engine/step-metadata.js';
import { stableJson } from '../stable-json.js';
import { writeStatus } from '../status-write.js';
import { syncPromotions } from './admission.js';
import { type ExecuteResult, executePromotion } from './execute.js';
import { markVerified, syncFreightPresence } from './freight-presence.js';
import { autoPromote } from '../auto-promotion/auto-promote.js';
import { reconcileControlFlowStage } from '../control-flow/control-flow-stage.js';
import { isControlFlow } from '../control-flow/is-control-flow.js';
import { checkHealth, type HealthCheck } from '../health/aggregate.js';
import { verifiedFreight } from '../verification/verified-freight.js';
import { verifyStageFreight } from '../verification/verify-stage-freight.js';
import { freightSummary } from './freight-summary.js';
import { earlyPhase } from './promotion-phase.js';
import { summarizeError, summarizeReady } from './ready-condition.js';
import { requestReverification, reverifyRequest } from './reverify.js';
import { assessHealth, healthChecksToRun } from './stage-health.js';

export interface StageReconcilerDeps {
  client: KubeClient;
  clock: Clock;
  workRoot: string;
  registry: StepRegistry;
  /** Kargo's defaultRequeueInterval (5m) and minSuggestedRequeueInterval (10s). */
  requeue: { defaultMs: number; minMs: number };
  /** Hands out the signal a running Promotion's steps see; aborting it with a PromotionTermination terminates it. */
  runSignal(promotion: Promotion): { signal: AbortSignal; done(): void };
  /** The controller is stopping: what a step cut short returns is not written (the next start resumes it). */
  stopping: AbortSignal;
  /** The namespace's Freight, from the informer's cache. */
  freightOf: (namespace: string) => Promise<Freight[]>;
  /** Argo Rollouts' `controller-instance-id` label for the AnalysisRuns this controller creates. */
  controllerInstanceId?: string;
  /** Told which health checks a Stage's pass ran (so a change to their Applications can wake it). */
  onHealthChecked?: (stageKey: string, checks: readonly HealthCheck[]) => void;
}

/** The fields of Stage status this reconciler owns. */
const OWNED: readonly (keyof StageStatus)[] = [
  'conditions',
  'currentPromotion',
  'lastPromotion',
  'freightHistory',
  'health',
  'freightSummary',
  'observedGeneration',
  'autoPromotionEnabled',
  'lastHandledRefresh',
];

export async function reconcileStage(deps: StageReconcilerDeps, namespace: string, name: string): Promise<number | undefined> {
  const { client, clock } = deps;
  const stage = await getStage(client, namespace, name);
  if (!stage) return undefined;
  if (isControlFlow(stage)) {
    return reconcileControlFlowStage({ client, now: clock.now(), timestamp: timestamp(clock), freightOf: deps.freightOf }, stage);
  }
  const promotions = await settleEarlyPhases(deps, namespace, await promotionsOf(client, namespace, name));

  const now = clock.now();
  const ts = timestamp(clock);
  const status = syncPromotions(stage, promotions, ts);
  const freight = await deps.freightOf(namespace);
  await syncFreightPresence({ client, freight, namespace, stage: name, current: status.freightHistory?.[0], now, timestamp: ts });
  const checks = healthChecksToRun(status);
  const checked = checks && checks.length > 0 ? await checkHealth(client, checks) : undefined;
  if (checks) deps.onHealthChecked?.(`${namespace}/${name}`, checks);
  assessHealth(stage, status, ts, checked);
  const verifyDeps = {
    client,
    clock,
    timestamp: () => timestamp(clock),
    ...(deps.controllerInstanceId ? { controllerInstanceId: deps.controllerInstanceId } : {}),
  };
  const verifyError = await verifyStageFreight(verifyDeps, stage, status, ts).catch((error: unknown) =>
    error instanceof Error ? error : new Error(String(error)),
  );
  status.freightSummary = freightSummary(stage, status);
  if (verifyError) summarizeError(stage, status, `failed to verify Stage Freight: ${verifyError.message}`, ts);
  else summarizeReady(stage, status, ts);
  const autoPromoting = verifyError ? stage.status?.autoPromotionEnabled : await autoPromote({ client, now, stage, status, promotions, freight });
  // Kargo's field is omitempty: false is not written.
  if (autoPromoting) status.autoPromotionEnabled = true;
  else delete status.autoPromotionEnabled;
  const refreshToken = stage.metadata.annotations?.[REFRESH_ANNOTATION];
  if (refreshToken !== undefined) status.lastHandledRefresh = refreshToken;
  const written = await writeStageStatus(client, stage, status);
  // As Kargo: a verification that could not be followed fails the pass once its status is recorded.
  if (verifyError) throw verifyError;
  const verified = verifiedFreight(status);
  if (verified) await markVerified(client, namespace, name, verified.names, verified.verifiedAt);

  const admitted = promotions.find((promotion) => promotion.metadata.name === status.currentPromotion?.name);
  // Freight events wake only control-flow Stages, so an auto-promoting Stage looks again for new Freight.
  if (!admitted || isTerminalPromotionPhase(admitted.status?.phase)) return written ? 0 : autoPromoting ? deps.requeue.minMs : undefined;
  return runAdmitted(deps, admitted, { ...stage, status });
}

async function runAdmitted(deps: StageReconcilerDeps, admitted: Promotion, stage: Stage): Promise<number | undefined> {
  const { client, clock } = deps;
  const namespace = admitted.metadata.namespace ?? '';
  const name = admitted.metadata.name ?? '';
  let promotion = admitted;
  if (promotion.status?.phase !== 'Running') {
    const started = await writePromotionStatus(client, promotion, (current) => ({ ...current, phase: 'Running', startedAt: timestamp(clock) }));
    if (!started) return 0;
    promotion = started;
  }
  const run = deps.runSignal(promotion);
  let result: ExecuteResult;
  try {
    result = await executePromotion({ promotion, stage, client, clock, workRoot: deps.workRoot, registry: deps.registry, signal: run.signal });
  } finally {
    run.done();
  }
  if (deps.stopping.aborted) return undefined;
  const refresh = promotion.metadata.annotations?.[REFRESH_ANNOTATION];
  const next: PromotionStatus = { ...result.status, ...(refresh ? { lastHandledRefresh: refresh } : {}) };
  // As Kargo, before the status is written: whoever sees Succeeded sees the request too.
  const reverify = reverifyRequest(stage, next);
  if (reverify) await requestReverification(client, stage, reverify);
  const written = await writeStatus<PromotionStatus, Promotion>(client, resources.promotion, namespace, name, (latest) =>
    isTerminalPromotionPhase(latest.status?.phase) ? undefined : next,
  );
  if (!written || isTerminalPromotionPhase(next.phase)) return 0;
  const suggested = result.retryAfterMs;
  return suggested === undefined ? deps.requeue.defaultMs : Math.max(suggested, deps.requeue.minMs);
}

/** Pending for new Promotions, Aborted for those asked to terminate; returns the Promotions as written. */
async function settleEarlyPhases(deps: StageReconcilerDeps, namespace: string, promotions: Promotion[]): Promise<Promotion[]> {
  const settled: Promotion[] = [];
  for (const promotion of promotions) {
    if (!earlyPhase(promotion, timestamp(deps.clock))) {
      settled.push(promotion);
      continue;
    }
    const written = await writeStatus<PromotionStatus, Promotion>(deps.client, resources.promotion, namespace, promotion.metadata.name ?? '', (latest) =>
      earlyPhase(latest, timestamp(deps.clock)),
    );
    settled.push(written ?? promotion);
  }
  return settled;
}

async function writePromotionStatus(
  client: KubeClient,
  promotion: Promotion,
  change: (status: PromotionStatus) => PromotionStatus,
): Promise<Promotion | undefined> {
  return writeStatus<PromotionStatus, Promotion>(client, resources.promotion, promotion.metadata.namespace ?? '', promotion.metadata.name ?? '', (latest) =>
    isTerminalPromotionPhase(latest.status?.phase) ? undefined : change(structuredClone(latest.status ?? {})),
  );
}

/**
 * Writes the owned fields this pass changed over the newest status, as Kargo's
 * PatchStatus sends only its diff: a field someone else wrote meanwhile and
 * this pass left alone is kept. False when nothing needed writing.
 */
async function writeStageStatus(client: KubeClient, stage: Stage, status: StageStatus): Promise<boolean> {
  const before = stage.status ?? {};
  const changed = OWNED.filter((key) => stableJson(before[key]) !== stableJson(status[key]));
  if (changed.length === 0) return false;
  const written = await writeStatus<StageStatus, Stage>(client, resources.stage, stage.metadata.namespace ?? '', stage.metadata.name ?? '', (latest) => {
    const current = latest.status ?? {};
    if (changed.every((key) => stableJson(current[key]) === stableJson(status[key]))) return undefined;
    const next: StageStatus = structuredClone(current);
    for (const key of changed) {
      if (status[key] === undefined) delete next[key];
      else Object.assign(next, { [key]: structuredClone(status[key]) });
    }
    return next;
  });
  return written !== undefined;
}

async function getStage(client: KubeClient, namespace: string, name: string): Promise<Stage | undefined> {
  try {
    return await client.get<Stage>(resources.stage, name, namespace);
  } catch (error) {
    if (error instanceof KubeApiError && error.code === 404) return undefined;
    throw error;
  }
}

async function promotionsOf(client: KubeClient, namespace: string, stage: string): Promise<Promotion[]> {
  const all = (await client.list<Promotion>(resources.promotion, namespace)).items;
  return all.filter((promotion) => promotion.spec.stage === stage);
}
