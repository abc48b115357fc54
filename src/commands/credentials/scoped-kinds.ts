// The three kinds kept in a scope (a Project, the shared or the system
// resources): what `get` and `delete` need to know of each.

import type { KubeClient } from '../../kube/client.js';
import type { ResourceType } from '../../kube/resources.js';
import type { KubeObject } from '../../model/kargo.js';
import { CONFIGMAP_TYPE, SECRET_TYPE } from '../../output/scoped-objects.js';
import { configMapsTable, genericCredentialsTable, repoCredentialsTable } from '../../output/tables/credential-tables.js';
import type { TableData } from '../../output/tables/table-context.js';
import { deleteConfigMap, getConfigMap, listConfigMaps } from '../../usecases/credentials/configmaps.js';
import { deleteGenericCredentials, getGenericCredentials, listGenericCredentials } from '../../usecases/credentials/generic-credentials.js';
import { deleteRepoCredentials, getRepoCredentials, listRepoCredentials } from '../../usecases/credentials/repo-credentials.js';
import type { DynamicSource } from '../../usecases/complete-values.js';
import type { ResourceScope } from '../../usecases/credentials/scope.js';
import { credentialAliases } from './subcommand-words.js';

export interface ScopedKind {
  /** The `get` spelling; `create`, `update` and `delete` of ConfigMaps use the singular. */
  name: string;
  aliases: string[];
  noun: string;
  type: ResourceType;
  withSystem: boolean;
  /** Where shell completion finds names of this kind. */
  source: DynamicSource;
  list(client: KubeClient, scope: ResourceScope): Promise<KubeObject[]>;
  get(client: KubeClient, scope: ResourceScope, name: string): Promise<KubeObject>;
  remove(client: KubeClient, scope: ResourceScope, name: string): Promise<void>;
  table(objects: KubeObject[], now: Date): TableData;
}

export const REPO_CREDENTIALS: ScopedKind = {
  name: 'repo-credentials',
  source: 'repo-credentials',
  aliases: credentialAliases('repo'),
  noun: 'repository credentials',
  type: SECRET_TYPE,
  withSystem: false,
  list: listRepoCredentials,
  get: getRepoCredentials,
  remove: deleteRepoCredentials,
  table: repoCredentialsTable,
};

export const GENERIC_CREDENTIALS: ScopedKind = {
  name: 'generic-credentials',
  source: 'generic-credentials',
  aliases: credentialAliases('generic'),
  noun: 'generic credentials',
  type: SECRET_TYPE,
  withSystem: true,
  list: listGenericCredentials,
  get: getGenericCredentials,
  remove: deleteGenericCredentials,
  table: genericCredentialsTable,
};

export const CONFIGMAPS: ScopedKind = {
  name: 'configmaps',
  source: 'configmaps',
  aliases: ['configmap', 'cm'],
  noun: 'ConfigMaps',
  type: CONFIGMAP_TYPE,
  withSystem: true,
  list: listConfigMaps,
  get: getConfigMap,
  remove: deleteConfigMap,
  table: configMapsTable,
};
