// Loads, once per pass of the runner, what Kargo's expression functions read
// from the cluster (Kargo queries while an expression runs; our expressions
// are synchronous, so the data is fetched up front): the project's Freight,
// Stages, Warehouses, ConfigMaps and Secrets, and the shared ones.

import type { KubeClient } from '../kube/client.js';
import { resources } from '../kube/resources.js';
import type { ConfigMap, Freight, KubeObject, Secret, Stage, Warehouse } from '../model/kargo.js';
import type { KargoExpressionData } from './expressions/index.js';
import { engineResources } from './kube-resources.js';
import type { ResourceType } from '../kube/resources.js';

/** Kargo's default for SHARED_RESOURCES_NAMESPACE. */
export const DEFAULT_SHARED_NAMESPACE = 'kargo-shared-resources';

export type ClusterSnapshot = Pick<
  KargoExpressionData,
  'warehouses' | 'freightObjects' | 'stages' | 'configMaps' | 'secrets' | 'sharedConfigMaps' | 'sharedSecrets'
>;

export interface SnapshotOptions {
  project: string;
  sharedNamespace?: string;
}

export async function loadClusterSnapshot(client: KubeClient, options: SnapshotOptions): Promise<ClusterSnapshot> {
  const { project } = options;
  const shared = options.sharedNamespace ?? DEFAULT_SHARED_NAMESPACE;
  const [warehouses, freightObjects, stages, configMaps, secrets, sharedConfigMaps, sharedSecrets] = await Promise.all([
    listAll<Warehouse>(client, resources.warehouse, project),
    listAll<Freight>(client, resources.freight, project),
    listAll<Stage>(client, resources.stage, project),
    listAll<ConfigMap>(client, engineResources.configMap, project),
    listAll<Secret>(client, engineResources.secret, project),
    listAll<ConfigMap>(client, engineResources.configMap, shared, { optional: true }),
    listAll<Secret>(client, engineResources.secret, shared, { optional: true }),
  ]);
  return { warehouses, freightObjects, stages, configMaps, secrets, sharedConfigMaps, sharedSecrets };
}

async function listAll<T extends KubeObject>(client: KubeClient, type: ResourceType, namespace: string, options: { optional?: boolean } = {}): Promise<T[]> {
  try {
    return (await client.list<T>(type, namespace)).items;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    // The shared namespace is optional: Kargo's functions then find nothing there.
    if (options.optional && (code === 403 || code === 404)) return [];
    throw error;
  }
}
