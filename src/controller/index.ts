// The embedded Kargo controller: reconcilers that watch through a KubeClient
// (the embedded server or any kube-apiserver) and write status the way
// Kargo's controller does. So far: Promotions (admission, execution through
// the engine, abort) with the Stage's and Freight's bookkeeping around them.

import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { ProviderOptions } from '../analysis/index.js';
import { builtinStepRegistry } from '../engine/builtin-steps.js';
import type { StepRegistry } from '../engine/registry.js';
import type { KubeClient } from '../kube/client.js';
import type { Clock } from '../runtime/clock.js';
import { type LeaseOptions, whileLeading } from './lease/leader.js';
import { runPromotionReconciler } from './promotions/reconciler.js';
import { leaseNameFor } from './shard.js';
import { runWarehouseReconciler, type WarehouseReconcilerOptions } from './warehouses/reconciler.js';

export interface ControllerOptions {
  client: KubeClient;
  clock: Clock;
  /** Where Promotions' working directories go (`promotion-<uid>` each). */
  workRoot: string;
  /** Stops the controller; the returned promise settles once it has stopped. */
  signal: AbortSignal;
  /** The steps Promotions may use (default: every built-in step). */
  registry?: StepRegistry;
  /** Requeue of a Promotion whose step is still Running (default Kargo's: 5m, at least 10s when a step suggests). */
  requeue?: { defaultMs: number; minMs: number };
  /** Told of a reconcile that failed (it is retried with backoff). */
  onError?: (key: string, error: unknown) => void;
  /**
   * AnalysisRuns are driven by this controller (metric providers as given) unless
   * `false`: then an Argo Rollouts controller on the cluster must run them.
   */
  analysis?: false | ProviderOptions;
  /** Argo Rollouts' controller-instance-id label on the AnalysisRuns this controller creates. */
  controllerInstanceId?: string;
  /**
   * Warehouse discovery (git, image registries, chart repositories): off unless
   * asked for, since it reaches out to every repository the Warehouses name.
   */
  warehouses?: boolean | Pick<WarehouseReconcilerOptions, 'minIntervalMs' | 'credentials'>;
  /**
   * Leader election: only the controller holding this lease reconciles, so two
   * controllers against one cluster never run a Promotion twice. Default: the
   * ConfigMap `kube-system/kargo-cli-controller` (`-<shard>` for a shard), 15s lease. `false` turns it off.
   */
  lease?: false | Partial<LeaseOptions>;
  /**
   * Kargo's shard: reconcile only the Stages, Promotions and Warehouses labelled
   * `kargo.akuity.io/shard=<shard>`; without one, only those labelled for no shard.
   * Each shard has its own lease (`kargo-cli-controller-<shard>`).
   */
  shard?: string;
}

/**
 * Runs the controller until `signal` aborts: waits for the lease, reconciles
 * while it holds it, and releases it on stop. Rejects if a watch fails for good (e.g. 403).
 */
export async function startController(options: ControllerOptions): Promise<void> {
  if (options.lease === false) return runReconcilers(options, options.signal);
  const lease = { ...DEFAULT_LEASE, name: leaseNameFor(options.shard), identity: `${hostname()}_${randomUUID()}`, ...options.lease };
  await whileLeading(
    options.client,
    options.clock,
    lease,
    options.signal,
    (leading) => runReconcilers(options, leading),
    (error) => options.onError?.(`lease ${lease.namespace}/${lease.name}`, error),
  );
}

const DEFAULT_LEASE = { namespace: 'kube-system', durationMs: 15_000, renewMs: 2_000, retryMs: 2_000 };

async function runReconcilers(options: ControllerOptions, signal: AbortSignal): Promise<void> {
  const warehouses = options.warehouses
    ? runWarehouseReconciler({
        ...(typeof options.warehouses === 'object' ? options.warehouses : {}),
        client: options.client,
        clock: options.clock,
        workRoot: options.workRoot,
        signal,
        ...(options.onError ? { onError: options.onError } : {}),
        ...(options.shard ? { shard: options.shard } : {}),
      })
    : undefined;
  const promotions = runPromotionReconciler({
    client: options.client,
    clock: options.clock,
    workRoot: options.workRoot,
    signal,
    registry: options.registry ?? builtinStepRegistry(),
    ...(options.requeue ? { requeue: options.requeue } : {}),
    ...(options.onError ? { onError: options.onError } : {}),
    ...(options.analysis !== undefined ? { analysis: options.analysis } : {}),
    ...(options.controllerInstanceId ? { controllerInstanceId: options.controllerInstanceId } : {}),
    ...(options.shard ? { shard: options.shard } : {}),
  });
  await Promise.all([promotions, warehouses]);
}
