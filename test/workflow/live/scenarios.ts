// The workflow scenarios with nothing scripted: the embedded controller admits and
// runs each Promotion through the engine (real git, a real HTTP rollout gate),
// verifies through AnalysisRuns against the application's real metrics endpoint,
// and the CLI is judged by its exit code and output. Tests only change the world
// (a slow rollout, a failed one, a broken release), as an operator would see it.

import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ExitCode } from '../../../src/cli/exit-codes.js';
import { resources } from '../../../src/kube/resources.js';
import type { Freight, Promotion, Stage } from '../../../src/model/kargo.js';
import { CapturedStream, type WorkflowTarget, runKargo, whenWritten } from '../harness.js';
import { type LiveController, type LiveProject, openLiveProject, runLiveController } from './harness.js';
import { FREIGHT } from './pipeline.js';
import { promotionName } from '../../support/promotion-output.js';

// Each scenario runs real promotions (git, polling, 1s metric intervals): seconds, more on a loaded machine.
const SCENARIO_TIMEOUT = 90_000;

/** `shard`: the controller and the projects' Stages and Warehouse belong to that Kargo shard (beside other controllers). */
export function defineLiveScenarios(getTarget: () => WorkflowTarget, options: { shard?: string } = {}): void {
  let controller: LiveController;
  let opened: LiveProject[] = [];
  beforeAll(async () => {
    controller = await runLiveController(getTarget().adminKubeconfig, options);
  });
  afterAll(async () => controller?.stop());
  afterEach(async () => {
    const projects = opened.map((project) => project.project);
    await Promise.all(opened.map((project) => project.close()));
    opened = [];
    // This scenario's projects only, and emptied as checked: a failure is reported once, by its scenario.
    const errors = controller.errors.splice(0).filter(({ key }) => projects.some((project) => key.startsWith(`${project}/`)));
    expect(errors).toEqual([]);
  });
  const open = async () => {
    const project = await openLiveProject(getTarget(), options.shard);
    opened.push(project);
    return project;
  };
  const freightOf = (p: LiveProject, name: string) => p.admin.get<Freight>(resources.freight, name, p.project);
  /** Promotes through dev (verified implicitly) so the Freight may go on to staging and qa. */
  const throughDev = async (p: LiveProject, freight: { alias: string }) => {
    const run = await p.kargo(['promote', '--stage', 'dev', '--freight', freight.alias, '--wait=verification']);
    expect(run.code, run.stderr).toBe(ExitCode.Success);
  };

  describe('promote, with the embedded controller doing the work', { timeout: SCENARIO_TIMEOUT }, () => {
    it('promotes through dev and staging, waits through verification, and exits 0; Git and the Freight show it', async () => {
      const p = await open();
      await throughDev(p, FREIGHT.next);
      const run = await p.kargo(['promote', '--stage', 'staging', '--freight', FREIGHT.next.alias, '--wait=verification']);
      expect(run.code, run.stderr).toBe(ExitCode.Success);
      const [promotion] = await p.promotions('staging');
      expect(promotionName(run.stdout)).toBe(promotion!.metadata.name);
      expect(run.stderr).toMatch(/✔ clone \[git-clone\] Succeeded/);
      expect(run.stderr).toMatch(/✔ rollout \[http\] Succeeded/);
      expect(run.stderr).toMatch(/error-rate Successful \(✔ 2 ✖ 0 ⚠ 0, last value 0\.01\)/);
      expect(run.stderr).toContain('Verification in Stage staging Successful');
      expect(p.world.deployedTag('staging')).toBe(FREIGHT.next.tag);
      expect(p.world.deployedTag('dev')).toBe(FREIGHT.next.tag);
      const freight = await freightOf(p, FREIGHT.next.name);
      expect(Object.keys(freight.status?.verifiedIn ?? {}).sort()).toEqual(['dev', 'staging']);
      expect(Object.keys(freight.status?.currentlyIn ?? {}).sort()).toEqual(['dev', 'staging']);
    });

    it('without --wait prints only the name and returns at once', async () => {
      const p = await open();
      p.world.setRollout('dev', 'rolling');
      const run = await p.kargo(['promote', '--stage', 'dev', '--freight', FREIGHT.next.name]);
      expect(run.code).toBe(ExitCode.Success);
      expect(run.stdout).toMatch(/^promotion\.kargo\.akuity\.io\/dev\.[0-9a-z]{26}\.c3d4e5f promotion created\n$/);
    });

    it('exits 3 for a missing project, stage or freight', async () => {
      const p = await open();
      const noProject = await runKargo(['promote', '-p', 'no-such-project', '--stage', 'dev', '--freight', 'x'], { kubeconfig: getTarget().adminKubeconfig });
      expect(noProject.code).toBe(ExitCode.NotFound);
      expect((await p.kargo(['promote', '--stage', 'nope', '--freight', FREIGHT.next.alias])).code).toBe(ExitCode.NotFound);
      expect((await p.kargo(['promote', '--stage', 'dev', '--freight', 'sleepy-walrus'])).code).toBe(ExitCode.NotFound);
      expect(await p.promotions()).toHaveLength(0);
    });

    it('exits 4 when a viewer promotes, and nothing runs', async () => {
      const p = await open();
      const viewer = await getTarget().kubeconfigFor('vera', ['kargo-viewer']);
      const run = await runKargo(['promote', '-p', p.project, '--stage', 'dev', '--freight', FREIGHT.next.alias], { kubeconfig: viewer });
      expect(run.code).toBe(ExitCode.Forbidden);
      expect(await p.promotions()).toHaveLength(0);
      expect(p.world.deployedTag('dev')).toBe('0.9.0');
    });

    it('exits 8 for production until the Freight has soaked an hour in staging, naming the approve command', async () => {
      const p = await open();
      await throughDev(p, FREIGHT.next);
      const staging = await p.kargo(['promote', '--stage', 'staging', '--freight', FREIGHT.next.alias, '--wait=verification']);
      expect(staging.code, staging.stderr).toBe(ExitCode.Success);
      const run = await p.kargo(['promote', '--stage', 'prod', '--freight', FREIGHT.next.alias]);
      expect(run.code).toBe(ExitCode.Refused);
      expect(run.stderr).toMatch(/soak/i);
      expect(run.stderr).toContain(`kargo approve --freight ${FREIGHT.next.alias} --stage prod`);
      expect(await p.promotions('prod')).toHaveLength(0);
    });

    it('exits 5 naming the step when the rollout fails; the Stage keeps its Freight', async () => {
      const p = await open();
      p.world.setRollout('dev', 'failed');
      const run = await p.kargo(['promote', '--stage', 'dev', '--freight', FREIGHT.next.alias, '--wait']);
      expect(run.code).toBe(ExitCode.PromotionFailed);
      expect(run.stderr).toMatch(/Promotion dev\.\S+ Failed at step rollout/);
      const freight = await freightOf(p, FREIGHT.next.name);
      expect(freight.status?.currentlyIn?.dev).toBeUndefined();
    });

    it('exits 6 when the release is broken: the error rate fails verification', async () => {
      const p = await open();
      await throughDev(p, FREIGHT.next);
      p.world.setErrorRate('staging', 0.31);
      const run = await p.kargo(['promote', '--stage', 'staging', '--freight', FREIGHT.next.alias, '--wait=verification']);
      expect(run.code, run.stderr).toBe(ExitCode.VerificationFailed);
      expect(run.stderr).toMatch(/error-rate Failed \(✔ 0 ✖ 1 ⚠ 0, last value 0\.31\)/);
      expect(run.stderr).toMatch(/Verification in Stage staging Failed/);
      expect((await freightOf(p, FREIGHT.next.name)).status?.verifiedIn?.staging).toBeUndefined();
    });

    it('exits 7 when the promotion is aborted while it waits for the rollout', async () => {
      const p = await open();
      p.world.setRollout('dev', 'rolling');
      const stderr = new CapturedStream();
      const waiting = p.kargo(['promote', '--stage', 'dev', '--freight', FREIGHT.next.alias, '--wait'], { stderr });
      await whenWritten(stderr, (text) => /Running, step 5\/5/.test(text));
      const name = /Created promotion ([^\s:]+)/.exec(stderr.text)![1]!;
      expect((await p.kargo(['abort', 'promotion', name])).code).toBe(ExitCode.Success);
      const run = await waiting;
      expect(run.code).toBe(ExitCode.Aborted);
      expect(run.stderr).toMatch(/was Aborted/);
      const again = await p.kargo(['promote', '--abort', '--name', name]);
      expect(again.stderr).toMatch(/already finished \(Aborted\); nothing to abort/);
    });

    it('exits 124 when --timeout runs out, saying how to keep following', async () => {
      const p = await open();
      p.world.setRollout('dev', 'rolling');
      const run = await p.kargo(['promote', '--stage', 'dev', '--freight', FREIGHT.next.alias, '--wait', '--timeout', '2s']);
      expect(run.code).toBe(ExitCode.Timeout);
      expect(run.stderr).toContain(`kargo promote -p ${p.project} --name dev.`);
    });

    it('exits 130 on Ctrl-C; the promotion goes on and finishes once the rollout does', async () => {
      const p = await open();
      p.world.setRollout('dev', 'rolling');
      const stderr = new CapturedStream();
      const interrupt = new AbortController();
      const waiting = p.kargo(['promote', '--stage', 'dev', '--freight', FREIGHT.next.alias, '--wait'], { stderr, interrupt: interrupt.signal });
      await whenWritten(stderr, (text) => text.includes('Running'));
      interrupt.abort();
      const run = await waiting;
      expect(run.code).toBe(ExitCode.Interrupted);
      p.world.setRollout('dev', 'done');
      const name = (run.stdout.trim() && promotionName(run.stdout)) || (await p.promotions('dev'))[0]!.metadata.name!;
      const follow = await p.kargo(['promote', '--name', name, '--wait']);
      expect(follow.code, follow.stderr).toBe(ExitCode.Success);
    });

    it('while Pending says why: waiting for the promotion ahead of it', async () => {
      const p = await open();
      p.world.setRollout('dev', 'rolling');
      const first = await p.kargo(['promote', '--stage', 'dev', '--freight', FREIGHT.current.alias]);
      await vi.waitFor(async () => expect((await p.promotions('dev'))[0]?.status?.phase).toBe('Running'), { timeout: 15_000 });
      const run = await p.kargo(['promote', '--stage', 'dev', '--freight', FREIGHT.next.alias, '--wait', '--timeout', '5s']);
      expect(run.code).toBe(ExitCode.Timeout);
      expect(run.stderr).toContain(`Pending — waiting for Promotion ${promotionName(first.stdout)} to finish (Running)`);
    });

    it('-o json with --wait prints the final Promotion, every step recorded', async () => {
      const p = await open();
      const run = await p.kargo(['promote', '--stage', 'dev', '--freight', FREIGHT.next.alias, '--wait', '-o', 'json']);
      expect(run.code, run.stderr).toBe(ExitCode.Success);
      const promotion = JSON.parse(run.stdout) as Promotion;
      expect(promotion.status?.phase).toBe('Succeeded');
      expect(promotion.status?.stepExecutionMetadata?.map((step) => step.status)).toEqual(Array(5).fill('Succeeded'));
    });
  });

  describe('approve, verify, rollback, refresh, update', { timeout: SCENARIO_TIMEOUT }, () => {
    it('an approval lets the Freight skip the soak, and production gets it', async () => {
      const p = await open();
      const refused = await p.kargo(['promote', '--stage', 'prod', '--freight', FREIGHT.next.alias]);
      expect(refused.code).toBe(ExitCode.Refused);
      const approve = await p.kargo(['approve', '--freight', FREIGHT.next.alias, '--stage', 'prod']);
      expect(approve.code).toBe(ExitCode.Success);
      const viewer = await getTarget().kubeconfigFor('vera', ['kargo-viewer']);
      expect((await runKargo(['approve', '-p', p.project, '--freight', FREIGHT.current.alias, '--stage', 'prod'], { kubeconfig: viewer })).code).toBe(
        ExitCode.Forbidden,
      );
      const run = await p.kargo(['promote', '--stage', 'prod', '--freight', FREIGHT.next.alias, '--wait']);
      expect(run.code, run.stderr).toBe(ExitCode.Success);
      expect(p.world.deployedTag('prod')).toBe(FREIGHT.next.tag);
    });

    it('verify stage re-runs a finished verification and --wait reports the new result', async () => {
      const p = await open();
      await throughDev(p, FREIGHT.next);
      expect((await p.kargo(['promote', '--stage', 'staging', '--freight', FREIGHT.next.alias, '--wait=verification'])).code).toBe(ExitCode.Success);
      const run = await p.kargo(['verify', 'stage', 'staging', '--wait']);
      expect(run.code, run.stderr).toBe(ExitCode.Success);
      expect(run.stderr).toMatch(/Verification in Stage staging Successful/);
      const stage = await p.admin.get<Stage>(resources.stage, 'staging', p.project);
      expect(stage.status?.freightHistory?.[0]?.verificationHistory).toHaveLength(2);
    });

    it('verify refuses (8) to re-run a running verification; --abort stops it and the waiting promote exits 6', async () => {
      const p = await open();
      await throughDev(p, FREIGHT.next);
      p.world.setWarmingUp('staging', true);
      const stderr = new CapturedStream();
      const waiting = p.kargo(['promote', '--stage', 'staging', '--freight', FREIGHT.next.alias, '--wait=verification'], { stderr });
      await whenWritten(stderr, (text) => text.includes('Verification in Stage staging: Running'));
      const rerun = await p.kargo(['verify', 'stage', 'staging']);
      expect(rerun.code).toBe(ExitCode.Refused);
      const abort = await p.kargo(['verify', 'stage', 'staging', '--abort', '--wait']);
      expect(abort.code, abort.stderr).toBe(ExitCode.Success);
      const run = await waiting;
      expect(run.code, run.stderr).toBe(ExitCode.VerificationFailed);
    });

    it('verify refuses (8) a Stage without Freight', async () => {
      const p = await open();
      expect((await p.kargo(['verify', 'stage', 'prod'])).code).toBe(ExitCode.Refused);
    });

    it('rollback promotes the previous Freight again, and Git shows the old tag back', async () => {
      const p = await open();
      await throughDev(p, FREIGHT.current);
      await throughDev(p, FREIGHT.next);
      expect(p.world.deployedTag('dev')).toBe(FREIGHT.next.tag);
      const run = await p.kargo(['rollback', '--stage', 'dev', '--wait']);
      expect(run.stderr).toContain('Rolling back Stage dev: jolly-penguin (c3d4e5f) → brave-heron (b2c3d4e)');
      expect(run.code, run.stderr).toBe(ExitCode.Success);
      const rollback = (await p.promotions('dev')).find((promotion) => promotion.metadata.name === run.stdout.trim());
      expect(rollback?.metadata.annotations?.['kargo.akuity.io/rollback']).toBe('true');
      expect(p.world.deployedTag('dev')).toBe(FREIGHT.current.tag);
    });

    it('refresh warehouse --wait returns once the controller handled it', async () => {
      const p = await open();
      const run = await p.kargo(['refresh', 'warehouse', 'images', '--wait', '--timeout', '20s']);
      expect(run.code, run.stderr).toBe(ExitCode.Success);
      expect(run.stderr).toMatch(/Warehouse \S+\/images refreshed/);
    });

    it('update freight changes the alias and refuses a taken one', async () => {
      const p = await open();
      expect((await p.kargo(['update', 'freight', FREIGHT.next.alias, '--alias', 'release-1-2'])).code).toBe(ExitCode.Success);
      expect((await freightOf(p, FREIGHT.next.name)).alias).toBe('release-1-2');
      expect((await p.kargo(['update', 'freight', FREIGHT.old.alias, '--alias', 'release-1-2'])).code).toBe(ExitCode.Refused);
    });
  });
}
