// Asking Kargo to reconcile a Warehouse, Stage, ProjectConfig or the ClusterConfig
// now: a fresh token in the `kargo.akuity.io/refresh` annotation, which the
// controller copies to status.lastHandledRefresh once handled (kargo-semantics.md
// §4.4). The ProjectConfig is named after its project, the ClusterConfig "cluster".

import { randomUUID } from 'node:crypto';
import type { KubeClient } from '../kube/client.js';
import { isNotFound } from '../kube/errors.js';
import { resources, type ResourceType } from '../kube/resources.js';
import type { Promotion, Stage, Warehouse } from '../model/kargo.js';
import { watchObject } from './watch-object.js';
import { fail } from '../runtime/failure.js';
import { REFRESH_ANNOTATION } from '../model/annotations.js';
import { CLUSTER_CONFIG_NAME } from './delete-named.js';

export type RefreshKind = 'warehouse' | 'stage' | 'projectconfig' | 'clusterconfig';

export interface RefreshRequest {
  kind: RefreshKind;
  /** Unused for the ClusterConfig. */
  project: string;
  /** The Warehouse or Stage; the ProjectConfig and the ClusterConfig have fixed names. */
  name: string;
}

interface Refreshable {
  type: ResourceType;
  label: string;
  list: string;
}

const KINDS: Record<RefreshKind, Refreshable> = {
  warehouse: { type: resources.warehouse, label: 'Warehouse', list: 'kargo get warehouses' },
  stage: { type: resources.stage, label: 'Stage', list: 'kargo get stages' },
  projectconfig: { type: resources.projectConfig, label: 'ProjectConfig', list: 'kargo get projectconfig' },
  clusterconfig: { type: resources.clusterConfig, label: 'ClusterConfig', list: 'kargo get clusterconfig' },
};

/** The object a request names: its name and namespace. */
export function refreshTarget(request: RefreshRequest): { name: string; namespace?: string } {
  if (request.kind === 'clusterconfig') return { name: CLUSTER_CONFIG_NAME };
  if (request.kind === 'projectconfig') return { name: request.project, namespace: request.project };
  return { name: request.name, namespace: request.project };
}

export interface RefreshRequested {
  token: string;
  /** The Stage's current Promotion, refreshed with it (as Kargo's API does). */
  promotion?: string;
}

export async function requestRefresh(client: KubeClient, request: RefreshRequest, newToken: () => string = randomUUID): Promise<RefreshRequested> {
  const { type, label, list } = KINDS[request.kind];
  const { name, namespace } = refreshTarget(request);
  const token = newToken();
  const patch = { metadata: { annotations: { [REFRESH_ANNOTATION]: token } } };
  let object: Stage | Warehouse;
  try {
    object = await client.patch<Stage | Warehouse>(type, name, patch, namespace);
  } catch (error) {
    if (isNotFound(error)) {
      const where = namespace ? ` in project "${namespace}"` : '';
      fail('not-found', `${label} "${name}" not found${where}. List them with \`${list}${namespace ? ` -p ${namespace}` : ''}\`.`);
    }
    throw error;
  }
  const current = request.kind === 'stage' ? (object as Stage).status?.currentPromotion?.name : undefined;
  if (current) {
    await client.patch<Promotion>(resources.promotion, current, patch, request.project).catch(() => undefined);
  }
  return { token, ...(current ? { promotion: current } : {}) };
}

/** Resolves once the controller has handled `token`; returns false if the signal stopped the wait first. */
export async function waitForRefresh(client: KubeClient, request: RefreshRequest, token: string, signal: AbortSignal): Promise<boolean> {
  try {
    const { name, namespace } = refreshTarget(request);
    for await (const object of watchObject<Stage | Warehouse>(client, KINDS[request.kind].type, namespace, name, { signal })) {
      if (!object) fail('not-found', `${KINDS[request.kind].label} "${name}" was deleted while waiting for the refresh.`);
      if (object.status?.lastHandledRefresh === token) return true;
    }
  } catch (error) {
    if (!signal.aborted) throw error;
  }
  return false;
}
