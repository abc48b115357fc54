// Kargo's argocd-update health checker against real Application objects on
// the embedded server (a table of Application states → Stage health), and
// the controller using it: a Stage whose last Promotion registered Argo CD
// health checks is Progressing until its Application turns Healthy, then is
// verified — woken by the Application's change alone.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkHealth } from '../../src/controller/health/aggregate.js';
import { engineResources } from '../../src/engine/kube-resources.js';
import { resources } from '../../src/kube/resources.js';
import type { KubeObject, Stage, StageHealth } from '../../src/model/kargo.js';
import { FREIGHT } from './fixtures.js';
import { type Bench, type TestProject, eventually, openProject, startBench } from './support.js';

let bench: Bench;
let project: TestProject;

beforeAll(async () => {
  bench = await startBench();
  project = await openProject(bench);
});
afterAll(async () => {
  project?.close();
  await bench?.close();
});
afterEach(() => expect(bench.errors).toEqual([]));

const FINISHED = '2026-12-02T10:00:00Z';
const RECONCILED = '2026-12-02T10:00:05Z';
const REVISION = 'f00dbeef';

interface AppShape {
  health?: string;
  revision?: string;
  syncing?: boolean;
  reconciledAt?: string;
  conditions?: { type: string; message: string }[];
}

async function application(name: string, shape: AppShape): Promise<void> {
  const app: KubeObject & Record<string, unknown> = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name, namespace: project.name },
    spec: {
      project: 'default',
      destination: { server: 'https://kubernetes.default.svc', namespace: 'shop' },
      source: { repoURL: 'https://git.example/shop.git', targetRevision: 'main' },
    },
    ...(shape.syncing ? { operation: { sync: { revisions: [REVISION] } } } : {}),
    status: {
      ...(shape.health !== undefined ? { health: { status: shape.health } } : {}),
      sync: { status: 'Synced', revision: shape.revision ?? REVISION },
      operationState: { operation: { sync: { revisions: [REVISION] } }, phase: 'Succeeded', startedAt: FINISHED, finishedAt: FINISHED },
      reconciledAt: shape.reconciledAt ?? RECONCILED,
      ...(shape.conditions ? { conditions: shape.conditions.map((condition) => ({ ...condition, lastTransitionTime: FINISHED })) } : {}),
    },
  };
  await bench.admin.create(engineResources.application, app, project.name);
}

function check(...apps: { name: string; desiredRevisions?: string[] }[]): Promise<StageHealth> {
  return checkHealth(bench.admin, [{ uses: 'argocd-update', config: { apps: apps.map((app) => ({ namespace: project.name, ...app })) } }]);
}

const what = (name: string): string => `Argo CD Application "${name}" in namespace "${project?.name}"`;

describe('the argocd-update health checker (Kargo pkg/health/checker/builtin/argocd.go)', () => {
  it.each<[string, AppShape, string[] | undefined, string, (name: string) => string[]]>([
    ['healthy', { health: 'Healthy' }, [REVISION], 'Healthy', () => []],
    ['degraded', { health: 'Degraded' }, [REVISION], 'Unhealthy', (name) => [`${what(name)} has health state "Degraded"`]],
    ['progressing', { health: 'Progressing' }, [REVISION], 'Progressing', (name) => [`${what(name)} is progressing`]],
    ['no-health', {}, [REVISION], 'Progressing', (name) => [`${what(name)} is progressing`]],
    ['suspended', { health: 'Suspended' }, [REVISION], 'Progressing', (name) => [`${what(name)} is suspended`]],
    ['syncing', { health: 'Healthy', syncing: true }, [REVISION], 'Unknown', (name) => [`${what(name)} is being synced`]],
    [
      'old-revision',
      { health: 'Healthy', revision: 'c0ffee' },
      [REVISION],
      'Unhealthy',
      (name) => [
        `Not all sources of Application "${name}" in namespace "${project.name}" are synced to the desired revisions. Issues: Source 0 with RepoURL https://git.example/shop.git of Application "${name}" in namespace "${project.name}" does not match the desired revision "${REVISION}".`,
      ],
    ],
    ['any-revision', { health: 'Healthy', revision: 'c0ffee' }, undefined, 'Healthy', () => []],
    [
      'broken',
      { health: 'Healthy', conditions: [{ type: 'ComparisonError', message: 'repo not found' }] },
      [REVISION],
      'Unhealthy',
      (name) => [`${what(name)} has "ComparisonError" condition: repo not found`],
    ],
    [
      'stale',
      { health: 'Healthy', reconciledAt: '2026-12-02T09:59:00Z' },
      [REVISION],
      'Unknown',
      (name) => [`${what(name)} was not reconciled after its most recent operation completed; Application health status not trusted`],
    ],
  ])('%s → %s', async (name, shape, desiredRevisions, state, issues) => {
    await application(name, shape);
    const health = await check({ name, ...(desiredRevisions ? { desiredRevisions } : {}) });
    expect(health.status).toBe(state);
    expect(health.issues ?? []).toEqual(issues(name));
    const [output] = health.output as { applicationStatuses: Record<string, unknown>[] }[];
    expect(output?.applicationStatuses?.[0]).toMatchObject({ Namespace: project.name, Name: name });
    expect(output?.applicationStatuses?.[0]).not.toHaveProperty('reconciledAt');
  });

  it('asks Argo CD for a hard refresh of an Application it cannot trust yet', async () => {
    await application('stale-refresh', { health: 'Healthy', reconciledAt: '2026-12-02T09:00:00Z' });
    await check({ name: 'stale-refresh' });
    const app = await bench.admin.get<KubeObject>(engineResources.application, 'stale-refresh', project.name);
    expect(app.metadata.annotations?.['argocd.argoproj.io/refresh']).toBe('hard');
  });

  it('a missing Application is Unknown; several Applications merge to the worst state', async () => {
    const missing = await check({ name: 'nowhere' });
    expect(missing).toMatchObject({ status: 'Unknown', issues: [`unable to find Argo CD Application "nowhere" in namespace "${project.name}"`] });
    await application('merge-a', { health: 'Healthy' });
    await application('merge-b', { health: 'Progressing' });
    expect((await check({ name: 'merge-a' }, { name: 'merge-b' })).status).toBe('Progressing');
    expect((await check({ name: 'merge-b' }, { name: 'degraded' })).status).toBe('Unhealthy');
  });

  it('a kind without a checker is Unknown in Kargo words', async () => {
    expect(await checkHealth(bench.admin, [{ uses: 'custom-check', config: {} }])).toEqual({
      status: 'Unknown',
      issues: ['no health checker registered for health check kind "custom-check"'],
    });
  });
});

describe('a Stage with Argo CD health checks in the controller', () => {
  it('is Progressing until its Application is Healthy, then Healthy and verified', async () => {
    await application('shop-dev', { health: 'Progressing' });
    const name = 'argo-dev';
    await bench.admin.create<Stage>(
      resources.stage,
      {
        apiVersion: 'kargo.akuity.io/v1alpha1',
        kind: 'Stage',
        metadata: { name, namespace: project.name },
        spec: {
          requestedFreight: [{ origin: { kind: 'Warehouse', name: 'images' }, sources: { direct: true } }],
          promotionTemplate: { spec: { steps: [{ uses: 'argocd-update', config: { apps: [{ name: 'shop-dev' }] } }] } },
        },
      },
      project.name,
    );
    // Once the controller has looked at it, the status a finished argocd-update Promotion leaves behind.
    const stage = await eventually(async () => {
      const current = await project.stage(name);
      return current.status?.conditions?.some((condition) => condition.type === 'Ready') ? current : undefined;
    });
    const freight = { name: FREIGHT.one.name, origin: { kind: 'Warehouse' as const, name: 'images' } };
    await bench.admin.update<Stage>(
      resources.stage,
      {
        ...stage,
        status: {
          lastPromotion: {
            name: 'argo-dev.done',
            freight,
            status: {
              phase: 'Succeeded',
              healthChecks: [{ uses: 'argocd-update', config: { apps: [{ name: 'shop-dev', namespace: project.name, desiredRevisions: [REVISION] }] } }],
            },
          },
          freightHistory: [{ id: 'collection-1', items: { 'Warehouse/images': freight } }],
        },
      },
      project.name,
      { subresource: 'status' },
    );

    const progressing = await eventually(async () => {
      const current = await project.stage(name);
      return current.status?.health?.status === 'Progressing' ? current : undefined;
    });
    expect(progressing.status?.conditions?.find((condition) => condition.type === 'Healthy')).toMatchObject({ status: 'Unknown', reason: 'Progressing' });
    expect(progressing.status?.freightHistory?.[0]?.verificationHistory ?? []).toEqual([]);

    const app = await bench.admin.get<KubeObject & { status: { health: { status: string } } }>(engineResources.application, 'shop-dev', project.name);
    await bench.admin.update(engineResources.application, { ...app, status: { ...app.status, health: { status: 'Healthy' } } }, project.name);

    const healthy = await eventually(async () => {
      const current = await project.stage(name);
      return current.status?.freightHistory?.[0]?.verificationHistory?.[0]?.phase === 'Successful' ? current : undefined;
    });
    expect(healthy.status?.health?.status).toBe('Healthy');
    expect(healthy.status?.conditions?.find((condition) => condition.type === 'Healthy')).toMatchObject({
      status: 'True',
      message: 'Stage is healthy (performed 1 health checks)',
    });
    const verified = await eventually(async () => (await project.freight(FREIGHT.one.name)).status?.verifiedIn?.[name]);
    expect(verified.verifiedAt).toBeDefined();
  }, 30_000);
});
