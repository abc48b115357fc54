// @kubernetes/client-node, unchanged, against the embedded server: KubeConfig
// (HTTPS with the emitted CA, bearer token), typed and custom-object APIs, Watch.

import { CoreV1Api, CustomObjectsApi, KubeConfig, KubernetesObjectApi, PatchStrategy, Watch, setHeaderOptions } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from '../support/test-cluster.js';

let cluster: TestCluster;
let config: KubeConfig;

const KARGO = { group: 'kargo.akuity.io', version: 'v1alpha1' };

interface Stage {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; uid?: string; resourceVersion?: string; generation?: number };
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
}

function stage(name: string): Stage {
  return {
    apiVersion: 'kargo.akuity.io/v1alpha1',
    kind: 'Stage',
    metadata: { name },
    spec: {
      requestedFreight: [{ origin: { kind: 'Warehouse', name: 'w' }, sources: { direct: true } }],
      promotionTemplate: { spec: { steps: [{ uses: 'fake' }] } },
    },
  };
}

beforeAll(async () => {
  cluster = await startTestCluster();
  config = new KubeConfig();
  config.loadFromFile(cluster.kubeconfigPath);
  await config.makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name: 'team' } } });
});

afterAll(async () => {
  await cluster?.close();
});

describe('@kubernetes/client-node against the embedded server', () => {
  it('connects over HTTPS with the CA from the kubeconfig', () => {
    expect(config.getCurrentCluster()?.server).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(cluster.server.caCertPem).toContain('BEGIN CERTIFICATE');
  });

  it('creates, gets, lists, patches and deletes custom objects', async () => {
    const api = config.makeApiClient(CustomObjectsApi);
    const created = (await api.createNamespacedCustomObject({ ...KARGO, namespace: 'team', plural: 'stages', body: stage('dev') })) as Stage;
    expect(created.metadata.generation).toBe(1);
    const fetched = (await api.getNamespacedCustomObject({ ...KARGO, namespace: 'team', plural: 'stages', name: 'dev' })) as Stage;
    expect(fetched.metadata.resourceVersion).toBe(created.metadata.resourceVersion);
    const listed = (await api.listNamespacedCustomObject({ ...KARGO, namespace: 'team', plural: 'stages' })) as { items: Stage[] };
    expect(listed.items.map((item) => item.metadata.name)).toEqual(['dev']);

    const merge = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
    const patched = (await api.patchNamespacedCustomObjectStatus(
      { ...KARGO, namespace: 'team', plural: 'stages', name: 'dev', body: { status: { observedGeneration: 1 } } },
      merge,
    )) as Stage;
    expect(patched.status).toMatchObject({ observedGeneration: 1 });
    const jsonPatch = setHeaderOptions('Content-Type', PatchStrategy.JsonPatch);
    const relabelled = (await api.patchNamespacedCustomObject(
      { ...KARGO, namespace: 'team', plural: 'stages', name: 'dev', body: [{ op: 'add', path: '/metadata/labels', value: { tier: 'dev' } }] },
      jsonPatch,
    )) as Stage & { metadata: { labels: Record<string, string> } };
    expect(relabelled.metadata.labels).toEqual({ tier: 'dev' });

    await api.deleteNamespacedCustomObject({ ...KARGO, namespace: 'team', plural: 'stages', name: 'dev' });
    await expect(api.getNamespacedCustomObject({ ...KARGO, namespace: 'team', plural: 'stages', name: 'dev' })).rejects.toMatchObject({ code: 404 });
  });

  it('surfaces 409 and 422 Status errors', async () => {
    const api = config.makeApiClient(CustomObjectsApi);
    await api.createNamespacedCustomObject({ ...KARGO, namespace: 'team', plural: 'stages', body: stage('twice') });
    await expect(api.createNamespacedCustomObject({ ...KARGO, namespace: 'team', plural: 'stages', body: stage('twice') })).rejects.toMatchObject({
      code: 409,
    });
    const invalid = { ...stage('bad'), spec: { requestedFreight: 'not-a-list' } };
    await expect(api.createNamespacedCustomObject({ ...KARGO, namespace: 'team', plural: 'stages', body: invalid })).rejects.toMatchObject({ code: 422 });
  });

  it('works with the generic KubernetesObjectApi (discovery-driven)', async () => {
    const objects = KubernetesObjectApi.makeApiClient(config);
    const generic: Stage = { ...stage('generic'), metadata: { name: 'generic', namespace: 'team' } };
    const created = await objects.create(generic);
    expect(created.metadata?.uid).toBeTruthy();
    const read = await objects.read({ apiVersion: 'kargo.akuity.io/v1alpha1', kind: 'Stage', metadata: { name: 'generic', namespace: 'team' } });
    expect(read.metadata?.name).toBe('generic');
  });

  it('streams watch events through Watch', async () => {
    const api = config.makeApiClient(CustomObjectsApi);
    const watch = new Watch(config);
    const seen: string[] = [];
    let notify: () => void = () => undefined;
    const gotThree = new Promise<void>((resolve) => {
      notify = resolve;
    });
    const controller = await watch.watch(
      '/apis/kargo.akuity.io/v1alpha1/namespaces/team/promotions',
      {},
      (phase, object: { metadata: { name: string } }) => {
        seen.push(`${phase} ${object.metadata.name}`);
        if (seen.length === 3) notify();
      },
      () => undefined,
    );
    try {
      const body = {
        apiVersion: 'kargo.akuity.io/v1alpha1',
        kind: 'Promotion',
        metadata: { name: 'p1' },
        spec: { stage: 'dev', freight: 'abc', steps: [{ uses: 'fake' }] },
      };
      await api.createNamespacedCustomObject({ ...KARGO, namespace: 'team', plural: 'promotions', body });
      await api.patchNamespacedCustomObjectStatus(
        { ...KARGO, namespace: 'team', plural: 'promotions', name: 'p1', body: { status: { phase: 'Running' } } },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      );
      await api.deleteNamespacedCustomObject({ ...KARGO, namespace: 'team', plural: 'promotions', name: 'p1' });
      await gotThree;
      expect(seen).toEqual(['ADDED p1', 'MODIFIED p1', 'DELETED p1']);
    } finally {
      controller.abort();
    }
  });

  it('reports a dropped watch to the done callback', async () => {
    const watch = new Watch(config);
    let finished: (error: unknown) => void = () => undefined;
    const done = new Promise<unknown>((resolve) => {
      finished = resolve;
    });
    await watch.watch(
      '/apis/kargo.akuity.io/v1alpha1/namespaces/team/stages',
      {},
      () => undefined,
      (error) => finished(error),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(cluster.server.faults.dropWatches()).toBeGreaterThanOrEqual(1);
    await done;
  });
});
