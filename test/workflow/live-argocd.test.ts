// Live scenarios with Argo CD in the loop: the embedded controller runs the
// Stage's promotions, whose argocd-update step has the sandbox's Argo CD
// stand-in sync an Application to the pushed commit; the Stage's health is
// Kargo's argocd-update health check of that Application, and verification
// starts only once it is Healthy. The test changes only the world (the
// workload still rolling out, the cut-over gate); see live/argocd-health.ts
// for the one thing the stand-in does not do (health of the workload).

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/cli/exit-codes.js';
import { resources } from '../../src/kube/resources.js';
import type { Freight, Stage } from '../../src/model/kargo.js';
import { APPLICATIONS, type Application } from '../../src/sandbox/argocd-standin/application.js';
import { startTestCluster, type TestCluster } from '../support/test-cluster.js';
import { CapturedStream, clientFor, whenWritten } from './harness.js';
import { ARGOCD_NAMESPACE, type ArgoCD, startArgoCD } from './live/argocd-health.js';
import { ARGOCD_STAGE, CUTOVER_KEY, ROLLOUT_KEY, applicationName, createArgoCDStage, ensureArgoCDNamespace } from './live/argocd-pipeline.js';
import { type LiveController, type LiveProject, openLiveProject, runLiveController } from './live/harness.js';
import { FREIGHT } from './live/pipeline.js';

const SCENARIO_TIMEOUT = 90_000;

let cluster: TestCluster;
let controller: LiveController;
let argocd: ArgoCD;
let opened: LiveProject[] = [];

beforeAll(async () => {
  cluster = await startTestCluster();
  const admin = await clientFor(cluster.kubeconfigPath);
  await ensureArgoCDNamespace(admin);
  argocd = await startArgoCD(admin);
  controller = await runLiveController(cluster.kubeconfigPath);
});
afterAll(async () => {
  await controller?.stop();
  await argocd?.stop();
  await cluster?.close();
});
afterEach(async () => {
  const projects = opened.map((project) => project.project);
  await Promise.all(opened.map((project) => project.close()));
  opened = [];
  const errors = controller.errors.splice(0).filter(({ key }) => projects.some((project) => key.startsWith(`${project}/`)));
  expect(errors).toEqual([]);
});

async function open(): Promise<LiveProject> {
  const project = await openLiveProject({ adminKubeconfig: cluster.kubeconfigPath, kubeconfigFor: (user, groups) => cluster.kubeconfigFor(user, groups) });
  opened.push(project);
  await createArgoCDStage(project.admin, project.project, project.world);
  return project;
}

const application = (p: LiveProject) => p.admin.get<Application>(APPLICATIONS, applicationName(p.project), ARGOCD_NAMESPACE);
const stage = (p: LiveProject) => p.admin.get<Stage>(resources.stage, ARGOCD_STAGE, p.project);

/**
 * Starts `promote --wait=verification` and, while its last step waits at the cut-over gate, has the
 * workload start rolling (Argo CD: Progressing); then opens the gate, so the Promotion succeeds with
 * the Stage not yet Healthy.
 */
async function promoteIntoProgressing(p: LiveProject, freight: { alias: string; tag: string }) {
  p.world.setRollout(CUTOVER_KEY, 'rolling');
  const stderr = new CapturedStream();
  const waiting = p.kargo(['promote', '--stage', ARGOCD_STAGE, '--freight', freight.alias, '--wait=verification'], { stderr });
  await whenWritten(stderr, (text) => /Running, step 6\/6/.test(text));
  const synced = await application(p);
  expect(synced.status?.sync?.status).toBe('Synced');
  expect(synced.status?.health?.status).toBe('Healthy');
  p.world.setRollout(ROLLOUT_KEY, 'rolling');
  await expect.poll(async () => (await application(p)).status?.health?.status, { timeout: 10_000 }).toBe('Progressing');
  p.world.setRollout(CUTOVER_KEY, 'done');
  await whenWritten(stderr, (text) => text.includes('waiting for the Stage to become Healthy (now Progressing)'));
  return { waiting, stderr };
}

describe('promote through Argo CD, with the embedded controller and the Argo CD stand-in', { timeout: SCENARIO_TIMEOUT }, () => {
  it('waits while Argo CD reports the Application Progressing; once Healthy, verification runs and promote exits 0', async () => {
    const p = await open();
    const { waiting } = await promoteIntoProgressing(p, FREIGHT.next);
    const progressing = await stage(p);
    expect(progressing.status?.health?.status).toBe('Progressing');
    expect(progressing.status?.freightHistory?.[0]?.verificationHistory ?? []).toHaveLength(0);
    p.world.setRollout(ROLLOUT_KEY, 'done');
    const run = await waiting;
    expect(run.code, run.stderr).toBe(ExitCode.Success);
    expect(run.stderr).toMatch(/✔ sync \[argocd-update\] Succeeded/);
    expect(run.stderr).toContain(`Verification in Stage ${ARGOCD_STAGE} Successful`);
    const app = await application(p);
    expect(app.status?.sync?.revision).toMatch(/^[0-9a-f]{40}$/);
    expect(app.status?.operationState?.phase).toBe('Succeeded');
    const freight = await p.admin.get<Freight>(resources.freight, FREIGHT.next.name, p.project);
    expect(Object.keys(freight.status?.verifiedIn ?? {})).toEqual([ARGOCD_STAGE]);
  });

  it('exits 9 when a later promotion replaces the freight while Argo CD still reports it Progressing', async () => {
    const p = await open();
    const { waiting } = await promoteIntoProgressing(p, FREIGHT.next);
    const firstRevision = (await application(p)).status?.sync?.revision;
    // The Stage is not Healthy, so the next Promotion is admitted; its sync waits for the workload.
    const later = await p.kargo(['promote', '--stage', ARGOCD_STAGE, '--freight', FREIGHT.current.alias]);
    expect(later.code, later.stderr).toBe(ExitCode.Success);
    await expect.poll(async () => (await application(p)).status?.sync?.revision, { timeout: 20_000 }).not.toBe(firstRevision);
    p.world.setRollout(ROLLOUT_KEY, 'done');
    const run = await waiting;
    expect(run.code, run.stderr).toBe(ExitCode.Superseded);
    expect(run.stderr).toMatch(/Superseded: promotion web\.\S+ replaced the freight/);
    const replaced = await p.admin.get<Freight>(resources.freight, FREIGHT.next.name, p.project);
    expect(replaced.status?.verifiedIn?.[ARGOCD_STAGE]).toBeUndefined();
    expect(p.world.deployedTag('staging')).toBe(FREIGHT.current.tag);
  });
});
