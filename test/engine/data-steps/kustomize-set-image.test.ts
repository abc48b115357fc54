import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kustomizeSetImageStep } from '../../../src/engine/steps/kustomize-set-image.js';
import type { KubeClient } from '../../../src/kube/client.js';
import { createKubeClient } from '../../../src/kube/http-client.js';
import { resources } from '../../../src/kube/resources.js';
import type { FreightCollection, FreightRequest, Warehouse } from '../../../src/model/kargo.js';
import { startTestCluster, type TestCluster } from '../../support/test-cluster.js';
import { expectSameVerdicts } from '../support/schema-corpus.js';
import { readText, runStep, workDirWith } from './support.js';

const header = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n';

const freight: FreightCollection = {
  items: {
    'Warehouse/w1': { name: 'f1', origin: { kind: 'Warehouse', name: 'w1' }, images: [{ repoURL: 'nginx', digest: 'sha256:123' }] },
    'Warehouse/w2': { name: 'f2', origin: { kind: 'Warehouse', name: 'w2' }, images: [{ repoURL: 'redis', tag: '6.2.5' }] },
  },
};

describe('kustomize-set-image', () => {
  it("sets an image from the config and writes Kargo's commit message", async () => {
    const workDir = await workDirWith({ 'kustomization.yaml': header });
    const result = await runStep(kustomizeSetImageStep, workDir, { path: '.', images: [{ image: 'nginx', tag: '1.21.0' }] });
    expect(result).toEqual({ status: 'Succeeded', output: { commitMessage: 'Updated . to use new image\n\n- nginx:1.21.0' } });
    expect(await readText(workDir, 'kustomization.yaml')).toBe(`${header}images:\n- name: nginx\n  newTag: 1.21.0\n`);
  });

  it('merges with the existing list (sorted by name), keeps `*` fields, and leaves the rest of the file alone', async () => {
    const original =
      `${header}# deploy these\nresources:\n  - deployment.yaml # the app\nimages: # pinned\n  - name: redis\n    newTag: "6"\n` +
      '  - name: nginx\n    newName: mirror/nginx\n    newTag: "1.0"\nnamePrefix: dev-\n';
    const workDir = await workDirWith({ 'base/kustomization.yaml': original });
    await runStep(kustomizeSetImageStep, workDir, {
      path: 'base',
      images: [
        { image: 'nginx', newName: '*', digest: 'sha256:abc' },
        { image: 'ghcr.io/acme/api', name: 'api', tag: 'v2' },
      ],
    });
    expect(await readText(workDir, 'base/kustomization.yaml')).toBe(
      `${header}# deploy these\nresources:\n  - deployment.yaml # the app\nimages: # pinned\n` +
        '  - name: api\n    newTag: v2\n  - name: nginx\n    newName: mirror/nginx\n    digest: sha256:abc\n' +
        '  - name: redis\n    newTag: "6"\nnamePrefix: dev-\n',
    );
  });

  it('with no images, uses every image of the Freight (Kargo v1.11.2)', async () => {
    const workDir = await workDirWith({ 'kustomization.yaml': `${header}images: []\n` });
    const result = await runStep(kustomizeSetImageStep, workDir, { path: '.' }, { freight });
    expect(result.output).toEqual({ commitMessage: 'Updated . to use new images\n\n- nginx@sha256:123\n- redis:6.2.5' });
    expect(await readText(workDir, 'kustomization.yaml')).toBe(`${header}images:\n- name: nginx\n  digest: sha256:123\n- name: redis\n  newTag: 6.2.5\n`);
  });

  it('fails when no Kustomization file is found, or more than one', async () => {
    const workDir = await workDirWith({ 'two/kustomization.yaml': header, 'two/kustomization.yml': header });
    await expect(runStep(kustomizeSetImageStep, workDir, { path: '.', images: [{ image: 'nginx', tag: '1' }] })).rejects.toThrow(
      'could not discover kustomization file: could not find any Kustomization files in "."',
    );
    await expect(runStep(kustomizeSetImageStep, workDir, { path: 'two', images: [{ image: 'nginx', tag: '1' }] })).rejects.toThrow(
      'could not discover kustomization file: ambiguous result: found multiple Kustomization files in "two": [kustomization.yaml kustomization.yml]',
    );
  });

  describe('against a cluster (ambiguity between Warehouses)', () => {
    let cluster: TestCluster;
    let client: KubeClient;
    const requests: FreightRequest[] = ['w1', 'w2'].map((name) => ({
      origin: { kind: 'Warehouse', name },
      sources: { direct: true },
    }));

    beforeAll(async () => {
      cluster = await startTestCluster();
      client = await createKubeClient({ kubeconfig: cluster.kubeconfigPath, verbose: false }, { env: {}, stderr: { write: () => true } });
      await client.create(resources.namespace, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'demo' } });
    }, 60_000);
    afterAll(() => cluster?.close());

    const warehouse = (name: string, repoURL: string): Warehouse => ({
      apiVersion: 'kargo.akuity.io/v1alpha1',
      kind: 'Warehouse',
      metadata: { name, namespace: 'demo' },
      spec: { subscriptions: [{ image: { repoURL } }] },
    });

    it('refuses to guess when two requested Warehouses subscribe to the same repository', async () => {
      const workDir = await workDirWith({ 'kustomization.yaml': header });
      await expect(runStep(kustomizeSetImageStep, workDir, { path: '.' }, { freight, freightRequests: requests, client })).rejects.toThrow(
        'manual configuration required due to ambiguous result: Warehouse "w1" not found in namespace "demo"',
      );
      await client.create(resources.warehouse, warehouse('w1', 'nginx'), 'demo');
      await client.create(resources.warehouse, warehouse('w2', 'nginx'), 'demo');
      await expect(runStep(kustomizeSetImageStep, workDir, { path: '.' }, { freight, freightRequests: requests, client })).rejects.toThrow(
        'manual configuration required due to ambiguous result: multiple requested Freight could potentially provide a container image from repository nginx',
      );
      expect(await readText(workDir, 'kustomization.yaml')).toBe(header);
      await client.update(
        resources.warehouse,
        { ...(await client.get<Warehouse>(resources.warehouse, 'w2', 'demo')), spec: { subscriptions: [{ image: { repoURL: 'redis' } }] } },
        'demo',
      );
      const result = await runStep(kustomizeSetImageStep, workDir, { path: '.' }, { freight, freightRequests: requests, client });
      expect(result.status).toBe('Succeeded');
    });
  });

  it("agrees with Kargo's schema (tag or digest, not both)", () => {
    expectSameVerdicts('kustomize-set-image', kustomizeSetImageStep.validate, [
      { name: 'no images', config: { path: '.' }, valid: true },
      { name: 'tag', config: { path: '.', images: [{ image: 'nginx', tag: '1' }] }, valid: true },
      { name: 'digest with empty tag', config: { path: '.', images: [{ image: 'nginx', digest: 'sha256:1', tag: '' }] }, valid: true },
      { name: 'neither tag nor digest', config: { path: '.', images: [{ image: 'nginx' }] }, valid: false },
      { name: 'tag and digest', config: { path: '.', images: [{ image: 'nginx', tag: '1', digest: 'sha256:1' }] }, valid: false },
      { name: 'empty tag', config: { path: '.', images: [{ image: 'nginx', tag: '' }] }, valid: false },
      { name: 'no image', config: { path: '.', images: [{ tag: '1' }] }, valid: false },
      { name: 'no path', config: { images: [] }, valid: false },
      { name: 'useDigest (not in v1.11.2)', config: { path: '.', images: [{ image: 'nginx', tag: '1', useDigest: true }] }, valid: false },
    ]);
  });
});
