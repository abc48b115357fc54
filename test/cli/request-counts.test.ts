// What each command costs the server, read from the embedded server's request
// log at two sizes of the same project (the example pipeline, then with many more
// Freight): resolving a Stage, Freight or Promotion by name or alias transfers the
// same few objects at both sizes; rollback reads each Freight at most once; status
// and get freight --stage list each kind at most once; get freight is linear.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeClient } from '../../src/kube/client.js';
import { createKubeClient } from '../../src/kube/http-client.js';
import { resources } from '../../src/kube/resources.js';
import type { Freight, Stage } from '../../src/model/kargo.js';
import type { RequestRecord } from '../../src/server/index.js';
import { startTestCluster, type TestCluster } from '../support/test-cluster.js';
import { applyExamples, PROJECT } from './support/examples.js';
import { captureStream, isolatedHome, runKargo } from './support/run-kargo.js';

const EXAMPLE_FREIGHT = 5;
const SIZES = { small: 10, large: 150 };
const NOW = new Date('2026-11-23T12:00:00Z');

interface Sandbox {
  cluster: TestCluster;
  env: Record<string, string>;
  freight: number;
}

interface Cost {
  code: number;
  requests: RequestRecord[];
}

const sandboxes: Record<keyof typeof SIZES, Sandbox> = {} as Record<keyof typeof SIZES, Sandbox>;

async function sandboxWith(extraFreight: number): Promise<Sandbox> {
  const cluster = await startTestCluster();
  const admin: KubeClient = await createKubeClient({ kubeconfig: cluster.kubeconfigPath, verbose: false }, { env: {}, stderr: captureStream() });
  await applyExamples(admin);
  await addEarlierCollection(admin);
  for (let index = 0; index < extraFreight; index++) {
    const freight: Freight = {
      apiVersion: 'kargo.akuity.io/v1alpha1',
      kind: 'Freight',
      metadata: { name: `b${String(index).padStart(39, '0')}`, namespace: PROJECT, labels: { 'kargo.akuity.io/alias': `bulk-${index}` } },
      alias: `bulk-${index}`,
      origin: { kind: 'Warehouse', name: 'app-images' },
      images: [{ repoURL: 'ghcr.io/example-org/my-web-app', tag: `0.0.${index}` }],
    };
    await admin.create(resources.freight, freight, PROJECT);
  }
  return { cluster, env: { ...isolatedHome(), KUBECONFIG: cluster.kubeconfigPath, KARGO_PROJECT: PROJECT }, freight: EXAMPLE_FREIGHT + extraFreight };
}

/** staging-us held steady-otter + tidy-fern before, verified there: what a rollback returns it to. */
async function addEarlierCollection(admin: KubeClient): Promise<void> {
  const stage = await admin.get<Stage>(resources.stage, 'staging-us', PROJECT);
  const earlier = {
    id: '5c1d0e9a2b7f4c3e8d6a1f0b9e2c7d4a3b5e6f70',
    items: {
      'Warehouse/app-images': { name: 'ddc02d90864678757506c645bbe071ab11c2f2bb', origin: { kind: 'Warehouse' as const, name: 'app-images' } },
      'Warehouse/infra-config': { name: '334a65cfd4767d5b95500ae607cb36c24da5a3a4', origin: { kind: 'Warehouse' as const, name: 'infra-config' } },
    },
    verificationHistory: [{ id: 'earlier', phase: 'Successful' as const }],
  };
  const freightHistory = [...(stage.status?.freightHistory ?? []), earlier];
  await admin.patch(resources.stage, 'staging-us', { status: { freightHistory } }, PROJECT, { subresource: 'status' });
}

async function costOf(sandbox: Sandbox, argv: string[]): Promise<Cost> {
  sandbox.cluster.server.clearRequests();
  const { code } = await runKargo(argv, { env: sandbox.env, now: NOW });
  return { code, requests: [...sandbox.cluster.server.requests] };
}

/** Objects of one resource the server sent back. */
function objectsOf(cost: Cost, resource: string): number {
  return cost.requests.filter((record) => record.resource === resource).reduce((sum, record) => sum + record.objects, 0);
}

function listsOf(cost: Cost, resource: string): number {
  return cost.requests.filter((record) => record.resource === resource && record.verb === 'list').length;
}

/** The command's cost at both sizes, after checking it succeeded at both. */
async function atBothSizes(argv: string[]): Promise<{ small: Cost; large: Cost }> {
  const small = await costOf(sandboxes.small, argv);
  const large = await costOf(sandboxes.large, argv);
  expect([small.code, large.code]).toEqual([0, 0]);
  return { small, large };
}

beforeAll(async () => {
  sandboxes.small = await sandboxWith(SIZES.small);
  sandboxes.large = await sandboxWith(SIZES.large);
}, 120_000);

afterAll(async () => {
  await Promise.all(Object.values(sandboxes).map((sandbox) => sandbox.cluster.close()));
});

describe('resolving by name or alias', () => {
  it.each([
    ['a Freight by alias', ['get', 'freight', 'steady-otter', '-o', 'json']],
    ['a Freight by name', ['get', 'freight', 'ddc02d90864678757506c645bbe071ab11c2f2bb', '-o', 'json']],
  ])('%s: one Freight transferred at any size', async (_what, argv) => {
    const { small, large } = await atBothSizes(argv);
    expect([objectsOf(small, 'freights'), objectsOf(large, 'freights')]).toEqual([1, 1]);
    expect(large.requests.length).toBe(small.requests.length);
  });

  it('a Stage by name: one Stage, and only the Freight it holds', async () => {
    const { small, large } = await atBothSizes(['get', 'stages', 'prod-us']);
    expect([objectsOf(small, 'stages'), objectsOf(large, 'stages')]).toEqual([1, 1]);
    expect([objectsOf(small, 'freights'), objectsOf(large, 'freights')]).toEqual([2, 2]);
  });

  it('get stages reads the Freight the Stages hold, not every Freight', async () => {
    const { small, large } = await atBothSizes(['get', 'stages']);
    expect([objectsOf(small, 'freights'), objectsOf(large, 'freights')]).toEqual([5, 5]);
    expect(large.requests.length).toBe(small.requests.length);
  });

  it.each([
    ['promote by alias', ['promote', '--dry-run', '--freight', 'quiet-lynx', '--stage', 'staging-us']],
    ['approve by alias', ['approve', '--freight', 'brave-heron', '--stage', 'prod-us']],
  ])('%s: the same requests and no more than two Freight at any size', async (_what, argv) => {
    const { small, large } = await atBothSizes(argv);
    expect(large.requests.map((record) => `${record.verb} ${record.resource}`)).toEqual(small.requests.map((record) => `${record.verb} ${record.resource}`));
    expect(objectsOf(large, 'freights')).toBe(objectsOf(small, 'freights'));
    expect(objectsOf(large, 'freights')).toBeLessThanOrEqual(2);
  });
});

describe('reading each kind once', () => {
  it('rollback reads each Freight of the Stage history at most once, and lists none', async () => {
    const { small, large } = await atBothSizes(['rollback', '--dry-run', '--stage', 'staging-us']);
    for (const cost of [small, large]) {
      const reads = cost.requests.filter((record) => record.resource === 'freights' && record.method === 'GET');
      expect(reads.every((record) => record.verb === 'get')).toBe(true);
      expect(new Set(reads.map((record) => record.name)).size).toBe(reads.length);
    }
    expect(objectsOf(large, 'freights')).toBe(objectsOf(small, 'freights'));
  });

  it.each([
    ['status', ['status', '-o', 'json']],
    ['get freight --stage', ['get', 'freight', '--stage', 'prod-us']],
  ])('%s lists Stages, Warehouses and Freight once each; Freight transferred grows with the Freight', async (_what, argv) => {
    const { small, large } = await atBothSizes(argv);
    for (const [cost, sandbox] of [
      [small, sandboxes.small],
      [large, sandboxes.large],
    ] as const) {
      expect(['stages', 'warehouses', 'freights'].map((resource) => listsOf(cost, resource))).toEqual([1, 1, 1]);
      expect(objectsOf(cost, 'freights')).toBe(sandbox.freight);
    }
    expect(large.requests.length).toBe(small.requests.length);
  });

  it('get freight is one LIST, its objects the Freight', async () => {
    const { small, large } = await atBothSizes(['get', 'freight']);
    expect([listsOf(small, 'freights'), listsOf(large, 'freights')]).toEqual([1, 1]);
    expect([objectsOf(small, 'freights'), objectsOf(large, 'freights')]).toEqual([sandboxes.small.freight, sandboxes.large.freight]);
  });
});

describe('auto-promoting Stages', () => {
  it("promote --downstream-from lists the project's Freight once, however many of its Stages auto-promote", async () => {
    const sandbox = sandboxes.small;
    const admin = await createKubeClient({ kubeconfig: sandbox.cluster.kubeconfigPath, verbose: false }, { env: {}, stderr: captureStream() });
    const downstream = ['staging-us', 'staging-eu'];
    const setAutoPromotion = (enabled: boolean) =>
      Promise.all(
        downstream.map((name) => admin.patch(resources.stage, name, { status: { autoPromotionEnabled: enabled } }, PROJECT, { subresource: 'status' })),
      );
    await setAutoPromotion(true);
    try {
      const cost = await costOf(sandbox, ['promote', '--dry-run', '--freight', 'quiet-lynx', '--downstream-from', 'dev']);
      expect(cost.code).toBe(0);
      // Beside the one LIST selected on the alias that resolves quiet-lynx.
      const whole = cost.requests.filter((record) => record.resource === 'freights' && record.verb === 'list' && !record.query.includes('labelSelector'));
      expect(whole.length).toBe(1);
    } finally {
      await setAutoPromotion(false);
    }
  });
});
