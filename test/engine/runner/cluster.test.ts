// The runner against the embedded server: inputs loaded through the client,
// argocd-update waiting for Argo CD, its health check recorded, the default
// five-minute timeout.

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { builtinStepRegistry } from '../../../src/engine/builtin-steps.js';
import { engineResources } from '../../../src/engine/kube-resources.js';
import { loadPromotionInputs } from '../../../src/engine/promotion-inputs.js';
import { runPromotion } from '../../../src/engine/runner.js';
import { resources } from '../../../src/kube/resources.js';
import type { Promotion } from '../../../src/model/kargo.js';
import { applicationObject, ARGOCD_NAMESPACE, completeSync } from '../support/argocd.js';
import { startEngineCluster, type EngineCluster } from '../support/cluster.js';
import { freightObject, stageObject, warehouseObject } from '../support/objects.js';
import { manualClock, PROJECT, promotionWith } from '../support/promotion.js';
import { makeWorkDir } from '../support/step-context.js';

let env: EngineCluster;
let workDir: string;
let cleanup: () => void;

beforeAll(async () => {
  env = await startEngineCluster();
  await env.namespace(PROJECT);
  await env.namespace(ARGOCD_NAMESPACE);
  await env.client.create(resources.warehouse, warehouseObject('apps', PROJECT), PROJECT);
  await env.client.create(resources.stage, stageObject('test', PROJECT), PROJECT);
  await env.client.create(resources.freight, freightObject('f1abcde', PROJECT, { alias: 'happy-fox' }), PROJECT);
  await env.client.create(
    engineResources.configMap,
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { revision: 'c0ffee1' } },
    PROJECT,
  );
  await env.client.create(engineResources.secret, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'deploy' }, stringData: { team: 'blue' } }, PROJECT);
});
afterAll(() => env?.close());
beforeEach(() => ({ workDir, cleanup } = makeWorkDir()));
afterEach(() => cleanup());

async function pass(promotion: Promotion, clock: ReturnType<typeof manualClock>) {
  const inputs = await loadPromotionInputs(env.client, promotion);
  const result = await runPromotion({
    promotion,
    ...inputs,
    client: env.client,
    clock,
    workDir,
    signal: new AbortController().signal,
    registry: builtinStepRegistry(),
  });
  promotion.status = result.status;
  return result;
}

describe('runner with the cluster', () => {
  it('loads Stage, Freight, ConfigMaps and Secrets, waits for Argo CD, and records the health check', async () => {
    await env.client.create(engineResources.application, applicationObject('shop', { authorizedStage: `${PROJECT}:test` }), ARGOCD_NAMESPACE);
    const clock = manualClock();
    const promotion = promotionWith([
      { uses: 'compose-output', as: 'info', config: { team: "${{ secret('deploy').team }}", alias: '${{ ctx.targetFreight.alias }}' } },
      {
        uses: 'argocd-update',
        as: 'deploy',
        config: {
          apps: [
            {
              name: 'shop',
              sources: [{ repoURL: 'https://git.example.com/app.git', desiredRevision: "${{ configMap('settings').revision }}", updateTargetRevision: true }],
            },
          ],
        },
      },
    ]);
    let result = await pass(promotion, clock);
    expect(result.status.phase).toBe('Running');
    expect(result.status.currentStep).toBe(1);
    expect(result.status.state?.info).toEqual({ team: 'blue', alias: 'happy-fox' });
    expect(result.status.healthChecks).toBeUndefined();

    await completeSync(env.client, 'shop', { revision: 'c0ffee1' });
    clock.advance(30_000);
    result = await pass(promotion, clock);
    expect(result.status.phase).toBe('Succeeded');
    expect(result.status.healthChecks).toEqual([
      { uses: 'argocd-update', config: { apps: [{ name: 'shop', namespace: 'argocd', desiredRevisions: ['c0ffee1'] }] } },
    ]);
    expect(result.status.stepExecutionMetadata?.[1]).toMatchObject({
      startedAt: '2026-01-01T10:00:00Z',
      finishedAt: '2026-01-01T10:00:30Z',
      status: 'Succeeded',
    });
  });

  it("gives up on an Application Argo CD never syncs after argocd-update's default five minutes", async () => {
    await env.client.create(engineResources.application, applicationObject('stuck', { authorizedStage: `${PROJECT}:test` }), ARGOCD_NAMESPACE);
    const clock = manualClock();
    const promotion = promotionWith([{ uses: 'argocd-update', config: { apps: [{ name: 'stuck' }] } }]);
    expect((await pass(promotion, clock)).status.phase).toBe('Running');
    clock.advance(5 * 60_000 + 1000);
    const { status } = await pass(promotion, clock);
    expect([status.phase, status.message]).toEqual(['Errored', 'step "step-1" timed out after 5m0s']);
  });

  it("reads shared ConfigMaps from Kargo's shared-resources namespace, and none when it does not exist", async () => {
    const promotion = () => promotionWith([{ uses: 'compose-output', config: { region: "${{ sharedConfigMap('global').region }}" } }]);
    let { status } = await pass(promotion(), manualClock());
    // As in Kargo, a missing ConfigMap reads as an empty map of strings: a missing key is "".
    expect(status.state?.['step-1']).toEqual({ region: '' });
    await env.namespace('kargo-shared-resources');
    await env.client.create(
      engineResources.configMap,
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'global' }, data: { region: 'eu-west' } },
      'kargo-shared-resources',
    );
    ({ status } = await pass(promotion(), manualClock()));
    expect(status.state?.['step-1']).toEqual({ region: 'eu-west' });
  });
});
