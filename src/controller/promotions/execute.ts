// Runs the admitted Promotion through the engine, once: from its current
// step until it ends or a step is still Running. The working directory is
// `<workRoot>/promotion-<uid>` (as Kargo keys it by UID), kept between passes
// and removed when the Promotion ends. An abort request arriving while a step
// runs reaches the engine through the signal as a PromotionTermination.

import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { KubeClient } from '../../kube/client.js';
import { KubeApiError } from '../../kube/errors.js';
import { resources } from '../../kube/resources.js';
import type { Freight, Promotion, PromotionStatus, Stage } from '../../model/kargo.js';
import { isTerminalPromotionPhase } from '../../model/phases.js';
import type { Clock } from '../../runtime/clock.js';
import type { StepRegistry } from '../../engine/registry.js';
import { PromotionTermination } from '../../engine/abort-request.js';
import { runPromotion } from '../../engine/runner.js';
import { loadClusterSnapshot } from '../../engine/snapshot.js';

export interface ExecuteInput {
  promotion: Promotion;
  stage: Stage;
  client: KubeClient;
  clock: Clock;
  workRoot: string;
  registry: StepRegistry;
  signal: AbortSignal;
}

export interface ExecuteResult {
  status: PromotionStatus;
  retryAfterMs?: number;
}

export async function executePromotion(input: ExecuteInput): Promise<ExecuteResult> {
  const { promotion, client } = input;
  const namespace = promotion.metadata.namespace ?? '';
  const workDir = join(input.workRoot, `promotion-${promotion.metadata.uid ?? promotion.metadata.name ?? ''}`);
  const freshWorkDir = !(await exists(workDir));
  await mkdir(workDir, { recursive: true });
  const [freight, snapshot] = await Promise.all([
    freightNamed(client, promotion.spec.freight ?? '', namespace),
    loadClusterSnapshot(client, { project: namespace }),
  ]);
  const result = await runPromotion({
    promotion,
    stage: input.stage,
    freight,
    snapshot,
    client,
    clock: input.clock,
    workDir,
    freshWorkDir,
    signal: input.signal,
    registry: input.registry,
  });
  // A run cut short because the controller is stopping is not over: its result is not
  // written, and the next start resumes it in this directory.
  const stopped = input.signal.aborted && !(input.signal.reason instanceof PromotionTermination);
  if (isTerminalPromotionPhase(result.status.phase) && !stopped) await rm(workDir, { recursive: true, force: true });
  return result;
}

async function freightNamed(client: KubeClient, name: string, namespace: string): Promise<Freight | undefined> {
  try {
    return await client.get<Freight>(resources.freight, name, namespace);
  } catch (error) {
    if (error instanceof KubeApiError && error.code === 404) return undefined;
    throw error;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
