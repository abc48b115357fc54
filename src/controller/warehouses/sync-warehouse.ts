// One pass of Kargo's Warehouse reconciler (syncWarehouse): record the refresh
// token, discover when due (first time, spec changed, refresh requested,
// interval passed), validate what was found, and under the Automatic policy
// create the Freight the newest artifacts make when the criteria allow —
// with Kargo's conditions at every step. Returns the status to write and the
// error (if any) that makes the caller retry with backoff.

import { KubeApiError } from '../../kube/errors.js';
import { REFRESH_ANNOTATION } from '../../model/annotations.js';
import type { Freight } from '../../model/kargo.js';
import { buildFreight } from './build-freight.js';
import { deleteCondition, setConditions } from './conditions.js';
import { criteriaSatisfied } from './criteria.js';
import { readSubscriptions } from './subscriptions.js';
import type { DiscoveredArtifacts, RepoSubscription, WarehouseObject, WarehouseStatus } from './types.js';
import { validateArtifacts } from './validate-artifacts.js';

export interface SyncDeps {
  now: Date;
  /** The interval when the Warehouse sets none (the CRD's default). */
  intervalMs: number;
  discover(project: string, subs: readonly RepoSubscription[], last: DiscoveredArtifacts | undefined): Promise<DiscoveredArtifacts>;
  /** Writes only the conditions, while discovery runs. */
  reportProgress(conditions: WarehouseStatus['conditions']): Promise<void>;
  /** Creates the Freight (with an alias); rejects with the API's error. */
  createFreight(freight: Freight): Promise<Freight>;
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function shouldDiscover(warehouse: WarehouseObject, refreshToken: string, now: Date, intervalMs: number): boolean {
  const status = warehouse.status ?? {};
  const discoveredAt = status.discoveredArtifacts?.discoveredAt;
  if (!status.discoveredArtifacts || !discoveredAt) return true;
  if ((warehouse.metadata.generation ?? 0) > (status.observedGeneration ?? 0)) return true;
  if ((status.lastHandledRefresh ?? '') !== refreshToken) return true;
  return new Date(discoveredAt).getTime() + intervalMs < now.getTime();
}

export async function syncWarehouse(warehouse: WarehouseObject, deps: SyncDeps): Promise<{ status: WarehouseStatus; error?: Error }> {
  const now = deps.now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const generation = warehouse.metadata.generation ?? 0;
  const namespace = warehouse.metadata.namespace ?? '';
  const status: WarehouseStatus = structuredClone(warehouse.status ?? {});
  const token = warehouse.metadata.annotations?.[REFRESH_ANNOTATION];
  if (token !== undefined) status.lastHandledRefresh = token;
  const rawSubs = warehouse.spec.subscriptions ?? [];
  const set = (...conditions: Parameters<typeof setConditions>[2][]) =>
    setConditions(status, now, ...conditions.map((c) => ({ ...c, observedGeneration: generation })));

  if (shouldDiscover(warehouse, status.lastHandledRefresh ?? '', deps.now, deps.intervalMs)) {
    set(
      { type: 'Reconciling', status: 'True', reason: 'ScheduledDiscovery', message: `Discovering artifacts for ${rawSubs.length} subscriptions` },
      { type: 'Ready', status: 'False', reason: 'DiscoveryInProgress', message: 'Waiting for discovery to complete' },
      { type: 'Healthy', status: 'Unknown', reason: 'Pending', message: 'Health status cannot be determined until artifact discovery is finished' },
    );
    deleteCondition(status, 'FreightCreationCriteriaSatisfied');
    deleteCondition(status, 'FreightCreated');
    await deps.reportProgress(status.conditions).catch(() => undefined);
    // Previous results may short-circuit git only when they came from this very spec.
    const last = warehouse.status?.observedGeneration === generation ? warehouse.status?.discoveredArtifacts : undefined;
    try {
      status.discoveredArtifacts = await deps.discover(namespace, readSubscriptions(rawSubs), last);
    } catch (error) {
      set(
        { type: 'Healthy', status: 'False', reason: 'DiscoveryFailed', message: `Unable to discover artifacts: ${message(error)}` },
        { type: 'Ready', status: 'False', reason: 'DiscoveryFailure', message: `Artifact discovery failed: ${message(error)}` },
      );
      return { status, error: new Error(`error discovering artifacts: ${message(error)}`, { cause: error }) };
    }
  }
  status.observedGeneration = generation;

  const invalid = validateArtifacts(status.discoveredArtifacts);
  if (invalid) {
    set(
      { type: 'Healthy', status: 'False', reason: invalid.healthyReason, message: invalid.message },
      { type: 'Ready', status: 'False', reason: invalid.readyReason, message: invalid.message },
    );
    deleteCondition(status, 'Reconciling');
    return { status };
  }

  const policy = warehouse.spec.freightCreationPolicy;
  if (policy === 'Automatic' || !policy) {
    let satisfied: boolean;
    try {
      satisfied = criteriaSatisfied(warehouse.spec.freightCreationCriteria?.expression, status.discoveredArtifacts);
    } catch (error) {
      const text = `Evaluation of Freight creation criteria failed: ${message(error)}`;
      set(
        { type: 'Healthy', status: 'False', reason: 'CriteriaEvaluationFailed', message: text },
        { type: 'Ready', status: 'False', reason: 'CriteriaEvaluationFailed', message: text },
      );
      deleteCondition(status, 'Reconciling');
      return { status };
    }
    if (!satisfied) {
      set({
        type: 'FreightCreationCriteriaSatisfied',
        status: 'False',
        reason: 'CriteriaNotSatisfied',
        message: 'Freight creation criteria were not satisfied',
      });
    } else {
      set(
        { type: 'Reconciling', status: 'True', reason: 'FreightCreationInProgress', message: 'Creating Freight from latest artifacts' },
        { type: 'Ready', status: 'False', reason: 'AwaitingFreightCreation', message: 'Freight creation from latest artifacts is in progress' },
        { type: 'Healthy', status: 'Unknown', reason: 'Pending', message: 'Health status cannot be determined until Freight creation is finished' },
        { type: 'FreightCreationCriteriaSatisfied', status: 'True', reason: 'CriteriaSatisfied', message: 'Freight creation criteria satisfied' },
      );
      let freight: Freight;
      try {
        freight = buildFreight(namespace, warehouse.metadata.name ?? '', status.discoveredArtifacts);
      } catch (error) {
        const text = `Error building Freight from latest artifacts: ${message(error)}`;
        set(
          { type: 'Healthy', status: 'False', reason: 'FreightBuildFailure', message: text },
          { type: 'Ready', status: 'False', reason: 'FreightBuildFailure', message: text },
        );
        return { status, error: new Error(`failed to build Freight from latest artifacts: ${message(error)}`) };
      }
      try {
        await deps.createFreight(freight);
        set({ type: 'FreightCreated', status: 'True', reason: 'NewFreight', message: 'No Freight composed of the newest artifacts already existed' });
      } catch (error) {
        if (!(error instanceof KubeApiError && error.code === 409)) {
          const text = `Error creating Freight "${freight.metadata.name}" in namespace "${namespace}": ${message(error)}`;
          set(
            { type: 'Healthy', status: 'False', reason: 'FreightBuildFailure', message: text },
            { type: 'Ready', status: 'False', reason: 'FreightCreationFailure', message: text },
          );
          return { status, error: new Error(`error creating Freight "${freight.metadata.name}" in namespace "${namespace}": ${message(error)}`) };
        }
        set({ type: 'FreightCreated', status: 'False', reason: 'AlreadyExists', message: 'Freight composed of the newest artifacts already exists' });
      }
      status.lastFreightID = freight.metadata.name ?? '';
    }
  }

  set(
    { type: 'Healthy', status: 'True', reason: 'ReconciliationSucceeded' },
    { type: 'Ready', status: 'True', reason: 'ArtifactsDiscovered', message: `Successfully discovered artifacts from ${rawSubs.length} subscriptions` },
  );
  deleteCondition(status, 'Reconciling');
  return { status };
}
