// The examples' promote-with-argocd PromotionTask, end to end: a Promotion
// built for the dev Stage as Kargo's webhook builds it (task inflated), run by
// the engine against a local bare repository and an Argo CD Application on
// the embedded server: clone → clear → set image → build → commit (message
// from the set-image step) → push → argocd-update, then Argo CD's sync.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinStepRegistry } from '../../../src/engine/builtin-steps.js';
import { engineResources } from '../../../src/engine/kube-resources.js';
import { loadPromotionInputs } from '../../../src/engine/promotion-inputs.js';
import { runPromotion } from '../../../src/engine/runner.js';
import { resources } from '../../../src/kube/resources.js';
import type { Freight, KubeObject, Promotion, PromotionTask, Stage, Warehouse } from '../../../src/model/kargo.js';
import { buildPromotion } from '../../../src/rules/promotion-builder.js';
import { systemClock } from '../../../src/runtime/clock.js';
import { ARGOCD_NAMESPACE, applicationObject, completeSync, getApplication } from '../support/argocd.js';
import { git, seedBareRepo, type BareRepo } from '../support/bare-repo.js';
import { startEngineCluster, type EngineCluster } from '../support/cluster.js';

const PROJECT = 'my-web-app';
const IMAGE = 'ghcr.io/example-org/my-web-app';
const EXAMPLES = new URL('../../../examples/', import.meta.url);

function examples<T extends KubeObject>(file: string, kind: string): T[] {
  return parseAllDocuments(readFileSync(new URL(file, EXAMPLES), 'utf8'))
    .map((document) => document.toJSON() as T)
    .filter((object) => object?.kind === kind);
}

let env: EngineCluster;
let root: string;
let repo: BareRepo;
let stage: Stage;
let imageFreight: Freight;

const files = {
  'base/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
  'base/deployment.yaml': [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: my-web-app',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: web',
    `          image: ${IMAGE}:1.0.0`,
    '',
  ].join('\n'),
  'env/us/kustomization.yaml': 'resources:\n  - ../../base\nnamePrefix: us-\n',
};

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'engine-e2e-'));
  repo = seedBareRepo(root, files);
  env = await startEngineCluster();
  await env.namespace(PROJECT);
  await env.namespace(ARGOCD_NAMESPACE);

  for (const warehouse of examples<Warehouse>('10-warehouses.yaml', 'Warehouse')) {
    const subscriptions = (warehouse.spec.subscriptions ?? []).map((subscription) =>
      subscription.git ? { git: { ...(subscription.git as object), repoURL: repo.url } } : subscription,
    );
    await env.client.create(resources.warehouse, { ...warehouse, spec: { ...warehouse.spec, subscriptions } }, PROJECT);
  }
  for (const task of examples<PromotionTask>('20-promotion-task.yaml', 'PromotionTask')) {
    await env.client.create(resources.promotionTask, task, PROJECT);
  }
  const dev = examples<Stage>('40-stages.yaml', 'Stage').find((candidate) => candidate.metadata.name === 'dev') as Stage;
  // The Stage points the task at the local repository (a Stage var overrides the task's default).
  dev.spec.vars = [{ name: 'gitopsRepo', value: repo.url }];
  stage = await env.client.create<Stage>(resources.stage, dev, PROJECT);

  const infraFreight = await env.client.create<Freight>(
    resources.freight,
    {
      apiVersion: 'kargo.akuity.io/v1alpha1',
      kind: 'Freight',
      metadata: { name: 'infra0000000000000000000000000000000001' },
      origin: { kind: 'Warehouse', name: 'infra-config' },
      commits: [{ repoURL: repo.url, id: repo.head, branch: 'main' }],
    },
    PROJECT,
  );
  imageFreight = await env.client.create<Freight>(
    resources.freight,
    {
      apiVersion: 'kargo.akuity.io/v1alpha1',
      kind: 'Freight',
      metadata: { name: 'image000000000000000000000000000000000001' },
      alias: 'brave-otter',
      origin: { kind: 'Warehouse', name: 'app-images' },
      images: [{ repoURL: IMAGE, tag: '1.4.0', digest: 'sha256:1111' }],
    },
    PROJECT,
  );
  // dev already runs the infra Freight: its last Promotion's collection carries it into this one.
  const infraReference = { name: infraFreight.metadata.name ?? '', origin: infraFreight.origin, commits: infraFreight.commits };
  stage = await env.client.patch<Stage>(
    resources.stage,
    'dev',
    {
      status: {
        lastPromotion: {
          name: 'dev.earlier',
          freight: infraReference,
          status: { phase: 'Succeeded', freightCollection: { id: 'x', items: { 'Warehouse/infra-config': infraReference } } },
        },
      },
    },
    PROJECT,
    { subresource: 'status', patchType: 'merge' },
  );

  await env.client.create(
    engineResources.application,
    applicationObject('my-web-app-dev', { authorizedStage: `${PROJECT}:dev`, source: { repoURL: repo.url, path: '.', targetRevision: 'stage/dev' } }),
    ARGOCD_NAMESPACE,
  );
});
afterAll(async () => {
  await env?.close();
  rmSync(root, { recursive: true, force: true });
});

async function pass(promotion: Promotion, workDir: string) {
  const inputs = await loadPromotionInputs(env.client, promotion);
  const result = await runPromotion({
    promotion,
    ...inputs,
    client: env.client,
    clock: systemClock,
    workDir,
    signal: new AbortController().signal,
    registry: builtinStepRegistry(),
  });
  promotion.status = result.status;
  return result.status;
}

describe('promote-with-argocd, end to end', () => {
  it('renders the overlay with the new image, pushes it to the stage branch and syncs the Application to that commit', async () => {
    const tasks = examples<PromotionTask>('20-promotion-task.yaml', 'PromotionTask');
    const promotion = buildPromotion({
      stage,
      freight: imageFreight,
      tasks: (kind, name) => (kind === 'PromotionTask' ? tasks.find((task) => task.metadata.name === name) : undefined),
      actor: 'alice',
      now: new Date(),
      ulid: () => '01JENGINEE2E0000000000000A',
    });
    expect(promotion.spec.steps?.map((step) => step.as)).toEqual([
      'task-1::step-1',
      'task-1::step-2',
      'task-1::update-image',
      'task-1::step-4',
      'task-1::commit',
      'task-1::step-6',
      'task-1::step-7',
    ]);
    const workDir = mkdtempSync(join(tmpdir(), 'engine-e2e-work-'));

    let status = await pass(promotion, workDir);
    expect(status.stepExecutionMetadata?.filter((meta) => meta.status !== 'Succeeded')).toEqual([
      expect.objectContaining({ alias: 'task-1::step-7', status: 'Running' }),
    ]);
    expect([status.phase, status.currentStep]).toEqual(['Running', 6]);

    // The stage branch holds the rendered manifests with the Freight's image, committed with set-image's message.
    const pushed = git(repo.path, ['rev-parse', 'refs/heads/stage/dev']);
    const commitOutput = status.state?.['task-1::commit'] as { commit: string };
    expect(commitOutput.commit).toBe(pushed);
    const rendered = git(repo.path, ['ls-tree', '-r', '--name-only', pushed]);
    expect(rendered).not.toContain('kustomization.yaml');
    const manifests = rendered
      .split('\n')
      .map((file) => git(repo.path, ['show', `${pushed}:${file}`]))
      .join('\n');
    expect(manifests).toContain(`image: ${IMAGE}:1.4.0`);
    expect(manifests).toContain('name: us-my-web-app');
    const message = git(repo.path, ['log', '-1', '--format=%B', pushed]);
    expect(message).toBe((status.state?.['task-1::update-image'] as { commitMessage: string }).commitMessage.trim());
    expect(message).toContain('1.4.0');
    expect(git(repo.path, ['rev-parse', 'refs/heads/main'])).toBe(repo.head);

    // argocd-update asked Argo CD to sync that commit.
    const app = await getApplication(env.client, 'my-web-app-dev');
    expect(app.operation?.info?.[1]).toEqual({ name: 'kargo.akuity.io/promotion', value: promotion.metadata.name });
    expect(app.operation?.initiatedBy).toEqual({ username: 'kubernetes:alice', automated: false });

    await completeSync(env.client, 'my-web-app-dev', { revision: pushed });
    status = await pass(promotion, workDir);
    expect([status.phase, status.message]).toEqual(['Succeeded', undefined]);
    expect(status.healthChecks).toEqual([
      { uses: 'argocd-update', config: { apps: [{ name: 'my-web-app-dev', namespace: 'argocd', desiredRevisions: [pushed] }] } },
    ]);
    expect(Object.keys(status.freightCollection?.items ?? {}).sort()).toEqual(['Warehouse/app-images', 'Warehouse/infra-config']);
    rmSync(workDir, { recursive: true, force: true });
  });
});
