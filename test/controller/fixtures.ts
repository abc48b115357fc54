// A small project for the controller's tests: Warehouse `images`, three
// Freight, and Stages that take Freight straight from the Warehouse, each
// with steps that need no network:
//   deliver — file-write + compose-output (succeeds)
//   broken  — file-write + fail (fails)
//   gated   — http against a local server that keeps saying "not yet" (stays Running)
//   stuck   — http against a local endpoint that never answers (a step in progress)
//   resume  — file-write, then the same http as gated

import type { KubeClient } from '../../src/kube/client.js';
import { resources } from '../../src/kube/resources.js';
import type { Freight, PromotionStep, Stage } from '../../src/model/kargo.js';

export const FREIGHT = {
  one: { name: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678', alias: 'calm-otter', tag: '1.0.0', discoveredAt: '2026-11-20T10:00:00Z' },
  two: { name: 'b2c3d4e5f60718293a4b5c6d7e8f901234567890', alias: 'brave-heron', tag: '1.1.0', discoveredAt: '2026-11-21T10:00:00Z' },
  three: { name: 'c3d4e5f60718293a4b5c6d7e8f90123456789012', alias: 'jolly-penguin', tag: '1.2.0', discoveredAt: '2026-11-22T10:00:00Z' },
} as const;

export const DELIVER_STEPS: PromotionStep[] = [
  { uses: 'file-write', as: 'write', config: { path: 'out/version.txt', contents: '${{ imageFrom("ghcr.io/example/shop").Tag }}' } },
  { uses: 'compose-output', as: 'summary', config: { stage: '${{ ctx.stage }}', tag: '${{ imageFrom("ghcr.io/example/shop").Tag }}' } },
];

const BROKEN_STEPS: PromotionStep[] = [
  { uses: 'file-write', as: 'write', config: { path: 'out/version.txt', contents: 'x' } },
  { uses: 'fail', as: 'refuse', config: { message: 'not today' } },
];

function gatedSteps(url: string): PromotionStep[] {
  return [
    { uses: 'http', as: 'wait-ready', config: { url, pollInterval: '1s', successExpression: 'response.body.ready == true', failureExpression: 'false' } },
  ];
}

function stage(project: string, name: string, steps: PromotionStep[]): Stage {
  return {
    apiVersion: 'kargo.akuity.io/v1alpha1',
    kind: 'Stage',
    metadata: { name, namespace: project },
    spec: {
      requestedFreight: [{ origin: { kind: 'Warehouse', name: 'images' }, sources: { direct: true } }],
      promotionTemplate: { spec: { steps } },
    },
  };
}

function freight(project: string, spec: (typeof FREIGHT)[keyof typeof FREIGHT]): Freight {
  return {
    apiVersion: 'kargo.akuity.io/v1alpha1',
    kind: 'Freight',
    metadata: { name: spec.name, namespace: project, labels: { 'kargo.akuity.io/alias': spec.alias } },
    alias: spec.alias,
    origin: { kind: 'Warehouse', name: 'images' },
    discoveredAt: spec.discoveredAt,
    images: [{ repoURL: 'ghcr.io/example/shop', tag: spec.tag }],
  };
}

export async function createProject(admin: KubeClient, project: string, gateBase: string): Promise<void> {
  await admin.create(resources.namespace, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: project, labels: { 'kargo.akuity.io/project': 'true' } } });
  await admin.create(resources.project, { apiVersion: 'kargo.akuity.io/v1alpha1', kind: 'Project', metadata: { name: project } });
  await admin.create(
    resources.warehouse,
    {
      apiVersion: 'kargo.akuity.io/v1alpha1',
      kind: 'Warehouse',
      metadata: { name: 'images', namespace: project },
      spec: { subscriptions: [{ image: { repoURL: 'ghcr.io/example/shop' } }] },
    },
    project,
  );
  for (const spec of Object.values(FREIGHT)) await admin.create(resources.freight, freight(project, spec), project);
  await admin.create(resources.stage, stage(project, 'deliver', DELIVER_STEPS), project);
  await admin.create(resources.stage, stage(project, 'broken', BROKEN_STEPS), project);
  await admin.create(resources.stage, stage(project, 'gated', gatedSteps(`${gateBase}/ready`)), project);
  await admin.create(resources.stage, stage(project, 'stuck', gatedSteps(`${gateBase}/slow`)), project);
  await admin.create(resources.stage, stage(project, 'resume', [BROKEN_STEPS[0] as PromotionStep, ...gatedSteps(`${gateBase}/ready`)]), project);
}
