// The Warehouse reconciler's wiring: an informer on Warehouses (all
// namespaces) feeds a work queue keyed `namespace/name` on what Kargo's
// predicates let through — a new Warehouse, a spec change (generation) or a
// new refresh token — never the controller's own status writes. Each pass
// discovers through git, registries and chart repositories, writes the whole
// status, and looks again when the interval is up.

import { setMaxListeners } from 'node:events';
import { join } from 'node:path';
import { type CredentialsOptions, DEFAULT_CREDENTIALS_OPTIONS } from '../../engine/credentials/database.js';
import type { KubeClient } from '../../kube/client.js';
import { KubeApiError } from '../../kube/errors.js';
import { inform } from '../../kube/informer.js';
import { shardSelector } from '../shard.js';
import { resources } from '../../kube/resources.js';
import { REFRESH_ANNOTATION } from '../../model/annotations.js';
import { ALIAS_LABEL } from '../../model/labels.js';
import type { Freight } from '../../model/kargo.js';
import { parseGoDuration } from '../../rules/duration.js';
import type { Clock } from '../../runtime/clock.js';
import { stableJson } from '../stable-json.js';
import { writeStatus } from '../status-write.js';
import { WorkQueue } from '../work-queue.js';
import { availableAlias } from './alias.js';
import { credentialsFromKube } from './credentials.js';
import { discoverArtifacts } from './discover.js';
import { syncWarehouse } from './sync-warehouse.js';
import type { WarehouseObject, WarehouseStatus } from './types.js';

export interface WarehouseReconcilerOptions {
  client: KubeClient;
  clock: Clock;
  /** Git's throwaway clones go under `<workRoot>/warehouses`. */
  workRoot: string;
  signal: AbortSignal;
  /** Kargo's MIN_WAREHOUSE_RECONCILIATION_INTERVAL (default 0). */
  minIntervalMs?: number;
  credentials?: CredentialsOptions;
  onError?: (key: string, error: unknown) => void;
  /** Kargo's shard: only Warehouses labelled for it (none: only those labelled for no shard). */
  shard?: string;
}

/** The CRD's default `spec.interval`. */
const DEFAULT_INTERVAL_MS = 5 * 60_000;

function intervalOf(warehouse: WarehouseObject, minMs: number): number {
  let ms = DEFAULT_INTERVAL_MS;
  if (warehouse.spec.interval) {
    try {
      ms = parseGoDuration(warehouse.spec.interval);
    } catch {
      // an unparsable interval keeps the default
    }
  }
  return Math.max(ms, minMs);
}

/** Kargo's Warehouse.GetInterval: time left until the next discovery is due (at least 100ms). */
function requeueAfter(warehouse: WarehouseObject, intervalMs: number, now: Date): number {
  const discoveredAt = warehouse.status?.discoveredArtifacts?.discoveredAt;
  if (!discoveredAt) return intervalMs;
  const left = new Date(discoveredAt).getTime() + intervalMs - now.getTime();
  return left > 0 ? left : 100;
}

/** What Kargo's Freight webhook adds on create (there may be no webhook here): an alias, its label, discoveredAt. */
async function createWithAlias(client: KubeClient, freight: Freight, now: Date): Promise<Freight> {
  const namespace = freight.metadata.namespace ?? '';
  const alias = await availableAlias(client, namespace);
  const labeled: Freight = {
    ...freight,
    alias,
    discoveredAt: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    metadata: { ...freight.metadata, labels: { ...freight.metadata.labels, [ALIAS_LABEL]: alias } },
  };
  return client.create<Freight>(resources.freight, labeled, namespace);
}

export async function reconcileWarehouse(options: WarehouseReconcilerOptions, namespace: string, name: string): Promise<number | undefined> {
  const { client, clock } = options;
  let warehouse: WarehouseObject;
  try {
    warehouse = await client.get<WarehouseObject>(resources.warehouse, name, namespace);
  } catch (error) {
    if (error instanceof KubeApiError && error.code === 404) return undefined;
    throw error;
  }
  const intervalMs = intervalOf(warehouse, options.minIntervalMs ?? 0);
  // One signal per pass, so the many git and HTTP calls of all passes do not pile listeners on the controller's.
  const pass = new AbortController();
  const stop = (): void => pass.abort(options.signal.reason);
  options.signal.addEventListener('abort', stop, { once: true });
  const lookup = credentialsFromKube(client, options.credentials ?? DEFAULT_CREDENTIALS_OPTIONS);
  const { status, error } = await syncWarehouse(warehouse, {
    now: clock.now(),
    intervalMs,
    discover: (project, subs, last) =>
      discoverArtifacts(project, subs, last, { credentials: lookup, clock, workDir: join(options.workRoot, 'warehouses'), signal: pass.signal }),
    reportProgress: async (conditions) => {
      await writeStatus<WarehouseStatus, WarehouseObject>(client, resources.warehouse, namespace, name, (current) => ({ ...current.status, conditions }));
    },
    createFreight: (freight) => createWithAlias(client, freight, clock.now()),
  }).finally(() => options.signal.removeEventListener('abort', stop));
  const written = await writeStatus<WarehouseStatus, WarehouseObject>(client, resources.warehouse, namespace, name, (current) =>
    stableJson(current.status ?? {}) === stableJson(status) ? undefined : status,
  );
  if (error) throw error;
  return requeueAfter({ ...warehouse, status: written?.status ?? status }, intervalMs, clock.now());
}

/** Runs until the signal aborts; resolves once every reconcile in flight has finished. */
export async function runWarehouseReconciler(options: WarehouseReconcilerOptions): Promise<void> {
  const { client, clock, signal } = options;
  // Every Warehouse waits for its interval on the queue's signal: one listener each, by design.
  const queueStop = new AbortController();
  setMaxListeners(0, queueStop.signal);
  signal.addEventListener('abort', () => queueStop.abort(signal.reason), { once: true });
  const queue = new WorkQueue({
    clock,
    signal: queueStop.signal,
    maxErrorDelayMs: 5 * 60_000,
    ...(options.onError ? { onError: options.onError } : {}),
    reconcile: (key) => {
      const [namespace = '', name = ''] = key.split('/');
      return reconcileWarehouse(options, namespace, name);
    },
  });
  // What each Warehouse looked like when last let through: generation and refresh token.
  const seen = new Map<string, string>();
  const consider = (warehouse: WarehouseObject): void => {
    const key = `${warehouse.metadata.namespace ?? ''}/${warehouse.metadata.name ?? ''}`;
    const fingerprint = `${warehouse.metadata.generation ?? 0}|${warehouse.metadata.annotations?.[REFRESH_ANNOTATION] ?? ''}`;
    if (seen.get(key) === fingerprint) return;
    seen.set(key, fingerprint);
    queue.add(key);
  };
  try {
    for await (const event of inform<WarehouseObject>(client, resources.warehouse, undefined, {
      signal,
      sleep: (ms, s) => clock.sleep(ms, s),
      labelSelector: shardSelector(options.shard),
    })) {
      if (event.type === 'SYNCED') for (const warehouse of event.cache.values()) consider(warehouse);
      else if (event.type === 'DELETED' && event.object) seen.delete(`${event.object.metadata.namespace ?? ''}/${event.object.metadata.name ?? ''}`);
      else if (event.object) consider(event.object);
    }
  } catch (error) {
    if (!signal.aborted) throw error;
  }
  await queue.drain();
}
