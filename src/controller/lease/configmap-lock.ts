// The lease kept in a ConfigMap's annotation, written only with the
// resourceVersion it was read at: of two controllers claiming at once, the
// server accepts one write and answers the other 409, so at most one holds
// the lease. (The embedded server serves no coordination.k8s.io Leases;
// ConfigMaps work on it and on any kube-apiserver.)

import type { KubeClient } from '../../kube/client.js';
import { KubeApiError } from '../../kube/errors.js';
import { resources } from '../../kube/resources.js';
import type { ConfigMap } from '../../model/kargo.js';
import { LEADER_ANNOTATION, type LeaderRecord, parseRecord } from './record.js';

export interface LockRef {
  namespace: string;
  name: string;
}

/**
 * Reads the record, lets `change` decide the next one, and writes it guarded by
 * resourceVersion. True when the written record is ours; false when `change`
 * declined or another writer won the race.
 */
export async function updateLock(client: KubeClient, lock: LockRef, change: (current: LeaderRecord | undefined) => LeaderRecord | undefined): Promise<boolean> {
  let existing: ConfigMap | undefined;
  try {
    existing = await client.get<ConfigMap>(resources.configMap, lock.name, lock.namespace);
  } catch (error) {
    if (!(error instanceof KubeApiError && error.code === 404)) throw error;
  }
  const next = change(parseRecord(existing?.metadata.annotations?.[LEADER_ANNOTATION]));
  if (!next) return false;
  const annotations = { ...existing?.metadata.annotations, [LEADER_ANNOTATION]: JSON.stringify(next) };
  try {
    if (existing) await client.update<ConfigMap>(resources.configMap, { ...existing, metadata: { ...existing.metadata, annotations } }, lock.namespace);
    else {
      const created: ConfigMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: lock.name, namespace: lock.namespace, annotations } };
      await client.create<ConfigMap>(resources.configMap, created, lock.namespace);
    }
    return true;
  } catch (error) {
    if (error instanceof KubeApiError && error.code === 409) return false;
    throw error;
  }
}
