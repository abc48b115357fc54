// promote against real Kargo: Kargo's webhooks name and fill the Promotion,
// Kargo's controller runs its steps and writes every status; the CLI's exit
// code and output must agree with what Kargo wrote.

import { describe, expect, it } from 'vitest';
import { EXIT } from './cli.js';
import { completeAnalysisRun, getFreight, getStage, newAnalysisRun, promotionPhase, promotionsOf, type PromotionObject } from './kargo-state.js';
import { RESOURCES } from './kube-json.js';
import { FREIGHT, useScenarios, whenStderr } from './scenario.js';
import { waitFor } from './wait.js';
import { promotionName, promotionNames } from '../support/promotion-output.js';

const { open } = useScenarios();

describe('promote against Kargo v1.11.2', () => {
  it('--wait exits 0 once Kargo ran the git-clone step, printing the name Kargo gave the Promotion', async () => {
    const s = await open();
    const run = await s.kargo(['promote', '--stage', 'dev', '--freight', FREIGHT.v1.alias, '--wait']);
    expect(run.stderr).toMatch(/Succeeded/);
    expect(run.code).toBe(EXIT.success);
    const [promotion] = await promotionsOf(s, 'dev');
    expect(promotionName(run.stdout)).toBe(promotion!.metadata.name);
    expect(promotion!.status?.phase).toBe('Succeeded');
    const stage = await getStage(s, 'dev');
    expect(stage.status?.lastPromotion?.name).toBe(promotion!.metadata.name);
    // Kargo records the Freight's new home in a write of its own, after the Promotion's.
    await waitFor('Kargo to record the Freight as currently in dev', async () => (await getFreight(s, s.freight[FREIGHT.v1.alias]!)).status?.currentlyIn?.dev);
  });

  it("exits 5 with the step and Kargo's message when a step fails", async () => {
    const s = await open();
    const run = await s.kargo(['promote', '--stage', 'broken', '--freight', FREIGHT.v1.alias, '--wait']);
    expect(run.code).toBe(EXIT.promotionFailed);
    expect(run.stderr).toContain('the deploy target refused the change');
    const [promotion] = await promotionsOf(s, 'broken');
    expect(promotion!.status?.phase).toBe('Failed');
  });

  it('exits 124 when a step never ends and --timeout runs out; Kargo keeps running it', async () => {
    const s = await open();
    const run = await s.kargo(['promote', '--stage', 'stuck', '--freight', FREIGHT.v1.alias, '--wait', '--timeout', '8s']);
    expect(run.code).toBe(EXIT.timedOut);
    expect(run.stderr).toMatch(/Timed out after \d+s/);
    const [promotion] = await promotionsOf(s, 'stuck');
    expect(promotion!.status?.phase).toBe('Running');
  });

  it('abort promotion ends a running Promotion: Kargo records Aborted and the waiting promote exits 7', async () => {
    const s = await open();
    const waiting = s.startKargo(['promote', '--stage', 'stuck', '--freight', FREIGHT.v1.alias, '--wait']);
    await whenStderr(waiting, /Running/);
    const [promotion] = await promotionsOf(s, 'stuck');
    const abort = await s.kargo(['abort', 'promotion', promotion!.metadata.name]);
    expect(abort.code).toBe(EXIT.success);
    const run = await waiting.done;
    expect(run.code).toBe(EXIT.aborted);
    const aborted = await promotionPhase(s, promotion!.metadata.name, ['Aborted']);
    expect(aborted.status?.message).toMatch(/terminated by/);
  });

  it("refuses (8) freight verified in staging whose 1h soak has not passed, as Kargo's webhook does; approve lets it through", async () => {
    const s = await open();
    expect((await s.kargo(['promote', '--stage', 'dev', '--freight', FREIGHT.v1.alias, '--wait'])).code).toBe(EXIT.success);
    const staging = s.startKargo(['promote', '--stage', 'staging', '--freight', FREIGHT.v1.alias, '--wait=verification']);
    await completeAnalysisRun(s, await newAnalysisRun(s, 'staging'), 'Successful');
    expect((await staging.done).code).toBe(EXIT.success);

    const refused = await s.kargo(['promote', '--stage', 'prod', '--freight', FREIGHT.v1.alias]);
    expect(refused.code).toBe(EXIT.refused);
    expect(refused.stderr).toContain(`kargo approve --freight ${FREIGHT.v1.alias} --stage prod`);
    expect(await promotionsOf(s, 'prod')).toHaveLength(0);
    // Kargo's own webhook refuses the same Promotion when it is written directly.
    const direct = await s.admin.request('POST', `/apis/kargo.akuity.io/v1alpha1/namespaces/${s.project}/promotions`, {
      apiVersion: 'kargo.akuity.io/v1alpha1',
      kind: 'Promotion',
      metadata: { name: 'direct', namespace: s.project },
      spec: { stage: 'prod', freight: s.freight[FREIGHT.v1.alias] },
    });
    expect(direct.status).toBeGreaterThanOrEqual(400);
    expect(direct.body).toMatch(/not available to/);

    const approve = await s.kargo(['approve', '--freight', FREIGHT.v1.alias, '--stage', 'prod']);
    expect(approve.code).toBe(EXIT.success);
    const promoted = await s.kargo(['promote', '--stage', 'prod', '--freight', FREIGHT.v1.alias, '--wait']);
    expect(promoted.code).toBe(EXIT.success);
    expect((await getFreight(s, s.freight[FREIGHT.v1.alias]!)).status?.approvedFor?.prod).toBeDefined();
  });

  it('--downstream-from promotes to every Stage fed by dev', async () => {
    const s = await open();
    expect((await s.kargo(['promote', '--stage', 'dev', '--freight', FREIGHT.v2.alias, '--wait'])).code).toBe(EXIT.success);
    const run = await s.kargo(['promote', '--downstream-from', 'dev', '--freight', FREIGHT.v2.alias]);
    expect(run.code).toBe(EXIT.success);
    const names = promotionNames(run.stdout);
    expect(names).toHaveLength(2);
    for (const name of names) await promotionPhase(s, name, ['Succeeded']);
    const stages = (await s.admin.list<PromotionObject>(RESOURCES.promotion, s.project)).map((promotion) => promotion.spec.stage);
    expect(stages.sort()).toEqual(['dev', 'qa', 'staging']);
  });
});
