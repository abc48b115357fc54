// Deleting Kargo objects by name as Kargo's API server does: a project-scoped
// kind only once the Project is known to exist, ProjectConfig by the project's
// name, the ClusterConfig by its one name ("cluster"). Stages, Warehouses and
// Projects have no delete-time checks in Kargo; their controllers clean up.

import type { KubeClient } from '../kube/client.js';
import { isNotFound } from '../kube/errors.js';
import { resources, type ResourceType } from '../kube/resources.js';
import { Failure } from '../runtime/failure.js';
import { readNamed } from './read-named.js';

export type NamedKind = 'stage' | 'warehouse' | 'project' | 'projectconfig' | 'clusterconfig';

/** The one ClusterConfig Kargo reads (pkg/api ClusterConfigName). */
export const CLUSTER_CONFIG_NAME = 'cluster';

export const NAMED_KINDS: Record<NamedKind, { type: ResourceType; label: string; list: string }> = {
  stage: { type: resources.stage, label: 'Stage', list: 'kargo get stages' },
  warehouse: { type: resources.warehouse, label: 'Warehouse', list: 'kargo get warehouses' },
  project: { type: resources.project, label: 'project', list: 'kargo get projects' },
  projectconfig: { type: resources.projectConfig, label: 'ProjectConfig', list: 'kargo get projectconfig' },
  clusterconfig: { type: resources.clusterConfig, label: 'ClusterConfig', list: 'kargo get clusterconfig' },
};

/** Fails with not-found unless the Project exists (Kargo's validateProjectExists). */
export async function requireProject(client: KubeClient, project: string): Promise<void> {
  if (await readNamed(client, resources.project, project, undefined)) return;
  throw new Failure('not-found', `project "${project}" not found`, 'List projects with `kargo get projects`, or pick another with -p NAME.');
}

/** Deletes one object; a missing one fails with not-found, worded for its kind. */
export async function deleteNamed(client: KubeClient, kind: NamedKind, name: string, project?: string): Promise<void> {
  const { type, label, list } = NAMED_KINDS[kind];
  try {
    await client.delete(type, name, type.namespaced ? project : undefined);
  } catch (error) {
    if (!isNotFound(error)) throw error;
    const where = type.namespaced && project ? ` in project "${project}"` : '';
    throw new Failure(
      'not-found',
      `${label} "${name}" not found${where}`,
      `List what exists with \`${list}${type.namespaced && project ? ` -p ${project}` : ''}\`.`,
      {
        cause: error,
      },
    );
  }
}
