// The live scenarios' project: Warehouse `images` with three Freight (as CI or a
// Warehouse would have made them) and Stages dev → staging (verified) / qa →
// prod (1h soak after staging), whose promotions really run: clone the world's
// Git repository, set the image in the Stage's overlay, commit, push, then wait
// for the application's rollout. Roles for a viewer, as Kargo's built-in one.

import type { KubeClient } from '../../../src/kube/client.js';
import { resources } from '../../../src/kube/resources.js';
import type { PromotionStep, Stage } from '../../../src/model/kargo.js';
import { SHARD_LABEL } from '../../../src/model/labels.js';

import { createKargoRoles, FREIGHT, freightObject } from '../fixtures.js';
import type { World } from './world.js';

export { FREIGHT };

function promotionSteps(world: World): PromotionStep[] {
  return [
    { uses: 'git-clone', as: 'clone', config: { repoURL: world.repo.url, insecureSkipTLSVerify: true, checkout: [{ branch: 'main', path: './src' }] } },
    { uses: 'kustomize-set-image', as: 'set-image', config: { path: './src/env/${{ ctx.stage }}' } },
    { uses: 'git-commit', as: 'commit', config: { path: './src', message: 'Promote ${{ ctx.targetFreight.alias }} to ${{ ctx.stage }}' } },
    { uses: 'git-push', as: 'push', config: { path: './src' } },
    {
      uses: 'http',
      as: 'rollout',
      config: {
        url: `${world.appUrl}/rollout/\${{ ctx.stage }}`,
        pollInterval: '1s',
        successExpression: 'response.body.rollout == "done"',
        failureExpression: 'response.body.rollout == "failed"',
      },
    },
  ];
}

/** Kargo's shard, as its webhook leaves it: in `spec.shard` and in the shard label. */
function sharded(shard: string | undefined): { labels?: Record<string, string>; spec: { shard?: string } } {
  return shard ? { labels: { [SHARD_LABEL]: shard }, spec: { shard } } : { spec: {} };
}

function stage(project: string, world: World, name: string, sources: Record<string, unknown>, verified = false, shard?: string): Stage {
  const { labels, spec } = sharded(shard);
  return {
    apiVersion: 'kargo.akuity.io/v1alpha1',
    kind: 'Stage',
    metadata: { name, namespace: project, ...(labels ? { labels } : {}) },
    spec: {
      ...spec,
      requestedFreight: [{ origin: { kind: 'Warehouse', name: 'images' }, sources }],
      promotionTemplate: { spec: { steps: promotionSteps(world) } },
      ...(verified ? { verification: { analysisTemplates: [{ name: 'smoke' }] } } : {}),
    },
  };
}

/** `shard`: the project's Stages and Warehouse belong to that Kargo shard (its controller alone runs them). */
export async function createLiveProject(admin: KubeClient, project: string, world: World, shard?: string): Promise<void> {
  const { labels, spec } = sharded(shard);
  await admin.create(resources.namespace, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: project, labels: { 'kargo.akuity.io/project': 'true' } } });
  await admin.create(resources.project, { apiVersion: 'kargo.akuity.io/v1alpha1', kind: 'Project', metadata: { name: project } });
  // Credentials before the Warehouse that needs them, so its first discovery can log in.
  await admin.create(
    resources.secret,
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'git-creds', namespace: project, labels: { 'kargo.akuity.io/cred-type': 'git' } },
      data: Object.fromEntries(
        Object.entries({ repoURL: world.repo.url, username: world.repo.username, password: world.repo.password }).map(([key, value]) => [
          key,
          Buffer.from(value).toString('base64'),
        ]),
      ),
    },
    project,
  );
  await admin.create(
    resources.warehouse,
    {
      apiVersion: 'kargo.akuity.io/v1alpha1',
      kind: 'Warehouse',
      metadata: { name: 'images', namespace: project, ...(labels ? { labels } : {}) },
      spec: { ...spec, freightCreationPolicy: 'Manual', subscriptions: [{ git: { repoURL: world.repo.url, branch: 'main', insecureSkipTLSVerify: true } }] },
    },
    project,
  );
  for (const spec of Object.values(FREIGHT)) await admin.create(resources.freight, freightObject(project, spec), project);
  await admin.create(
    resources.analysisTemplate,
    {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AnalysisTemplate',
      metadata: { name: 'smoke', namespace: project },
      spec: {
        metrics: [
          {
            name: 'error-rate',
            interval: '1s',
            count: 2,
            // While the application warms up the endpoint answers 503: keep measuring.
            consecutiveErrorLimit: 1000,
            successCondition: 'result < 0.05',
            failureCondition: 'result >= 0.05',
            provider: { web: { url: `${world.appUrl}/metrics/staging`, jsonPath: '{$.errorRate}' } },
          },
        ],
      },
    },
    project,
  );
  await admin.create(resources.stage, stage(project, world, 'dev', { direct: true }, false, shard), project);
  await admin.create(resources.stage, stage(project, world, 'staging', { stages: ['dev'] }, true, shard), project);
  await admin.create(resources.stage, stage(project, world, 'qa', { stages: ['dev'] }, false, shard), project);
  await admin.create(resources.stage, stage(project, world, 'prod', { stages: ['staging'], requiredSoakTime: '1h' }, false, shard), project);
  await createKargoRoles(admin, project);
}
