// Control-flow Stages (no promotion steps), as Kargo's
// ControlFlowStageReconciler runs them: all Freight available to the Stage
// is verified in it at once — also Freight that arrives later — and its
// status keeps only Ready, with freightSummary "N/A".

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { resources } from '../../src/kube/resources.js';
import type { Freight, FreightRequest, Stage } from '../../src/model/kargo.js';
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

function controlFlowStage(name: string, request: FreightRequest): Stage {
  return { apiVersion: 'kargo.akuity.io/v1alpha1', kind: 'Stage', metadata: { name, namespace: project.name }, spec: { requestedFreight: [request] } };
}

const fromWarehouse = (name: string): FreightRequest => ({ origin: { kind: 'Warehouse', name }, sources: { direct: true } });

async function verifiedIn(stage: string, names: string[]): Promise<Freight[]> {
  return eventually(async () => {
    const all = await Promise.all(names.map((name) => project.freight(name)));
    return all.every((freight) => freight.status?.verifiedIn?.[stage]?.verifiedAt) ? all : undefined;
  });
}

describe('a control-flow Stage', () => {
  it('verifies every Freight available to it at once and keeps a control-flow status', async () => {
    await bench.admin.create(resources.stage, controlFlowStage('gate', fromWarehouse('images')), project.name);
    await verifiedIn(
      'gate',
      Object.values(FREIGHT).map((spec) => spec.name),
    );

    const stage = await eventually(async () => {
      const current = await project.stage('gate');
      return current.status?.freightSummary === 'N/A' ? current : undefined;
    });
    expect(stage.status?.conditions?.map((condition) => [condition.type, condition.status, condition.reason])).toEqual([['Ready', 'True', 'Ready']]);
    expect(stage.status?.freightHistory).toBeUndefined();
    expect(stage.status?.health).toBeUndefined();
    expect(stage.status?.observedGeneration).toBe(stage.metadata.generation);
  });

  it('passes Freight on: a Stage downstream of it sees it verified, and new Freight is verified as it comes', async () => {
    const downstream: FreightRequest = { origin: { kind: 'Warehouse', name: 'images' }, sources: { stages: ['gate'] } };
    await bench.admin.create(resources.stage, controlFlowStage('after-gate', downstream), project.name);
    await verifiedIn(
      'after-gate',
      Object.values(FREIGHT).map((spec) => spec.name),
    );

    const late: Freight = {
      apiVersion: 'kargo.akuity.io/v1alpha1',
      kind: 'Freight',
      metadata: { name: 'd4e5f60718293a4b5c6d7e8f9012345678901234', namespace: project.name },
      alias: 'late-lynx',
      origin: { kind: 'Warehouse', name: 'images' },
      images: [{ repoURL: 'ghcr.io/example/shop', tag: '2.0.0' }],
    };
    await bench.admin.create(resources.freight, late, project.name);
    const [verified] = await verifiedIn('after-gate', [late.metadata.name ?? '']);
    expect(verified?.status?.verifiedIn?.['gate']).toBeDefined();
  });

  it('is not Ready when the Warehouse it asks for is missing, and says so', async () => {
    await bench.admin.create(resources.stage, controlFlowStage('orphan', fromWarehouse('gone')), project.name);
    const stage = await eventually(async () => {
      const current = await project.stage('orphan');
      return current.status?.conditions?.find((condition) => condition.type === 'Ready') ? current : undefined;
    });
    const message = `Warehouse "gone" not found in namespace "${project.name}"`;
    expect(stage.status?.conditions?.find((condition) => condition.type === 'Ready')).toMatchObject({
      status: 'False',
      reason: 'FreightRetrievalFailed',
      message,
    });
    expect(stage.status?.conditions?.find((condition) => condition.type === 'Reconciling')).toMatchObject({
      status: 'True',
      reason: 'RetryAfterFreightRetrievalFailed',
    });
    expect(stage.status?.freightSummary).toBe('N/A');
    // The pass failed, so the controller retries it (with backoff).
    expect(bench.errors.some((error) => String(error).includes(message))).toBe(true);
    await bench.admin.delete(resources.stage, 'orphan', project.name);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    bench.errors.length = 0;
  });
});
