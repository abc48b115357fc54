// Reading objects by what Kubernetes and Kargo index: a name is one GET, a
// Freight alias one LIST selected by the alias label. What cannot be a name or
// an alias is never sent (it would address something else).

import type { KubeClient } from '../kube/client.js';
import { isNotFound } from '../kube/errors.js';
import { resources, type ResourceType } from '../kube/resources.js';
import type { Freight, KubeObject } from '../model/kargo.js';
import { ALIAS_LABEL } from '../model/labels.js';
import { nameProblem } from '../rules/kubernetes-names.js';

/** The object of this name, or undefined when there is none. */
export async function readNamed<T extends KubeObject>(
  client: KubeClient,
  type: ResourceType,
  name: string,
  namespace: string | undefined,
): Promise<T | undefined> {
  if (nameProblem(name, 'object')) return undefined;
  try {
    return await client.get<T>(type, name, namespace);
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** The project's Freight that carries this alias (normally one). */
export async function freightWithAlias(client: KubeClient, project: string | undefined, alias: string): Promise<Freight[]> {
  if (nameProblem(alias, 'alias')) return [];
  return (await client.list<Freight>(resources.freight, project, { labelSelector: `${ALIAS_LABEL}=${alias}` })).items;
}
