// The Argo CD part of the live scenarios' project: Stage `web`, whose
// promotion commits the image to the world's repository and has Argo CD (the
// stand-in, see argocd-health.ts) sync the Application `web-<project>` to that
// commit, then waits for the world's traffic cut-over gate. Its health is the
// argocd-update health check; its verification the `smoke` template.

import { pathToFileURL } from 'node:url';
import type { KubeClient } from '../../../src/kube/client.js';
import { resources } from '../../../src/kube/resources.js';
import { AUTHORIZED_STAGE_ANNOTATION } from '../../../src/model/annotations.js';
import type { PromotionStep, Stage } from '../../../src/model/kargo.js';
import { APPLICATIONS, type Application } from '../../../src/sandbox/argocd-standin/application.js';
import { ARGOCD_NAMESPACE, HEALTH_URL_ANNOTATION } from './argocd-health.js';
import type { World } from './world.js';

export const ARGOCD_STAGE = 'web';
/** The world's key for the workload's rollout (Argo CD health) and for the cut-over gate the promotion's last step waits on. */
export const ROLLOUT_KEY = 'web';
export const CUTOVER_KEY = 'web-cutover';

export const applicationName = (project: string): string => `web-${project}`;

function steps(project: string, world: World, repoURL: string): PromotionStep[] {
  return [
    { uses: 'git-clone', as: 'clone', config: { repoURL: world.repo.url, insecureSkipTLSVerify: true, checkout: [{ branch: 'main', path: './src' }] } },
    { uses: 'kustomize-set-image', as: 'set-image', config: { path: './src/env/staging' } },
    { uses: 'git-commit', as: 'commit', config: { path: './src', message: 'Promote ${{ ctx.targetFreight.alias }} to ${{ ctx.stage }}' } },
    { uses: 'git-push', as: 'push', config: { path: './src' } },
    {
      uses: 'argocd-update',
      as: 'sync',
      config: { apps: [{ name: applicationName(project), sources: [{ repoURL, desiredRevision: '${{ outputs.commit.commit }}' }] }] },
    },
    {
      uses: 'http',
      as: 'cutover',
      config: { url: `${world.appUrl}/rollout/${CUTOVER_KEY}`, pollInterval: '1s', successExpression: 'response.body.rollout == "done"' },
    },
  ];
}

export async function createArgoCDStage(admin: KubeClient, project: string, world: World): Promise<void> {
  const repoURL = pathToFileURL(world.repo.path).href;
  const application: Application = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      name: applicationName(project),
      namespace: ARGOCD_NAMESPACE,
      annotations: { [AUTHORIZED_STAGE_ANNOTATION]: `${project}:${ARGOCD_STAGE}`, [HEALTH_URL_ANNOTATION]: `${world.appUrl}/rollout/${ROLLOUT_KEY}` },
    },
    spec: {
      project: 'default',
      destination: { server: 'https://kubernetes.default.svc', namespace: 'shop' },
      source: { repoURL, path: 'env/staging', targetRevision: 'main' },
    },
  };
  await admin.create(APPLICATIONS, application, ARGOCD_NAMESPACE);
  const stage: Stage = {
    apiVersion: 'kargo.akuity.io/v1alpha1',
    kind: 'Stage',
    metadata: { name: ARGOCD_STAGE, namespace: project },
    spec: {
      requestedFreight: [{ origin: { kind: 'Warehouse', name: 'images' }, sources: { direct: true } }],
      promotionTemplate: { spec: { steps: steps(project, world, repoURL) } },
      verification: { analysisTemplates: [{ name: 'smoke' }] },
    },
  };
  await admin.create(resources.stage, stage, project);
}

export async function ensureArgoCDNamespace(admin: KubeClient): Promise<void> {
  await admin.create(resources.namespace, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ARGOCD_NAMESPACE } }).catch((error: unknown) => {
    if (!(error instanceof Error && /already exists|409/.test(error.message))) throw error;
  });
}
