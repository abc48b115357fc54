// A Project's namespace. Kargo's Project webhook creates it, labelled as a project
// namespace, while the Project is admitted; on a cluster without that webhook
// (the sandbox) kargo creates it the same way so the Project can be used at once.

import type { KubeClient } from '../kube/client.js';
import { isAlreadyExists, isNotFound } from '../kube/errors.js';
import { resources } from '../kube/resources.js';
import type { KubeObject } from '../model/kargo.js';
import { LABEL_TRUE, PROJECT_LABEL } from '../model/labels.js';

/** True when kargo had to create the namespace (nothing else had). */
export async function ensureProjectNamespace(client: KubeClient, project: string): Promise<boolean> {
  try {
    await client.get(resources.namespace, project);
    return false;
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  const namespace: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: project, labels: { [PROJECT_LABEL]: LABEL_TRUE } } };
  try {
    await client.create(resources.namespace, namespace);
    return true;
  } catch (error) {
    if (isAlreadyExists(error)) return false;
    throw error;
  }
}
