// Argo CD Applications on the embedded server, and a stand-in for Argo CD's
// application controller: it carries out a requested sync operation by
// writing the status Argo CD would write.

import type { KubeClient } from '../../../src/kube/client.js';
import type { Application } from '../../../src/engine/argocd/application.js';
import { engineResources } from '../../../src/engine/kube-resources.js';

export const ARGOCD_NAMESPACE = 'argocd';

export function applicationObject(
  name: string,
  options: { authorizedStage?: string; sources?: Application['spec']['sources']; source?: Application['spec']['source']; labels?: Record<string, string> } = {},
): Application {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      name,
      namespace: ARGOCD_NAMESPACE,
      ...(options.labels ? { labels: options.labels } : {}),
      ...(options.authorizedStage ? { annotations: { 'kargo.akuity.io/authorized-stage': options.authorizedStage } } : {}),
    },
    spec: {
      project: 'default',
      destination: { server: 'https://kubernetes.default.svc', namespace: 'app' },
      ...(options.sources
        ? { sources: options.sources }
        : { source: options.source ?? { repoURL: 'https://git.example.com/app.git', path: 'env/test', targetRevision: 'main' } }),
    },
  };
}

export async function getApplication(client: KubeClient, name: string): Promise<Application> {
  return client.get<Application>(engineResources.application, name, ARGOCD_NAMESPACE);
}

/** Does what Argo CD does with a requested operation: syncs to `revision`, reports `health`. */
export async function completeSync(
  client: KubeClient,
  name: string,
  outcome: { revision: string; health?: string; phase?: 'Succeeded' | 'Failed'; message?: string; at?: Date },
): Promise<Application> {
  const app = await getApplication(client, name);
  const at = (outcome.at ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  // A repeated report (health changing later) keeps the operation it last ran.
  const operation = app.operation ?? app.status?.operationState?.operation;
  delete app.operation;
  app.status = {
    ...app.status,
    operationState: {
      ...(operation ? { operation } : {}),
      phase: outcome.phase ?? 'Succeeded',
      message: outcome.message ?? 'successfully synced (all tasks run)',
      syncResult: { revision: outcome.revision },
      startedAt: at,
      finishedAt: at,
    },
    sync: { status: 'Synced', revision: outcome.revision },
    health: { status: outcome.health ?? 'Healthy' },
    reconciledAt: at,
  };
  return client.update<Application>(engineResources.application, app, ARGOCD_NAMESPACE);
}
