// Kargo's verifyStageFreight: for a Stage at rest with current Freight,
// follow a running verification (or abort it on request), or — once the
// Stage is Healthy — start one: at once Successful without
// `spec.verification`, else through an AnalysisRun. A finished verification
// starts again only for a reverify request naming it. Changes `status`
// (history and the `Verified` condition); returns an error to fail the pass
// with after the status is written.

import { randomUUID } from 'node:crypto';
import type { KubeClient } from '../../kube/client.js';
import type { Stage, StageStatus } from '../../model/kargo.js';
import { isTerminalVerification } from '../../model/phases.js';
import type { Clock } from '../../runtime/clock.js';
import { ulidSource } from '../../rules/promotion-name.js';
import { setCondition } from '../promotions/conditions.js';
import { updateOrPush } from './history.js';
import { abortRequestOf, isFor, reverifyRequestOf } from './request.js';
import { abortVerification, verificationResult } from './result.js';
import { startVerification } from './start.js';
import { setVerifiedCondition } from './verified-condition.js';

export interface VerifyDeps {
  client: KubeClient;
  clock: Clock;
  /** RFC 3339 of now, as Kubernetes writes times. */
  timestamp: () => string;
  newId?: () => string;
  ulid?: (now: Date) => string;
  controllerInstanceId?: string;
}

export async function verifyStageFreight(deps: VerifyDeps, stage: Stage, status: StageStatus, startTime: string): Promise<Error | undefined> {
  const generation = stage.metadata.generation;
  const current = status.freightHistory?.[0];
  if (!current) {
    const observed = generation !== undefined ? { observedGeneration: generation } : {};
    setCondition(
      status,
      { type: 'Verified', status: 'Unknown', reason: 'NoFreight', message: 'Stage has no current Freight to verify', ...observed },
      startTime,
    );
    return undefined;
  }
  if (status.currentPromotion) return undefined;
  try {
    return await verify(deps, stage, status, startTime);
  } finally {
    setVerifiedCondition(status, generation, deps.timestamp());
  }
}

async function verify(deps: VerifyDeps, stage: Stage, status: StageStatus, startTime: string): Promise<Error | undefined> {
  const { client, clock } = deps;
  const current = status.freightHistory?.[0];
  if (!current) return undefined;
  const annotations = stage.metadata.annotations;
  const reverify = reverifyRequestOf(annotations);
  const latest = current.verificationHistory?.[0];
  if (latest) {
    if (!isTerminalVerification(latest.phase)) {
      const abort = abortRequestOf(annotations);
      if (abort && isFor(abort, latest.id)) {
        updateOrPush(current, await abortVerification(client, current, abort, deps.timestamp()));
        return undefined;
      }
      const outcome = await verificationResult(client, clock, current);
      updateOrPush(current, outcome.info);
      return outcome.error;
    }
    if (!isFor(reverify, latest.id)) return undefined;
  }
  if (status.health?.status !== 'Healthy') return undefined;
  const id = (deps.newId ?? randomUUID)();
  if (!stage.spec.verification) {
    updateOrPush(current, { id, startTime, finishTime: deps.timestamp(), phase: 'Successful' });
    return undefined;
  }
  const started = await startVerification({
    client,
    stage: { ...stage, status },
    collection: current,
    request: reverify,
    id,
    ulid: (deps.ulid ?? ulidSource())(clock.now()),
    startTime,
    endTime: deps.timestamp,
    ...(deps.controllerInstanceId ? { controllerInstanceId: deps.controllerInstanceId } : {}),
  });
  updateOrPush(current, started.info);
  return started.error;
}
