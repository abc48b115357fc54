// The embedded controller's Promotion reconciler against the embedded API
// server, driven by the real CLI: Promotions go Pending → Running → a final
// phase, one per Stage at a time, and the Stage and Freight end up with the
// status Kargo's controller writes.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/cli/exit-codes.js';
import type { Promotion } from '../../src/model/kargo.js';
import { CapturedStream } from '../workflow/harness.js';
import { FREIGHT } from './fixtures.js';
import { type Bench, type TestProject, eventually, openProject, startBench } from './support.js';

const ORIGIN = 'Warehouse/images';
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

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

async function finished(name: string): Promise<Promotion> {
  return eventually(async () => {
    const promotion = await project.promotion(name);
    return ['Succeeded', 'Failed', 'Errored', 'Aborted'].includes(promotion.status?.phase ?? '') ? promotion : undefined;
  });
}

describe('a Promotion through the real CLI and the embedded controller', () => {
  it('goes Pending → Running → Succeeded, and the Stage and Freight record it as Kargo does', async () => {
    project = await openProject(bench);
    const run = await project.kargo(['promote', '--stage', 'deliver', '--freight', FREIGHT.one.alias, '--wait', '--timeout', '20s']);
    expect(run.code, run.stderr).toBe(ExitCode.Success);

    const [promotion] = await project.promotionsOf('deliver');
    const name = promotion?.metadata.name ?? '';
    expect(project.phases.get(name)).toEqual(['', 'Pending', 'Running', 'Succeeded']);
    const status = promotion?.status ?? {};
    expect(status.phase).toBe('Succeeded');
    expect(status.startedAt).toMatch(TIMESTAMP);
    expect(status.finishedAt).toMatch(TIMESTAMP);
    expect(status.currentStep).toBe(1);
    expect(status.stepExecutionMetadata?.map((meta) => [meta.alias, meta.status])).toEqual([
      ['write', 'Succeeded'],
      ['summary', 'Succeeded'],
    ]);
    expect(status.state).toMatchObject({ summary: { stage: 'deliver', tag: '1.0.0' } });
    expect(status.freight).toMatchObject({
      name: FREIGHT.one.name,
      origin: { kind: 'Warehouse', name: 'images' },
      images: [{ repoURL: 'ghcr.io/example/shop', tag: '1.0.0' }],
    });
    const collection = status.freightCollection;
    expect(collection?.items?.[ORIGIN]?.name).toBe(FREIGHT.one.name);
    expect(collection?.id).toMatch(/^[0-9a-f]{40}$/);

    const stage = await eventually(async () => {
      const current = await project.stage('deliver');
      return current.status?.freightHistory?.[0]?.verificationHistory?.length ? current : undefined;
    });
    expect(stage.status?.currentPromotion).toBeUndefined();
    expect(stage.status?.lastPromotion).toMatchObject({
      name,
      finishedAt: status.finishedAt,
      freight: { name: FREIGHT.one.name },
      status: { phase: 'Succeeded' },
    });
    expect(stage.status?.freightSummary).toBe(FREIGHT.one.name);
    expect(stage.status?.health).toEqual({ status: 'Healthy' });
    const history = stage.status?.freightHistory ?? [];
    expect(history).toHaveLength(1);
    expect(history[0]?.id).toBe(collection?.id);
    expect(history[0]?.verificationHistory).toEqual([expect.objectContaining({ phase: 'Successful' })]);
    const conditions = Object.fromEntries((stage.status?.conditions ?? []).map((condition) => [condition.type, [condition.status, condition.reason]]));
    expect(conditions).toMatchObject({ Healthy: ['True', 'Healthy'], Verified: ['True', 'Verified'], Ready: ['True', 'Verified'] });
    expect(stage.status?.observedGeneration).toBe(stage.metadata.generation);
    expect(conditions.Promoting).toBeUndefined();

    const freight = await eventually(async () => {
      const current = await project.freight(FREIGHT.one.name);
      return current.status?.verifiedIn?.deliver ? current : undefined;
    });
    expect(freight.status?.currentlyIn?.deliver?.since).toMatch(TIMESTAMP);
    expect(freight.status?.verifiedIn?.deliver?.verifiedAt).toBe(history[0]?.verificationHistory?.[0]?.finishTime);
  });

  it('moves the Stage to the next Freight: the old one leaves (with its soak recorded), the new one arrives', async () => {
    project = await openProject(bench);
    expect((await project.kargo(['promote', '--stage', 'deliver', '--freight', FREIGHT.one.alias, '--wait', '--timeout', '20s'])).code).toBe(ExitCode.Success);
    await eventually(async () => ((await project.freight(FREIGHT.one.name)).status?.verifiedIn?.deliver ? true : undefined));
    expect((await project.kargo(['promote', '--stage', 'deliver', '--freight', FREIGHT.two.alias, '--wait', '--timeout', '20s'])).code).toBe(ExitCode.Success);

    const left = await eventually(async () => {
      const freight = await project.freight(FREIGHT.one.name);
      return freight.status?.currentlyIn?.deliver ? undefined : freight;
    });
    expect(left.status?.verifiedIn?.deliver?.longestSoak).toMatch(/^[\d.]+(ms|s)$|^\d+m[\d.]+s$/);
    const arrived = await eventually(async () => {
      const freight = await project.freight(FREIGHT.two.name);
      return freight.status?.currentlyIn?.deliver ? freight : undefined;
    });
    expect(arrived.status?.currentlyIn?.deliver?.since).toMatch(TIMESTAMP);
    // The Stage catches up on its next reconcile, as under Kargo: not necessarily before `--wait` returns.
    const stage = await eventually(async () => {
      const found = await project.stage('deliver');
      return found.status?.freightSummary === FREIGHT.two.name ? found : undefined;
    });
    expect(stage.status?.freightHistory?.map((entry) => entry.items?.[ORIGIN]?.name)).toEqual([FREIGHT.two.name, FREIGHT.one.name]);
  });

  it('a failing step ends it Failed: `promote --wait` exits 5 and the Stage keeps no Freight', async () => {
    project = await openProject(bench);
    const run = await project.kargo(['promote', '--stage', 'broken', '--freight', FREIGHT.one.alias, '--wait', '--timeout', '20s']);
    expect(run.code).toBe(ExitCode.PromotionFailed);

    const [promotion] = await project.promotionsOf('broken');
    expect(promotion?.status).toMatchObject({ phase: 'Failed', message: 'step "refuse": failed: not today', currentStep: 1 });
    expect(promotion?.status?.stepExecutionMetadata?.map((meta) => [meta.alias, meta.status])).toEqual([
      ['write', 'Succeeded'],
      ['refuse', 'Failed'],
    ]);
    const stage = await eventually(async () => {
      const current = await project.stage('broken');
      return current.status?.lastPromotion ? current : undefined;
    });
    expect(stage.status?.lastPromotion).toMatchObject({
      name: promotion?.metadata.name,
      status: { phase: 'Failed', message: 'step "refuse": failed: not today' },
    });
    expect(stage.status?.freightHistory ?? []).toEqual([]);
    expect(stage.status?.freightSummary).toBe('0/1 Fulfilled');
    expect(stage.status?.conditions?.find((condition) => condition.type === 'Ready')).toMatchObject({
      status: 'False',
      reason: 'LastPromotionFailed',
      message: 'step "refuse": failed: not today',
    });
    expect(stage.status?.health).toEqual({ status: 'Unknown', issues: ['Cannot assess health because last Promotion did not succeed'] });
    expect((await project.freight(FREIGHT.one.name)).status?.currentlyIn?.broken).toBeUndefined();
  });

  it('runs two Promotions for one Stage one after the other, oldest first', async () => {
    project = await openProject(bench);
    const first = await project.kargo(['promote', '--stage', 'deliver', '--freight', FREIGHT.one.alias]);
    const second = await project.kargo(['promote', '--stage', 'deliver', '--freight', FREIGHT.two.alias]);
    expect([first.code, second.code]).toEqual([ExitCode.Success, ExitCode.Success]);
    const [older, newer] = await project.promotionsOf('deliver');
    const a = await finished(older?.metadata.name ?? '');
    const b = await finished(newer?.metadata.name ?? '');
    expect([a.spec.freight, b.spec.freight]).toEqual([FREIGHT.one.name, FREIGHT.two.name]);
    expect([a.status?.phase, b.status?.phase]).toEqual(['Succeeded', 'Succeeded']);
    expect(Date.parse(b.status?.startedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(a.status?.finishedAt ?? ''));
    expect(project.maxRunning('deliver')).toBe(1);
    const stage = await eventually(async () => {
      const current = await project.stage('deliver');
      return current.status?.lastPromotion?.name === b.metadata.name ? current : undefined;
    });
    expect(stage.status?.freightHistory?.map((entry) => entry.items?.[ORIGIN]?.name)).toEqual([FREIGHT.two.name, FREIGHT.one.name]);
  });

  it('an abort ends a Running Promotion Aborted: `promote --wait` exits 7', async () => {
    project = await openProject(bench);
    const stderr = new CapturedStream();
    const waiting = project.kargo(['promote', '--stage', 'gated', '--freight', FREIGHT.one.alias, '--wait', '--timeout', '30s'], { stderr });
    const name = await eventually(async () => {
      const [promotion] = await project.promotionsOf('gated');
      return promotion?.status?.phase === 'Running' && promotion.status.stepExecutionMetadata?.[0]?.status === 'Running' ? promotion.metadata.name : undefined;
    });
    const abort = await project.kargo(['abort', 'promotion', name ?? '']);
    expect(abort.code, abort.stderr).toBe(ExitCode.Success);
    const run = await waiting;
    expect(run.code).toBe(ExitCode.Aborted);

    const promotion = await project.promotion(name ?? '');
    expect(promotion.status).toMatchObject({ phase: 'Aborted', message: 'Promotion terminated per user request' });
    expect(promotion.status?.stepExecutionMetadata?.[0]).toMatchObject({
      alias: 'wait-ready',
      status: 'Aborted',
      finishedAt: expect.stringMatching(TIMESTAMP),
    });
    const stage = await eventually(async () => {
      const current = await project.stage('gated');
      return current.status?.lastPromotion ? current : undefined;
    });
    expect(stage.status?.currentPromotion).toBeUndefined();
    expect(stage.status?.lastPromotion?.status?.phase).toBe('Aborted');
    expect(stage.status?.freightSummary).toBe('0/1 Fulfilled');
  });

  it('an abort reaches a step while it is running: the step and the Promotion end Aborted at once', async () => {
    project = await openProject(bench);
    const waiting = project.kargo(['promote', '--stage', 'stuck', '--freight', FREIGHT.one.alias, '--wait', '--timeout', '30s']);
    const name = await eventually(async () => {
      const [promotion] = await project.promotionsOf('stuck');
      return promotion?.status?.phase === 'Running' ? promotion.metadata.name : undefined;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const abortedAt = Date.now();
    const abort = await project.kargo(['abort', 'promotion', name ?? '']);
    expect(abort.code, abort.stderr).toBe(ExitCode.Success);
    expect((await waiting).code).toBe(ExitCode.Aborted);
    // Well before the step's own 10s request timeout could have ended it.
    expect(Date.now() - abortedAt).toBeLessThan(5_000);
    const promotion = await project.promotion(name ?? '');
    expect(promotion.status).toMatchObject({ phase: 'Aborted', message: 'Promotion terminated per user request' });
    expect(promotion.status?.currentStep, 'step 0 is no field, as Go omits it').toBeUndefined();
    expect(promotion.status?.stepExecutionMetadata?.[0]).toMatchObject({ alias: 'wait-ready', status: 'Aborted' });
  });

  it('re-promoting the Freight the Stage already has asks for its verification again (the reverify annotation)', async () => {
    project = await openProject(bench);
    expect((await project.kargo(['promote', '--stage', 'deliver', '--freight', FREIGHT.one.alias, '--wait', '--timeout', '20s'])).code).toBe(ExitCode.Success);
    const verified = await eventually(async () => {
      const stage = await project.stage('deliver');
      return stage.status?.freightHistory?.[0]?.verificationHistory?.[0]?.id ? stage : undefined;
    });
    expect(verified.metadata.annotations?.['kargo.akuity.io/reverify']).toBeUndefined();
    const id = verified.status?.freightHistory?.[0]?.verificationHistory?.[0]?.id;
    expect((await project.kargo(['promote', '--stage', 'deliver', '--freight', FREIGHT.one.alias, '--wait', '--timeout', '20s'])).code).toBe(ExitCode.Success);
    const stage = await project.stage('deliver');
    expect(stage.metadata.annotations?.['kargo.akuity.io/reverify']).toBe(JSON.stringify({ id }));
  });
});
