// `kargo create project NAME` as Kargo's API server does it: a Project (with the
// creator recorded), refused if one of that name exists; its namespace follows.

import type { KubeClient } from '../kube/client.js';
import { apiVersionOf, resources } from '../kube/resources.js';
import type { Project } from '../model/kargo.js';
import { withCreator } from '../rules/creator-annotation.js';
import { Failure } from '../runtime/failure.js';
import { ensureProjectNamespace } from './project-namespace.js';
import { readNamed } from './read-named.js';

export interface CreatedProject {
  project: Project;
  /** kargo created the namespace because no Kargo webhook did. */
  namespaceCreated: boolean;
}

export async function createProject(client: KubeClient, name: string): Promise<CreatedProject> {
  if (await readNamed(client, resources.project, name, undefined)) {
    throw new Failure('conflict', `project "${name}" already exists`, 'List projects with `kargo get projects`.');
  }
  const actor = (await client.whoAmI()).username;
  const project = await client.create<Project>(
    resources.project,
    withCreator({ apiVersion: apiVersionOf(resources.project), kind: 'Project', metadata: { name } }, actor),
  );
  return { project, namespaceCreated: await ensureProjectNamespace(client, name) };
}
