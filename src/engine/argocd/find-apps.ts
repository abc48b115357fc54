// Finding the Applications an argocd step names (by name or label selector)
// and, for argocd-update, keeping only those that authorize this Stage through
// the `kargo.akuity.io/authorized-stage` annotation (`<project>:<stage>`, a
// comma-separated list since Kargo v1.11).

import type { KubeClient } from '../../kube/client.js';
import { AUTHORIZED_STAGE_ANNOTATION as AUTHORIZED_STAGE } from '../../model/annotations.js';
import { engineResources, isNotFoundError } from '../kube-resources.js';
import { DEFAULT_ARGOCD_NAMESPACE, type Application } from './application.js';
import { labelSelectorOf, type AppSelector } from './selector.js';

export interface AppReference {
  name?: string;
  namespace?: string;
  selector?: AppSelector;
}

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export async function findApplications(client: KubeClient, reference: AppReference): Promise<Application[]> {
  const namespace = reference.namespace || DEFAULT_ARGOCD_NAMESPACE;
  if (reference.selector) {
    let apps: Application[];
    try {
      apps = (await client.list<Application>(engineResources.application, namespace, { labelSelector: labelSelectorOf(reference.selector) })).items;
    } catch (error) {
      throw new Error(`error listing Argo CD Applications matching selector: ${errorText(error)}`);
    }
    return apps;
  }
  const name = reference.name ?? '';
  const where = `Argo CD Application ${JSON.stringify(name)} in namespace ${JSON.stringify(namespace)}`;
  try {
    return [await client.get<Application>(engineResources.application, name, namespace)];
  } catch (error) {
    if (isNotFoundError(error)) throw new Error(`unable to find ${where}`);
    throw new Error(`error finding ${where}: ${errorText(error)}`);
  }
}

/** Why `app` may not be changed by the Stage, or undefined when it may. */
export function authorizationProblem(app: Application, project: string, stage: string): string | undefined {
  const name = JSON.stringify(app.metadata.name ?? '');
  const namespace = JSON.stringify(app.metadata.namespace ?? '');
  const denied = `Argo CD Application ${name} in namespace ${namespace} does not permit mutation by Kargo Stage ${stage} in namespace ${project}`;
  const value = app.metadata.annotations?.[AUTHORIZED_STAGE];
  if (value === undefined) return denied;
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [entryProject = '', entryStage = ''] = entry.split(':', 2).map((part) => part.trim());
    if (!entry.includes(':') || !entryProject || !entryStage || entry.includes('*')) {
      return `unable to parse value of annotation ${JSON.stringify(AUTHORIZED_STAGE)} (${JSON.stringify(value)}) on Argo CD Application ${name} in namespace ${namespace}`;
    }
    if (entryProject === project && entryStage === stage) return undefined;
  }
  return denied;
}
