// A small project for workflow tests: Warehouse `images`; Stages
// dev (direct from the Warehouse) → staging (from dev, verified by an
// AnalysisTemplate) and qa (from dev) → prod (from staging, 1h soak); Freight as a Warehouse would
// have made it; and roles for a viewer and a promoter, as Kargo's built-in ones.

import type { KubeClient } from '../../src/kube/client.js';
import { resources, type ResourceType } from '../../src/kube/resources.js';
import type { Freight, KubeObject, Stage } from '../../src/model/kargo.js';

export const FREIGHT = {
  old: { name: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678', alias: 'calm-otter', tag: '1.0.0', discoveredAt: '2026-11-20T10:00:00Z' },
  current: { name: 'b2c3d4e5f60718293a4b5c6d7e8f901234567890', alias: 'brave-heron', tag: '1.1.0', discoveredAt: '2026-11-21T10:00:00Z' },
  next: { name: 'c3d4e5f60718293a4b5c6d7e8f90123456789012', alias: 'jolly-penguin', tag: '1.2.0', discoveredAt: '2026-11-22T10:00:00Z' },
} as const;

const steps = [
  { uses: 'git-clone', config: { repoURL: 'https://git.example.com/shop.git' } },
  { uses: 'kustomize-set-image', as: 'set-image', config: { path: './env' } },
  { uses: 'argocd-update', config: { apps: [{ name: 'shop-${{ ctx.stage }}' }] } },
];

function stage(project: string, name: string, sources: Record<string, unknown>, verification = false): Stage {
  return {
    apiVersion: 'kargo.akuity.io/v1alpha1',
    kind: 'Stage',
    metadata: { name, namespace: project },
    spec: {
      requestedFreight: [{ origin: { kind: 'Warehouse', name: 'images' }, sources }],
      promotionTemplate: { spec: { steps } },
      ...(verification ? { verification: { analysisTemplates: [{ name: 'smoke' }] } } : {}),
    },
  };
}

/** Freight as a Warehouse `images` would have made it. */
export function freightObject(project: string, spec: { name: string; alias: string; tag: string; discoveredAt: string }): Freight {
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

const rbac = (project: string, kind: string, name: string, body: Record<string, unknown>): KubeObject & Record<string, unknown> => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind,
  metadata: { name, namespace: project },
  ...body,
});

const RBAC_TYPES: Record<string, ResourceType> = {
  Role: {
    group: 'rbac.authorization.k8s.io',
    version: 'v1',
    kind: 'Role',
    plural: 'roles',
    singular: 'role',
    namespaced: true,
    shortNames: [],
    hasStatus: false,
  },
  RoleBinding: {
    group: 'rbac.authorization.k8s.io',
    version: 'v1',
    kind: 'RoleBinding',
    plural: 'rolebindings',
    singular: 'rolebinding',
    namespaced: true,
    shortNames: [],
    hasStatus: false,
  },
};

const VIEW = ['get', 'list', 'watch'];
const KARGO_READ = ['freights', 'stages', 'promotions', 'warehouses', 'projectconfigs'];

/** Creates the project and its objects; Stage status is left to the fake controller, except where `seed` says. */
export async function createProject(admin: KubeClient, project: string): Promise<void> {
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
  for (const spec of Object.values(FREIGHT)) await admin.create(resources.freight, freightObject(project, spec), project);
  await admin.create(resources.stage, stage(project, 'dev', { direct: true }), project);
  await admin.create(resources.stage, stage(project, 'staging', { stages: ['dev'] }, true), project);
  await admin.create(resources.stage, stage(project, 'qa', { stages: ['dev'] }), project);
  await admin.create(resources.stage, stage(project, 'prod', { stages: ['staging'], requiredSoakTime: '1h' }), project);
  await admin.create(
    resources.analysisTemplate,
    {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AnalysisTemplate',
      metadata: { name: 'smoke', namespace: project },
      spec: { metrics: [{ name: 'success-rate', provider: { web: { url: 'https://shop.example.com/health' } } }] },
    },
    project,
  );

  await createKargoRoles(admin, project);
}

/** kargo-viewer and kargo-promoter, as Kargo's built-in roles, bound to groups of those names. */
export async function createKargoRoles(admin: KubeClient, project: string): Promise<void> {
  const viewerRules = [
    { apiGroups: ['kargo.akuity.io'], resources: KARGO_READ, verbs: VIEW },
    { apiGroups: ['argoproj.io'], resources: ['analysisruns', 'analysistemplates'], verbs: VIEW },
  ];
  const promoterRules = [
    ...viewerRules,
    { apiGroups: ['kargo.akuity.io'], resources: ['stages'], verbs: ['promote'] },
    { apiGroups: ['kargo.akuity.io'], resources: ['promotions'], verbs: ['create'] },
    { apiGroups: ['kargo.akuity.io'], resources: ['freights/status'], verbs: ['patch'] },
  ];
  for (const [role, rules] of [
    ['kargo-viewer', viewerRules],
    ['kargo-promoter', promoterRules],
  ] as const) {
    await admin.create(RBAC_TYPES.Role!, rbac(project, 'Role', role, { rules }), project);
    await admin.create(
      RBAC_TYPES.RoleBinding!,
      rbac(project, 'RoleBinding', role, {
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: role },
        subjects: [{ kind: 'Group', name: role, apiGroup: 'rbac.authorization.k8s.io' }],
      }),
      project,
    );
  }
}

/** Puts `freightName` into a Stage as Kargo would after a successful, verified promotion. */
export async function seedCurrentFreight(
  admin: KubeClient,
  project: string,
  stageName: string,
  freightName: string,
  options: { verifiedAt?: string; since?: string } = {},
): Promise<void> {
  const since = options.since ?? '2026-11-22T12:00:00Z';
  const collectionId = await sha1(freightName);
  const verification = options.verifiedAt ? [{ id: `seed-${stageName}`, phase: 'Successful', startTime: since, finishTime: options.verifiedAt }] : [];
  await admin.patch(
    resources.stage,
    stageName,
    {
      status: {
        freightHistory: [
          {
            id: collectionId,
            items: { 'Warehouse/images': { name: freightName, origin: { kind: 'Warehouse', name: 'images' } } },
            verificationHistory: verification,
          },
        ],
        health: { status: 'Healthy' },
        lastPromotion: { name: `${stageName}.${'0'.repeat(26)}.${freightName.slice(0, 7)}`, status: { phase: 'Succeeded' } },
      },
    },
    project,
    { subresource: 'status' },
  );
  await admin.patch(
    resources.freight,
    freightName,
    {
      status: {
        currentlyIn: { [stageName]: { since } },
        ...(options.verifiedAt ? { verifiedIn: { [stageName]: { verifiedAt: options.verifiedAt } } } : {}),
      },
    },
    project,
    { subresource: 'status' },
  );
}

async function sha1(text: string): Promise<string> {
  const { createHash } = await import('node:crypto');
  return createHash('sha1').update(text).digest('hex');
}
