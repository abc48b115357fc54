// The workflow scenarios, written against kubeconfig files only so that the
// embedded-server suite and the real-apiserver tier run the very same tests.
// In each, the fake controller plays Kargo (Promotion/Stage/Freight/AnalysisRun
// status); the CLI runs in-process and is judged by its exit code and output.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { ExitCode } from '../../src/cli/exit-codes.js';
import { resources } from '../../src/kube/resources.js';
import type { Freight, Promotion, Stage } from '../../src/model/kargo.js';
import type { ControllerScript } from './fake-controller.js';
import { FREIGHT, seedCurrentFreight } from './fixtures.js';
import { CapturedStream, type ScenarioProject, type WorkflowTarget, openProject, runKargo, whenWritten } from './harness.js';
import { promotionName, promotionNames } from '../support/promotion-output.js';

export function defineWorkflowScenarios(getTarget: () => WorkflowTarget): void {
  let opened: ScenarioProject[] = [];
  afterEach(async () => {
    await Promise.all(opened.map((project) => project.close()));
    opened = [];
  });
  const open = async (script: ControllerScript = {}) => {
    const project = await openProject(getTarget(), script);
    opened.push(project);
    return project;
  };
  const promotionsOf = async (p: ScenarioProject, stage?: string) =>
    (await p.admin.list<Promotion>(resources.promotion, p.project)).items.filter((promotion) => !stage || promotion.spec.stage === stage);

  describe('promote', () => {
    it('promotes, waits through verification, and exits 0 with the promotion name on stdout', async () => {
      const p = await open();
      await seedCurrentFreight(p.admin, p.project, 'dev', FREIGHT.next.name, { verifiedAt: '2026-11-22T12:05:00Z' });
      const run = await p.kargo(['promote', '--stage', 'staging', '--freight', FREIGHT.next.alias, '--wait=verification']);
      expect(run.stderr).toContain('Verification in Stage staging Successful');
      expect(run.code).toBe(ExitCode.Success);
      const [promotion] = await promotionsOf(p, 'staging');
      expect(promotionName(run.stdout)).toBe(promotion!.metadata.name);
      expect(promotion!.metadata.name).toMatch(/^staging\.[0-9a-z]{26}\.c3d4e5f$/);
      expect(run.stderr).toMatch(/✔ step-1 \[git-clone\] Succeeded/);
      expect(run.stderr).toMatch(/success-rate Successful \(✔ 2 ✖ 0 ⚠ 0, last value 0\.99\)/);
      // --wait=verification returns only once Kargo has marked the Freight verified there, so a CI job can chain at once.
      const freight = await p.admin.get<Freight>(resources.freight, FREIGHT.next.name, p.project);
      expect(freight.status?.verifiedIn?.staging).toBeDefined();
    });

    it('without --wait prints only the name and returns at once', async () => {
      const p = await open({ holdPromotion: () => true });
      const run = await p.kargo(['promote', '--stage', 'dev', '--freight', FREIGHT.next.name]);
      expect(run.code).toBe(ExitCode.Success);
      expect(run.stdout).toMatch(/^promotion\.kargo\.akuity\.io\/dev\.[0-9a-z]{26}\.c3d4e5f promotion created\n$/);
      expect(run.stderr).toContain('Created promotion');
    });

    it('-o json prints the created Promotion, fully built from the Stage', async () => {
      const p = await open({ holdPromotion: () => true });
      const run = await p.kargo(['promote', '--stage', 'dev', '--image', 'ghcr.io/example/shop:1.2.0', '-o', 'json']);
      expect(run.code).toBe(ExitCode.Success);
      const promotion = JSON.parse(run.stdout) as Promotion;
      expect(promotion.spec).toMatchObject({ stage: 'dev', freight: FREIGHT.next.name });
      expect(promotion.spec.steps?.map((step) => step.as)).toEqual(['step-1', 'set-image', 'step-3']);
      expect(promotion.metadata.labels?.['kargo.akuity.io/stage']).toBe('dev');
      expect(promotion.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Stage', name: 'dev', controller: true });
    });

    it('exits 3 for a missing project, stage or freight, each with its own message', async () => {
      const p = await open();
      const noProject = await runKargo(['promote', '-p', 'no-such-project', '--stage', 'dev', '--freight', 'x'], { kubeconfig: getTarget().adminKubeconfig });
      expect(noProject.code).toBe(ExitCode.NotFound);
      expect(noProject.stderr).toMatch(/project "no-such-project" does not exist/);
      const noStage = await p.kargo(['promote', '--stage', 'nope', '--freight', FREIGHT.next.alias]);
      expect(noStage.code).toBe(ExitCode.NotFound);
      expect(noStage.stderr).toMatch(/Stage "nope" not found in project/);
      const noFreight = await p.kargo(['promote', '--stage', 'dev', '--freight', 'sleepy-walrus']);
      expect(noFreight.code).toBe(ExitCode.NotFound);
      expect(noFreight.stderr).toMatch(/sleepy-walrus/);
      expect(await promotionsOf(p)).toHaveLength(0);
    });

    it('exits 4 naming the missing permission when a viewer promotes, and creates nothing', async () => {
      const p = await open();
      const viewer = await getTarget().kubeconfigFor('vera', ['kargo-viewer']);
      const run = await runKargo(['promote', '-p', p.project, '--stage', 'dev', '--freight', FREIGHT.next.alias], { kubeconfig: viewer });
      expect(run.code).toBe(ExitCode.Forbidden);
      expect(run.stderr).toMatch(/vera may not promote to Stage "dev": missing permission "promote" on stages\.kargo\.akuity\.io\/dev/);
      expect(await promotionsOf(p)).toHaveLength(0);
    });

    it('exits 8 with the full explanation and the approve command when the freight is not available', async () => {
      const p = await open();
      await seedCurrentFreight(p.admin, p.project, 'staging', FREIGHT.next.name, {
        verifiedAt: '2026-11-22T12:05:00Z',
        since: new Date(Date.now() - 20 * 60_000).toISOString().replace(/\.\d+Z$/, 'Z'),
      });
      const run = await p.kargo(['promote', '--stage', 'prod', '--freight', FREIGHT.next.alias]);
      expect(run.code).toBe(ExitCode.Refused);
      expect(run.stderr).toContain('staging');
      expect(run.stderr).toMatch(/soak/i);
      expect(run.stderr).toContain(`kargo approve --freight ${FREIGHT.next.alias} --stage prod`);
      expect(await promotionsOf(p)).toHaveLength(0);
    });

    it('--dry-run prints the decision and the object, and creates nothing', async () => {
      const p = await open();
      const run = await p.kargo(['promote', '--stage', 'dev', '--freight', FREIGHT.next.alias, '--dry-run', '-o', 'yaml']);
      expect(run.code).toBe(ExitCode.Success);
      expect(run.stderr).toContain('is available to Stage "dev"');
      expect(run.stdout).toContain('kind: Promotion');
      expect(run.stdout).toContain(`freight: ${FREIGHT.next.name}`);
      expect(await promotionsOf(p)).toHaveLength(0);
    });

    it('--downstream-from promotes to every downstream stage, or to none when one refuses', async () => {
      const p = await open({ holdPromotion: () => true });
      const refused = await p.kargo(['promote', '--downstream-from', 'dev', '--freight', FREIGHT.next.alias]);
      expect(refused.code).toBe(ExitCode.Refused);
      expect(refused.stderr).toMatch(/Nothing was promoted: 2 of 2 Stages downstream of "dev"/);
      expect(await promotionsOf(p)).toHaveLength(0);

      await seedCurrentFreight(p.admin, p.project, 'dev', FREIGHT.next.name, { verifiedAt: '2026-11-22T12:05:00Z' });
      const run = await p.kargo(['promote', '--downstream-from', 'dev', '--freight', FREIGHT.next.alias]);
      expect(run.code).toBe(ExitCode.Success);
      expect(promotionNames(run.stdout)).toHaveLength(2);
      expect((await promotionsOf(p)).map((promotion) => promotion.spec.stage).sort()).toEqual(['qa', 'staging']);
    });

    it('--warehouse promotes the auto-promotion candidate (the newest available freight)', async () => {
      const p = await open({ holdPromotion: () => true });
      const run = await p.kargo(['promote', '--stage', 'dev', '--warehouse', 'images']);
      expect(run.code).toBe(ExitCode.Success);
      const [promotion] = await promotionsOf(p, 'dev');
      expect(promotion?.spec.freight).toBe(FREIGHT.next.name);
    });

    it('exits 5 with the failing step and message when the promotion fails', async () => {
      const p = await open({ steps: () => [{ status: 'Succeeded' }, { status: 'Failed', message: 'kustomization.yaml not found' }] });
      const run = await p.kargo(['promote', '--stage', 'dev', '--freight', FREIGHT.next.alias, '--wait']);
      expect(run.code).toBe(ExitCode.PromotionFailed);
      expect(run.stderr).toMatch(/Promotion dev\.\S+ Failed at step set-image: kustomization\.yaml not found/);
    });

    it('exits 6 when the verification fails', async () => {
      const p = await open({ metrics: () => [{ name: 'error-rate', phase: 'Failed', value: '0.31' }] });
      await seedCurrentFreight(p.admin, p.project, 'dev', FREIGHT.next.name, { verifiedAt: '2026-11-22T12:05:00Z' });
      const run = await p.kargo(['promote', '--stage', 'staging', '--freight', FREIGHT.next.alias, '--wait=verification']);
      expect(run.code).toBe(ExitCode.VerificationFailed);
      expect(run.stderr).toMatch(/error-rate Failed \(✔ 1 ✖ 1 ⚠ 0, last value 0\.31\)/);
      expect(run.stderr).toMatch(/Verification in Stage staging Failed/);
    });

    it('exits 7 when the promotion is aborted while waiting', async () => {
      const p = await open({ holdPromotion: () => true });
      const stderr = new CapturedStream();
      const waiting = p.kargo(['promote', '--stage', 'dev', '--freight', FREIGHT.next.alias, '--wait'], { stderr });
      await whenWritten(stderr, (text) => /Running, step 1\/3/.test(text));
      const name = /Created promotion ([^\s:]+)/.exec(stderr.text)![1]!;
      const abort = await p.kargo(['abort', 'promotion', name]);
      expect(abort.code).toBe(ExitCode.Success);
      const run = await waiting;
      expect(run.code).toBe(ExitCode.Aborted);
      expect(run.stderr).toMatch(/was Aborted/);
      const again = await p.kargo(['promote', '--abort', '--name', name]);
      expect(again.code).toBe(ExitCode.Success);
      expect(again.stderr).toMatch(/already finished \(Aborted\); nothing to abort/);
    });

    it('exits 9 when a later promotion supersedes the freight before its verification', async () => {
      const p = await open({ health: () => 'Progressing' });
      await seedCurrentFreight(p.admin, p.project, 'dev', FREIGHT.next.name, { verifiedAt: '2026-11-22T12:05:00Z' });
      await p.admin.patch(resources.freight, FREIGHT.current.name, { status: { verifiedIn: { dev: { verifiedAt: '2026-11-22T12:06:00Z' } } } }, p.project, {
        subresource: 'status',
      });
      const stderr = new CapturedStream();
      const waiting = p.kargo(['promote', '--stage', 'staging', '--freight', FREIGHT.next.alias, '--wait=verification'], { stderr });
      await whenWritten(stderr, (text) => text.includes('Healthy (now Progressing)'));
      const later = await p.kargo(['promote', '--stage', 'staging', '--freight', FREIGHT.current.alias]);
      expect(later.code).toBe(ExitCode.Success);
      const run = await waiting;
      expect(run.code).toBe(ExitCode.Superseded);
      expect(run.stderr).toMatch(/Superseded: promotion staging\.\S+ replaced the freight/);
    });

    it('exits 124 when --timeout runs out, saying how to keep following', async () => {
      const p = await open({ holdPromotion: () => true });
      const run = await p.kargo(['promote', '--stage', 'dev', '--freight', FREIGHT.next.alias, '--wait', '--timeout', '1s']);
      expect(run.code).toBe(ExitCode.Timeout);
      expect(run.stderr).toMatch(/Timed out after \d+s waiting for promotion dev\.\S+ \(Running\)/);
      expect(run.stderr).toContain(`kargo promote -p ${p.project} --name dev.`);
    });

    it('exits 130 on Ctrl-C, saying the promotion goes on and how to follow it again', async () => {
      const p = await open({ holdPromotion: () => true });
      const stderr = new CapturedStream();
      const interrupt = new AbortController();
      const waiting = p.kargo(['promote', '--stage', 'dev', '--freight', FREIGHT.next.alias, '--wait'], { stderr, interrupt: interrupt.signal });
      await whenWritten(stderr, (text) => text.includes('Running'));
      interrupt.abort();
      const run = await waiting;
      expect(run.code).toBe(ExitCode.Interrupted);
      expect(run.stderr).toMatch(/The promotion goes on in the cluster; follow it again with: kargo promote -p \S+ --name dev\.\S+ --wait/);
      const [promotion] = await promotionsOf(p, 'dev');
      expect(promotion?.status?.phase).toBe('Running');
    });

    it('while Pending says why: waiting for the promotion ahead of it', async () => {
      const p = await open({ holdPromotion: (promotion) => promotion.spec.freight === FREIGHT.current.name });
      const first = await p.kargo(['promote', '--stage', 'dev', '--freight', FREIGHT.current.alias]);
      // Generous limits: on a loaded machine the fake controller and the CLI's first progress line can take seconds.
      await vi.waitFor(async () => expect((await promotionsOf(p, 'dev'))[0]?.status?.phase).toBe('Running'), { timeout: 15_000 });
      const run = await p.kargo(['promote', '--stage', 'dev', '--freight', FREIGHT.next.alias, '--wait', '--timeout', '5s']);
      expect(run.code).toBe(ExitCode.Timeout);
      expect(run.stderr).toContain(`Pending — waiting for Promotion ${promotionName(first.stdout)} to finish (Running)`);
    }, 60_000);

    it('-o json with --wait prints the final Promotion', async () => {
      const p = await open();
      const run = await p.kargo(['promote', '--stage', 'dev', '--freight', FREIGHT.next.alias, '--wait', '-o', 'json']);
      expect(run.code).toBe(ExitCode.Success);
      const promotion = JSON.parse(run.stdout) as Promotion;
      expect(promotion.status?.phase).toBe('Succeeded');
      expect(promotion.status?.stepExecutionMetadata).toHaveLength(3);
    });

    it('--name --wait follows an existing promotion to its end', async () => {
      const p = await open();
      const created = await p.kargo(['promote', '--stage', 'dev', '--freight', FREIGHT.next.alias]);
      const run = await p.kargo(['promote', '--name', promotionName(created.stdout), '--wait']);
      expect(run.code).toBe(ExitCode.Success);
      expect(run.stderr).toMatch(/Succeeded in/);
    });
  });

  describe('approve', () => {
    it('approves for a stage (then promote passes), and says so when already approved', async () => {
      const p = await open({ holdPromotion: () => true });
      const run = await p.kargo(['approve', '--freight', FREIGHT.next.alias, '--stage', 'prod']);
      expect(run.code).toBe(ExitCode.Success);
      expect(run.stderr).toMatch(/Approved Freight jolly-penguin \(c3d4e5f\) for Stage prod/);
      const freight = await p.admin.get<Freight>(resources.freight, FREIGHT.next.name, p.project);
      expect(freight.status?.approvedFor?.prod?.approvedAt).toMatch(/Z$/);
      const again = await p.kargo(['approve', '--freight', FREIGHT.next.name, '--stage', 'prod']);
      expect(again.code).toBe(ExitCode.Success);
      expect(again.stderr).toMatch(/already approved/);
      const promote = await p.kargo(['promote', '--stage', 'prod', '--freight', FREIGHT.next.alias]);
      expect(promote.code).toBe(ExitCode.Success);
    });

    it('a viewer cannot approve (4) and nothing changes', async () => {
      const p = await open();
      const viewer = await getTarget().kubeconfigFor('vera', ['kargo-viewer']);
      const run = await runKargo(['approve', '-p', p.project, '--freight', FREIGHT.next.alias, '--stage', 'prod'], { kubeconfig: viewer });
      expect(run.code).toBe(ExitCode.Forbidden);
      const freight = await p.admin.get<Freight>(resources.freight, FREIGHT.next.name, p.project);
      expect(freight.status?.approvedFor).toBeUndefined();
    });
  });

  describe('verify, rollback, refresh, update', () => {
    it('verify stage re-runs a finished verification and --wait reports the new result', async () => {
      const p = await open();
      await seedCurrentFreight(p.admin, p.project, 'staging', FREIGHT.current.name, { verifiedAt: '2026-11-22T12:05:00Z' });
      const run = await p.kargo(['verify', 'stage', 'staging', '--wait']);
      expect(run.code).toBe(ExitCode.Success);
      expect(run.stderr).toMatch(/Verification in Stage staging Successful/);
      const stage = await p.admin.get<Stage>(resources.stage, 'staging', p.project);
      expect(stage.status?.freightHistory?.[0]?.verificationHistory).toHaveLength(2);
    });

    it('verify refuses to re-run a running verification (8); --abort stops it, recorded as Failed (the waiting promote exits 6)', async () => {
      let hold = true;
      const p = await open({ holdAnalysis: () => hold });
      await seedCurrentFreight(p.admin, p.project, 'dev', FREIGHT.next.name, { verifiedAt: '2026-11-22T12:05:00Z' });
      const stderr = new CapturedStream();
      const waiting = p.kargo(['promote', '--stage', 'staging', '--freight', FREIGHT.next.alias, '--wait=verification'], { stderr });
      await whenWritten(stderr, (text) => text.includes('Verification in Stage staging: Running'));
      const rerun = await p.kargo(['verify', 'stage', 'staging']);
      expect(rerun.code).toBe(ExitCode.Refused);
      expect(rerun.stderr).toMatch(/still Running; wait for it to finish, or abort it with: kargo verify stage staging --abort/);
      const abort = await p.kargo(['verify', 'stage', 'staging', '--abort', '--wait']);
      hold = false;
      expect(abort.code).toBe(ExitCode.Success);
      expect(abort.stderr).toMatch(/ended Failed: Verification aborted by user/);
      const run = await waiting;
      expect(run.code).toBe(ExitCode.VerificationFailed);
      expect(run.stderr).toMatch(/Verification in Stage staging Failed \(AnalysisRun \S+\): Verification aborted by user/);
    });

    it('verify refuses (8) a stage without current freight, and abort of a finished one is a no-op', async () => {
      const p = await open();
      const none = await p.kargo(['verify', 'stage', 'prod']);
      expect(none.code).toBe(ExitCode.Refused);
      await seedCurrentFreight(p.admin, p.project, 'staging', FREIGHT.current.name, { verifiedAt: '2026-11-22T12:05:00Z' });
      const abort = await p.kargo(['verify', 'stage', 'staging', '--abort']);
      expect(abort.code).toBe(ExitCode.Success);
      expect(abort.stderr).toMatch(/already finished/);
    });

    it('rollback shows from → to and promotes the previous verified freight with the rollback annotation', async () => {
      const p = await open();
      await seedCurrentFreight(p.admin, p.project, 'dev', FREIGHT.current.name, { verifiedAt: '2026-11-22T12:05:00Z' });
      const forward = await p.kargo(['promote', '--stage', 'dev', '--freight', FREIGHT.next.alias, '--wait=verification']);
      expect(forward.code).toBe(ExitCode.Success);
      const run = await p.kargo(['rollback', '--stage', 'dev', '--wait']);
      expect(run.stderr).toContain('Rolling back Stage dev: jolly-penguin (c3d4e5f) → brave-heron (b2c3d4e)');
      expect(run.code).toBe(ExitCode.Success);
      const rollback = (await promotionsOf(p, 'dev')).find((promotion) => promotion.metadata.name === run.stdout.trim());
      expect(rollback?.metadata.annotations?.['kargo.akuity.io/rollback']).toBe('true');
      expect(rollback?.spec.freight).toBe(FREIGHT.current.name);
    });

    it('rollback is refused (8) when the earlier freight is no longer available, naming the approve command', async () => {
      const p = await open();
      const collection = (name: string) => ({
        id: `c-${name.slice(0, 7)}`,
        items: { 'Warehouse/images': { name, origin: { kind: 'Warehouse', name: 'images' } } },
        verificationHistory: [{ id: `v-${name.slice(0, 7)}`, phase: 'Successful', startTime: '2026-11-22T12:00:00Z', finishTime: '2026-11-22T12:01:00Z' }],
      });
      await p.admin.patch(
        resources.stage,
        'prod',
        { status: { freightHistory: [collection(FREIGHT.current.name), collection(FREIGHT.old.name)], health: { status: 'Healthy' } } },
        p.project,
        { subresource: 'status' },
      );
      const run = await p.kargo(['rollback', '--stage', 'prod']);
      expect(run.code).toBe(ExitCode.Refused);
      expect(run.stderr).toContain('Rolling back Stage prod: brave-heron (b2c3d4e) → calm-otter (a1b2c3d)');
      expect(run.stderr).toContain(`kargo approve --freight ${FREIGHT.old.alias} --stage prod`);
      expect(await promotionsOf(p)).toHaveLength(0);
    });

    it('refresh warehouse --wait returns once the controller handled the token', async () => {
      const p = await open();
      const run = await p.kargo(['refresh', 'warehouse', 'images', '--wait', '--timeout', '10s']);
      expect(run.code).toBe(ExitCode.Success);
      expect(run.stderr).toMatch(/Warehouse \S+\/images refreshed/);
    });

    it('update freight changes the alias (field and label) and refuses a taken one', async () => {
      const p = await open();
      const run = await p.kargo(['update', 'freight', FREIGHT.next.alias, '--alias', 'release-1-2']);
      expect(run.code).toBe(ExitCode.Success);
      const freight = await p.admin.get<Freight>(resources.freight, FREIGHT.next.name, p.project);
      expect(freight.alias).toBe('release-1-2');
      expect(freight.metadata.labels?.['kargo.akuity.io/alias']).toBe('release-1-2');
      const taken = await p.kargo(['update', 'freight', FREIGHT.old.alias, '--alias', 'release-1-2']);
      expect(taken.code).toBe(ExitCode.Refused);
      expect(taken.stderr).toMatch(/already used by Freight/);
    });
  });
}
