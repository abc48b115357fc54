// ConfigMaps as Kargo's API server manages them: any ConfigMap in a Project, the
// shared or the system resources namespace, the description in an annotation.
// They hold no secrets, so they are shown whole.

import { coreResources } from '../../kube/core-resources.js';
import type { KubeClient } from '../../kube/client.js';
import type { ConfigMap } from '../../model/core.js';
import { fail } from '../../runtime/failure.js';
import { changedData, describedMetadata, type KeyValueChange, newMetadata } from './key-values.js';
import { createScoped, deleteScoped, type KindWords, listScoped, readScoped, updateScoped } from './scoped-objects.js';
import { namespaceOf, type ResourceScope } from './scope.js';

const WORDS: KindWords = { noun: 'ConfigMap', getKind: 'configmaps' };
const CONFIGMAPS = coreResources.configMap;

export function listConfigMaps(client: KubeClient, scope: ResourceScope): Promise<ConfigMap[]> {
  return listScoped<ConfigMap>(client, CONFIGMAPS, scope);
}

export function getConfigMap(client: KubeClient, scope: ResourceScope, name: string): Promise<ConfigMap> {
  return readScoped<ConfigMap>(client, CONFIGMAPS, scope, WORDS, name);
}

export function createConfigMap(
  client: KubeClient,
  scope: ResourceScope,
  input: { name: string; data: Record<string, string>; description?: string },
): Promise<ConfigMap> {
  if (Object.keys(input.data).length === 0) fail('usage', 'cannot create an empty ConfigMap', 'Give at least one --set KEY=VALUE.');
  const configMap: ConfigMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: newMetadata(input.name, namespaceOf(scope), input.description),
    data: input.data,
  };
  return createScoped(client, CONFIGMAPS, scope, WORDS, configMap);
}

export async function updateConfigMap(client: KubeClient, scope: ResourceScope, name: string, change: KeyValueChange): Promise<ConfigMap> {
  const configMap = await readScoped<ConfigMap>(client, CONFIGMAPS, scope, WORDS, name);
  const updated: ConfigMap = {
    ...configMap,
    metadata: describedMetadata(configMap.metadata, change.description),
    data: changedData(configMap.data, change, (value) => value, `ConfigMap "${name}"`),
  };
  return updateScoped(client, CONFIGMAPS, scope, WORDS, updated);
}

export function deleteConfigMap(client: KubeClient, scope: ResourceScope, name: string): Promise<void> {
  return deleteScoped(client, CONFIGMAPS, scope, WORDS, name);
}
