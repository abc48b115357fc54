// The cluster the real CLI's examples talk about: project my-project with
// Warehouse my-warehouse, Stages qa, test (downstream of qa), my-stage and dev,
// Freight abc123 (alias wonky-wombat, verified in qa) and abc1234, and Promotions
// abc1234 and my-promotion. Reset before every example so each runs on the same world.

import type { KubeClient } from '../../src/kube/client.js';
import { coreResources } from '../../src/kube/core-resources.js';
import { resources } from '../../src/kube/resources.js';
import type { KubeObject } from '../../src/model/kargo.js';

export const SEED_PROJECT = 'my-project';
const API = 'kargo.akuity.io/v1alpha1';
const ns = { namespace: SEED_PROJECT };
const STEPS = [{ uses: 'git-clone', config: { repoURL: 'https://example.com/repo.git', checkout: [{ branch: 'main', path: './src' }] } }];

function stage(name: string, sources: Record<string, unknown>): KubeObject {
  return {
    apiVersion: API,
    kind: 'Stage',
    metadata: { name, ...ns },
    spec: { requestedFreight: [{ origin: { kind: 'Warehouse', name: 'my-warehouse' }, sources }], promotionTemplate: { spec: { steps: STEPS } } },
  } as KubeObject;
}

function freight(name: string, alias: string, verifiedIn: string[]): { object: KubeObject; status: unknown } {
  return {
    object: {
      apiVersion: API,
      kind: 'Freight',
      metadata: { name, ...ns, labels: { 'kargo.akuity.io/alias': alias } },
      alias,
      origin: { kind: 'Warehouse', name: 'my-warehouse' },
      images: [{ repoURL: 'ghcr.io/example/app', tag: `1.0.${name.length}`, digest: `sha256:${'a'.repeat(64)}` }],
    } as KubeObject,
    status: { verifiedIn: Object.fromEntries(verifiedIn.map((stageName) => [stageName, { verifiedAt: '2026-11-01T00:00:00Z' }])) },
  };
}

/** What the examples create or change in the project: removed before each one. */
const NAMESPACED = [
  resources.promotion,
  resources.freight,
  resources.stage,
  resources.warehouse,
  coreResources.secret,
  coreResources.configMap,
  coreResources.serviceAccount,
  coreResources.role,
  coreResources.roleBinding,
];

export async function resetSeed(admin: KubeClient): Promise<void> {
  for (const type of NAMESPACED) {
    const list = await admin.list<KubeObject>(type, SEED_PROJECT).catch(() => ({ items: [] as KubeObject[] }));
    for (const item of list.items) await admin.delete(type, item.metadata.name ?? '', SEED_PROJECT).catch(() => undefined);
  }
  await ensure(admin, resources.namespace, {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: SEED_PROJECT, labels: { 'kargo.akuity.io/project': 'true' } },
  } as KubeObject);
  await ensure(admin, resources.project, { apiVersion: API, kind: 'Project', metadata: { name: SEED_PROJECT } } as KubeObject);
  await admin.create(
    resources.warehouse,
    {
      apiVersion: API,
      kind: 'Warehouse',
      metadata: { name: 'my-warehouse', ...ns },
      spec: { subscriptions: [{ image: { repoURL: 'ghcr.io/example/app' } }] },
    } as KubeObject,
    SEED_PROJECT,
  );
  for (const object of [
    stage('qa', { direct: true }),
    stage('dev', { direct: true }),
    stage('my-stage', { direct: true }),
    stage('test', { stages: ['qa'] }),
  ]) {
    await admin.create(resources.stage, object, SEED_PROJECT);
  }
  for (const { object, status } of [freight('abc123', 'wonky-wombat', ['qa']), freight('abc1234', 'calm-koala', [])]) {
    await admin.create(resources.freight, object, SEED_PROJECT);
    await admin.patch(resources.freight, object.metadata.name ?? '', { status }, SEED_PROJECT, { subresource: 'status' });
  }
  for (const name of ['abc1234', 'my-promotion']) {
    await admin.create(
      resources.promotion,
      {
        apiVersion: API,
        kind: 'Promotion',
        metadata: { name, ...ns },
        spec: { stage: 'qa', freight: 'abc123', steps: STEPS },
      } as KubeObject,
      SEED_PROJECT,
    );
  }
}

async function ensure(admin: KubeClient, type: (typeof resources)[keyof typeof resources], object: KubeObject): Promise<void> {
  await admin.create(type, object).catch((error: unknown) => {
    if ((error as { code?: number }).code !== 409) throw error;
  });
}
