// Auto-promotion by the embedded controller against the embedded API server:
// a Stage the Project's promotion policies let auto-promote gets its newest
// available Freight promoted without anyone running `kargo promote`, once; a
// Stage without a policy does not; new Freight brings a new auto-promotion; a
// failed auto-promotion is not retried.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { resources } from '../../src/kube/resources.js';
import { CREATE_ACTOR_ANNOTATION } from '../../src/model/annotations.js';
import type { Freight, ProjectConfig, Stage } from '../../src/model/kargo.js';
import { ExitCode } from '../../src/cli/exit-codes.js';
import { DELIVER_STEPS, FREIGHT } from './fixtures.js';
import { type Bench, type TestProject, eventually, openProject, startBench } from './support.js';

const FOURTH = { name: 'd4e5f60718293a4b5c6d7e8f9012345678901234', alias: 'eager-walrus', tag: '1.3.0', discoveredAt: '2026-11-23T10:00:00Z' };

let bench: Bench;
let project: TestProject;

beforeAll(async () => {
  bench = await startBench();
});
afterAll(async () => bench?.close());
afterEach(() => {
  project?.close();
  expect(bench.errors).toEqual([]);
});

async function allowAutoPromotion(selectors: NonNullable<NonNullable<ProjectConfig['spec']>['promotionPolicies']>): Promise<void> {
  const config: ProjectConfig = {
    apiVersion: 'kargo.akuity.io/v1alpha1',
    kind: 'ProjectConfig',
    metadata: { name: project.name, namespace: project.name },
    spec: { promotionPolicies: selectors },
  };
  await bench.admin.create(resources.projectConfig, config, project.name);
  // Kargo wakes a Project's Stages on a ProjectConfig change; this controller does not yet, so refresh them.
  for (const stage of (await bench.admin.list<Stage>(resources.stage, project.name)).items) {
    const run = await project.kargo(['refresh', 'stage', stage.metadata.name ?? '']);
    expect(run.code, run.stderr).toBe(ExitCode.Success);
  }
}

async function currentFreightOf(stage: string): Promise<string | undefined> {
  const status = (await project.stage(stage)).status;
  return Object.values(status?.freightHistory?.[0]?.items ?? {})[0]?.name;
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('auto-promotion by the embedded controller', () => {
  it('promotes the newest available Freight once to a Stage its policy enables, and nothing to one without', async () => {
    project = await openProject(bench);
    await allowAutoPromotion([{ stageSelector: { name: 'glob:deliv*' }, autoPromotionEnabled: true }]);

    await eventually(async () => ((await currentFreightOf('deliver')) === FREIGHT.three.name ? true : undefined), 20_000);
    // Several more passes (the bench requeues every 200 ms) create nothing more.
    await settle(1_500);
    const promotions = await project.promotionsOf('deliver');
    expect(promotions).toHaveLength(1);
    const [promotion] = promotions;
    expect(promotion?.spec.freight).toBe(FREIGHT.three.name);
    expect(promotion?.status?.phase).toBe('Succeeded');
    expect(promotion?.metadata.name).toMatch(/^deliver\.[0-9a-z]{26}\.c3d4e5f$/);
    // Kargo's webhook records no creator for the control plane's Promotions.
    expect(promotion?.metadata.annotations?.[CREATE_ACTOR_ANNOTATION]).toBeUndefined();
    expect(promotion?.metadata.annotations?.['kargo.akuity.io/stage']).toBe('deliver');
    expect(promotion?.spec.steps?.map((step) => step.uses)).toEqual(['file-write', 'compose-output']);
    expect((await project.stage('deliver')).status?.autoPromotionEnabled).toBe(true);

    expect(await project.promotionsOf('broken')).toEqual([]);
    expect((await project.stage('broken')).status?.autoPromotionEnabled).toBeUndefined();
    const listed = await project.kargo(['get', 'promotions', '--stage', 'deliver', '-o', 'name']);
    expect(listed.code, listed.stderr).toBe(ExitCode.Success);
    expect(listed.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('auto-promotes new Freight when it arrives', async () => {
    project = await openProject(bench);
    await allowAutoPromotion([{ stage: 'deliver', autoPromotionEnabled: true }]);
    await eventually(async () => ((await currentFreightOf('deliver')) === FREIGHT.three.name ? true : undefined), 20_000);

    const fourth: Freight = {
      apiVersion: 'kargo.akuity.io/v1alpha1',
      kind: 'Freight',
      metadata: { name: FOURTH.name, namespace: project.name, labels: { 'kargo.akuity.io/alias': FOURTH.alias } },
      alias: FOURTH.alias,
      origin: { kind: 'Warehouse', name: 'images' },
      discoveredAt: FOURTH.discoveredAt,
      images: [{ repoURL: 'ghcr.io/example/shop', tag: FOURTH.tag }],
    };
    await bench.admin.create(resources.freight, fourth, project.name);

    await eventually(async () => ((await currentFreightOf('deliver')) === FOURTH.name ? true : undefined), 20_000);
    await settle(1_000);
    const promotions = await project.promotionsOf('deliver');
    expect(promotions.map((promotion) => [promotion.spec.freight, promotion.status?.phase])).toEqual([
      [FREIGHT.three.name, 'Succeeded'],
      [FOURTH.name, 'Succeeded'],
    ]);
    expect((await project.freight(FOURTH.name)).status?.currentlyIn).toHaveProperty('deliver');
  });

  it('does not retry an auto-promotion that failed, and the first matching policy decides', async () => {
    project = await openProject(bench);
    await allowAutoPromotion([
      { stageSelector: { name: 'regex:^bro' }, autoPromotionEnabled: true },
      { stageSelector: { name: 'regex:.*' }, autoPromotionEnabled: false },
      { stage: 'deliver', autoPromotionEnabled: true },
    ]);
    await eventually(async () => ((await project.promotionsOf('broken'))[0]?.status?.phase === 'Failed' ? true : undefined), 20_000);
    await settle(1_500);
    expect((await project.promotionsOf('broken')).map((promotion) => promotion.status?.phase)).toEqual(['Failed']);
    // `deliver` matches the catch-all policy first, which disables it.
    expect(await project.promotionsOf('deliver')).toEqual([]);
  });

  it('carries verified Freight down a pipeline: a downstream Stage selected by its labels follows its upstream', async () => {
    project = await openProject(bench);
    const next: Stage = {
      apiVersion: 'kargo.akuity.io/v1alpha1',
      kind: 'Stage',
      metadata: { name: 'next', namespace: project.name, labels: { tier: 'edge' } },
      spec: {
        requestedFreight: [{ origin: { kind: 'Warehouse', name: 'images' }, sources: { stages: ['deliver'] } }],
        promotionTemplate: { spec: { steps: DELIVER_STEPS } },
      },
    };
    await bench.admin.create(resources.stage, next, project.name);
    await allowAutoPromotion([
      { stage: 'deliver', autoPromotionEnabled: true },
      { stageSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['edge'] }] }, autoPromotionEnabled: true },
    ]);

    // Nothing is available to `next` until `deliver` has verified the newest Freight.
    await eventually(async () => ((await currentFreightOf('next')) === FREIGHT.three.name ? true : undefined), 20_000);
    expect((await project.freight(FREIGHT.three.name)).status?.verifiedIn).toHaveProperty('deliver');
    await settle(1_000);
    expect((await project.promotionsOf('next')).map((promotion) => promotion.spec.freight)).toEqual([FREIGHT.three.name]);
  });
  it('a rollback holds auto-promotion for its origin, so the newer Freight is not promoted again; promoting the newest resumes it', async () => {
    project = await openProject(bench);
    await allowAutoPromotion([{ stageSelector: { name: 'deliver' }, autoPromotionEnabled: true }]);
    await eventually(async () => ((await currentFreightOf('deliver')) === FREIGHT.three.name ? true : undefined), 20_000);

    const rollback = await project.kargo(['promote', '--stage', 'deliver', '--freight', FREIGHT.two.alias, '--wait']);
    expect(rollback.code, rollback.stderr).toBe(ExitCode.Success);
    const [, held] = await project.promotionsOf('deliver');
    expect(held?.metadata.annotations?.['kargo.akuity.io/auto-promotion-hold']).toBe('Warehouse/images');
    // Many passes later the Stage still has what the person chose.
    await settle(1_500);
    expect(await currentFreightOf('deliver')).toBe(FREIGHT.two.name);
    expect(await project.promotionsOf('deliver')).toHaveLength(2);

    const resume = await project.kargo(['promote', '--stage', 'deliver', '--freight', FREIGHT.three.alias, '--wait']);
    expect(resume.code, resume.stderr).toBe(ExitCode.Success);
    expect((await project.promotionsOf('deliver'))[2]?.metadata.annotations?.['kargo.akuity.io/auto-promotion-resume']).toBe('Warehouse/images');
  });
});
