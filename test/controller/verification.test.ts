// Verification through AnalysisTemplates, end to end: the real CLI promotes,
// the embedded controller builds and creates the AnalysisRun (Kargo's name,
// labels, annotations, owners, evaluated args), drives it against a real
// local HTTP server, and records the result in the Stage and Freight.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/cli/exit-codes.js';
import { resources } from '../../src/kube/resources.js';
import type { AnalysisRun, AnalysisTemplate } from '../../src/model/analysis.js';
import type { Stage, VerificationInfo } from '../../src/model/kargo.js';
import { FREIGHT } from './fixtures.js';
import { type Bench, type TestProject, eventually, openProject, startBench } from './support.js';
import { createTemplates, verifiedStage } from './verification-fixtures.js';

let bench: Bench;
let project: TestProject;
let metrics: Server;
let base: string;

beforeAll(async () => {
  bench = await startBench();
  metrics = createServer((request, response) => {
    response.setHeader('content-type', 'application/json').end(JSON.stringify({ ok: request.url === '/ok' }));
  });
  await new Promise<void>((resolve) => metrics.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(metrics.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await bench?.close();
  metrics?.closeAllConnections();
  await new Promise((resolve) => metrics?.close(resolve));
});
afterEach(() => {
  project?.close();
  expect(bench.errors).toEqual([]);
});

async function setUp(stage: string, template: string, path: string): Promise<void> {
  project = await openProject(bench);
  await createTemplates(bench.admin, project.name, base);
  await bench.admin.create(resources.stage, verifiedStage(project.name, stage, { template, path }), project.name);
}

async function runsOf(stage: string): Promise<AnalysisRun[]> {
  const all = (await bench.admin.list<AnalysisRun>(resources.analysisRun, project.name)).items;
  return all.filter((run) => run.metadata.labels?.['kargo.akuity.io/stage'] === stage);
}

function latestOf(stage: Stage): VerificationInfo | undefined {
  return stage.status?.freightHistory?.[0]?.verificationHistory?.[0];
}

async function latestWhen(stage: string, phases: string[], timeoutMs = 20_000): Promise<{ stage: Stage; latest: VerificationInfo }> {
  return eventually(async () => {
    const current = await project.stage(stage);
    const latest = latestOf(current);
    return latest && phases.includes(latest.phase ?? '') ? { stage: current, latest } : undefined;
  }, timeoutMs);
}

function condition(stage: Stage, type: string): { status?: string; reason?: string; message?: string } | undefined {
  return stage.status?.conditions?.find((entry) => entry.type === type);
}

describe('a Stage verified by an AnalysisTemplate', () => {
  it('passes: the Freight is verified in the Stage and promote --wait=verification exits 0', async () => {
    await setUp('checked', 'once', 'ok');
    const run = await project.kargo(['promote', '--stage', 'checked', '--freight', FREIGHT.one.alias, '--wait=verification', '--timeout', '40s']);
    expect(run.code, run.stderr).toBe(ExitCode.Success);

    const { stage, latest } = await latestWhen('checked', ['Successful']);
    expect(condition(stage, 'Verified')).toMatchObject({ status: 'True', reason: 'Verified', message: 'Freight has been verified' });
    const freight = await project.freight(FREIGHT.one.name);
    expect(freight.status?.verifiedIn?.['checked']?.verifiedAt).toBe(latest.finishTime);

    const [analysisRun, ...others] = await runsOf('checked');
    expect(others).toEqual([]);
    const collection = stage.status?.freightHistory?.[0]?.id ?? '';
    expect(analysisRun?.metadata.name).toMatch(new RegExp(`^checked\\.[0-9a-z]{26}\\.${collection.slice(0, 7)}$`));
    expect(latest.analysisRun).toEqual({ name: analysisRun?.metadata.name, namespace: project.name, phase: 'Successful' });
    expect(analysisRun?.metadata.labels).toEqual({ team: 'shop', 'kargo.akuity.io/stage': 'checked', 'kargo.akuity.io/freight-collection': collection });
    expect(analysisRun?.metadata.annotations).toEqual({ note: 'from the Stage', 'kargo.akuity.io/promotion': stage.status?.lastPromotion?.name });
    expect(analysisRun?.metadata.ownerReferences).toEqual([
      { apiVersion: 'kargo.akuity.io/v1alpha1', kind: 'Freight', name: FREIGHT.one.name, uid: freight.metadata.uid, blockOwnerDeletion: false },
    ]);
    expect(analysisRun?.spec.args).toEqual([{ name: 'path', value: 'ok' }]);
    expect(analysisRun?.status?.phase).toBe('Successful');
  }, 60_000);

  it('fails: Verified is False and promote --wait=verification exits 6', async () => {
    await setUp('refused', 'once', 'bad');
    const run = await project.kargo(['promote', '--stage', 'refused', '--freight', FREIGHT.one.alias, '--wait=verification', '--timeout', '40s']);
    expect(run.code, run.stderr).toBe(ExitCode.VerificationFailed);

    const { stage, latest } = await latestWhen('refused', ['Failed']);
    expect(condition(stage, 'Verified')).toMatchObject({ status: 'False', reason: 'VerificationFailed' });
    expect(latest.analysisRun?.phase).toBe('Failed');
    expect(condition(stage, 'Ready')?.status).toBe('False');
    const freight = await project.freight(FREIGHT.one.name);
    expect(freight.status?.verifiedIn?.['refused']).toBeUndefined();
  }, 60_000);

  it('takes ClusterAnalysisTemplates too; a template that does not exist is an Error verification (exit 6)', async () => {
    await setUp('clustered', 'once', 'ok');
    const clusterTemplate = `${project.name}-cluster-once`;
    const namespaced = await bench.admin.get<AnalysisTemplate>(resources.analysisTemplate, 'once', project.name);
    await bench.admin.create(resources.clusterAnalysisTemplate, {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'ClusterAnalysisTemplate',
      metadata: { name: clusterTemplate },
      spec: namespaced.spec,
    });
    const stage = await project.stage('clustered');
    const verification = { ...stage.spec.verification, analysisTemplates: [{ name: clusterTemplate, kind: 'ClusterAnalysisTemplate' as const }] };
    await bench.admin.update(resources.stage, { ...stage, spec: { ...stage.spec, verification } }, project.name);
    const passed = await project.kargo(['promote', '--stage', 'clustered', '--freight', FREIGHT.one.alias, '--wait=verification', '--timeout', '40s']);
    expect(passed.code, passed.stderr).toBe(ExitCode.Success);

    await bench.admin.create(resources.stage, verifiedStage(project.name, 'missing', { template: 'nowhere', path: 'ok' }), project.name);
    const failed = await project.kargo(['promote', '--stage', 'missing', '--freight', FREIGHT.one.alias, '--wait=verification', '--timeout', '40s']);
    expect(failed.code, failed.stderr).toBe(ExitCode.VerificationFailed);
    const { latest } = await latestWhen('missing', ['Error']);
    expect(latest.message).toMatch(
      new RegExp(
        `^error building AnalysisRun for Stage "missing" and Freight collection "[0-9a-f]+" in namespace "${project.name}": get analysis templates: get AnalysisRun "nowhere" in namespace "${project.name}": `,
      ),
    );
    expect(latest.analysisRun).toBeUndefined();
    expect(await runsOf('missing')).toEqual([]);
  }, 90_000);

  it('reverify runs a new AnalysisRun for the same Freight', async () => {
    await setUp('again', 'once', 'ok');
    const first = await project.kargo(['promote', '--stage', 'again', '--freight', FREIGHT.one.alias, '--wait=verification', '--timeout', '40s']);
    expect(first.code, first.stderr).toBe(ExitCode.Success);
    const before = (await latestWhen('again', ['Successful'])).latest;

    const reverify = await project.kargo(['verify', 'stage', 'again', '--wait', '--timeout', '40s']);
    expect(reverify.code, reverify.stderr).toBe(ExitCode.Success);
    const stage = await eventually(async () => {
      const current = await project.stage('again');
      const history = current.status?.freightHistory?.[0]?.verificationHistory ?? [];
      return history.length === 2 && history[0]?.phase === 'Successful' ? current : undefined;
    });
    const history = stage.status?.freightHistory?.[0]?.verificationHistory ?? [];
    expect(history[1]?.id).toBe(before.id);
    expect(history[0]?.id).not.toBe(before.id);
    expect(history[0]?.analysisRun?.name).not.toBe(before.analysisRun?.name);
    const runs = await runsOf('again');
    expect(runs).toHaveLength(2);
    // Only the first verification of a collection names the Promotion.
    const second = runs.find((entry) => entry.metadata.name === history[0]?.analysisRun?.name);
    expect(second?.metadata.annotations?.['kargo.akuity.io/promotion']).toBeUndefined();
  }, 60_000);

  it('abort stops a running verification: Failed, "Verification aborted by user", the run terminated', async () => {
    await setUp('endless', 'endless', 'ok');
    const promote = await project.kargo(['promote', '--stage', 'endless', '--freight', FREIGHT.one.alias, '--wait', '--timeout', '40s']);
    expect(promote.code, promote.stderr).toBe(ExitCode.Success);
    await latestWhen('endless', ['Running']);

    const abort = await project.kargo(['verify', 'stage', 'endless', '--abort']);
    expect(abort.code, abort.stderr).toBe(ExitCode.Success);
    const { stage, latest } = await latestWhen('endless', ['Failed']);
    expect(latest.message).toBe('Verification aborted by user');
    expect(condition(stage, 'Verified')).toMatchObject({ status: 'False', reason: 'VerificationFailed', message: 'Verification aborted by user' });
    const [run] = await runsOf('endless');
    expect(run?.spec.terminate).toBe(true);
    // Argo Rollouts ends a terminated run Successful; Kargo's record stays Failed.
    const ended = await eventually(async () => {
      const current = await bench.admin.get<AnalysisRun>(resources.analysisRun, run?.metadata.name ?? '', project.name);
      return current.status?.phase === 'Successful' ? current : undefined;
    });
    expect(ended.status?.message).toBe('Run Terminated');
    expect(latestOf(await project.stage('endless'))?.phase).toBe('Failed');
  }, 60_000);

  it('a running verification whose AnalysisRun is gone ends in Error, as Kargo records it', async () => {
    await setUp('vanished', 'endless', 'ok');
    const promote = await project.kargo(['promote', '--stage', 'vanished', '--freight', FREIGHT.one.alias, '--wait', '--timeout', '40s']);
    expect(promote.code, promote.stderr).toBe(ExitCode.Success);
    const running = (await latestWhen('vanished', ['Running'])).latest;
    await bench.admin.delete(resources.analysisRun, running.analysisRun?.name ?? '', project.name);

    const { stage, latest } = await latestWhen('vanished', ['Error']);
    const message = `error getting AnalysisRun "${running.analysisRun?.name}" in namespace "${project.name}"`;
    expect(latest.id).toBe(running.id);
    expect(latest.message).toContain(message);
    expect(condition(stage, 'Verified')).toMatchObject({ status: 'False', reason: 'VerificationError' });
    // The pass that found it gone failed (and was retried), as Kargo's does.
    expect(bench.errors.some((error) => String(error).includes(message))).toBe(true);
    bench.errors.length = 0;
  }, 60_000);

  it('a controller restarted mid-verification resumes the same AnalysisRun', async () => {
    await setUp('slowly', 'thrice', 'ok');
    const promote = await project.kargo(['promote', '--stage', 'slowly', '--freight', FREIGHT.one.alias, '--wait', '--timeout', '40s']);
    expect(promote.code, promote.stderr).toBe(ExitCode.Success);
    const running = (await latestWhen('slowly', ['Running'])).latest;
    await bench.restartController();

    const { latest } = await latestWhen('slowly', ['Successful']);
    expect(latest.id).toBe(running.id);
    const runs = await runsOf('slowly');
    expect(runs).toHaveLength(1);
    expect(runs[0]?.status?.metricResults?.[0]).toMatchObject({ count: 3, successful: 3 });
    expect((await project.freight(FREIGHT.one.name)).status?.verifiedIn?.['slowly']).toBeDefined();
  }, 60_000);
});
