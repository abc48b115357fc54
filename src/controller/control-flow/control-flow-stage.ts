// One pass over a control-flow Stage, as Kargo's ControlFlowStageReconciler:
// every Freight available to it (Kargo's available-Freight listing, §2.4) is
// marked verified in it at once, and its status is reduced to what such a
// Stage has. A missing Warehouse or a failed mark leaves it not Ready, and
// the pass is retried.

import type { KubeClient } from '../../kube/client.js';
import { resources } from '../../kube/resources.js';
import type { Freight, Stage, StageStatus, Warehouse } from '../../model/kargo.js';
import { listedAsAvailable } from '../../rules/auto-promotion.js';
import { sameOrigin } from '../../rules/stage-facts.js';
import { stableJson } from '../stable-json.js';
import { writeStatus } from '../status-write.js';
import { markVerified } from '../promotions/freight-presence.js';
import { controlFlowStatus } from './control-flow-status.js';

export interface ControlFlowDeps {
  client: KubeClient;
  now: Date;
  timestamp: string;
  /** The namespace's Freight (from the informer's cache where there is one). */
  freightOf: (namespace: string) => Promise<Freight[]>;
}

/** Returns 0 when the status changed (look again), else undefined. */
export async function reconcileControlFlowStage(deps: ControlFlowDeps, stage: Stage): Promise<number | undefined> {
  const namespace = stage.metadata.namespace ?? '';
  const name = stage.metadata.name ?? '';
  let failure: { reason: string; retryReason: string; message: string } | undefined;
  let error: Error | undefined;
  try {
    const available = await availableFreight(deps, stage);
    const unverified = available.filter((freight) => !freight.status?.verifiedIn?.[name]).map((freight) => freight.metadata.name ?? '');
    try {
      await markVerified(deps.client, namespace, name, unverified, deps.timestamp);
    } catch (cause) {
      error = cause instanceof Error ? cause : new Error(String(cause));
      failure = { reason: 'FreightVerificationFailed', retryReason: 'RetryAfterVerificationFailed', message: error.message };
    }
  } catch (cause) {
    error = cause instanceof Error ? cause : new Error(String(cause));
    failure = { reason: 'FreightRetrievalFailed', retryReason: 'RetryAfterFreightRetrievalFailed', message: error.message };
  }
  const status = controlFlowStatus(stage, deps.timestamp, failure);
  const written = await writeWholeStatus(deps.client, stage, status);
  if (error) throw error;
  return written ? 0 : undefined;
}

async function availableFreight(deps: ControlFlowDeps, stage: Stage): Promise<Freight[]> {
  const namespace = stage.metadata.namespace ?? '';
  const all = await deps.freightOf(namespace);
  const available = new Map<string, Freight>();
  for (const request of stage.spec.requestedFreight ?? []) {
    if (request.origin.kind === 'Warehouse' && !(await warehouseExists(deps.client, namespace, request.origin.name))) {
      throw new Error(`Warehouse ${JSON.stringify(request.origin.name)} not found in namespace ${JSON.stringify(namespace)}`);
    }
    for (const freight of all) {
      if (sameOrigin(freight.origin, request.origin) && listedAsAvailable(freight, stage.metadata.name ?? '', request, deps.now)) {
        available.set(freight.metadata.name ?? '', freight);
      }
    }
  }
  return [...available.values()];
}

async function warehouseExists(client: KubeClient, namespace: string, name: string): Promise<boolean> {
  try {
    await client.get<Warehouse>(resources.warehouse, name, namespace);
    return true;
  } catch (error) {
    if ((error as { code?: unknown }).code === 404) return false;
    throw new Error(`error getting Warehouse ${JSON.stringify(name)} in namespace ${JSON.stringify(namespace)}: ${(error as Error).message}`);
  }
}

/** A control-flow Stage's whole status is the controller's (Kargo patches all of it). */
async function writeWholeStatus(client: KubeClient, stage: Stage, status: StageStatus): Promise<boolean> {
  if (stableJson(stage.status ?? {}) === stableJson(status)) return false;
  const written = await writeStatus<StageStatus, Stage>(client, resources.stage, stage.metadata.namespace ?? '', stage.metadata.name ?? '', (latest) =>
    stableJson(latest.status ?? {}) === stableJson(status) ? undefined : status,
  );
  return written !== undefined;
}
