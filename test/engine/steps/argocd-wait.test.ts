import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { argocdWaitStep } from '../../../src/engine/steps/argocd-wait.js';
import { engineResources } from '../../../src/engine/kube-resources.js';
import { TerminalStepError } from '../../../src/engine/step.js';
import { startEngineCluster, type EngineCluster } from '../support/cluster.js';
import { applicationObject, ARGOCD_NAMESPACE, getApplication } from '../support/argocd.js';
import { expectSameVerdicts } from '../support/schema-corpus.js';
import { runStep, stepContext } from '../support/step-context.js';

let env: EngineCluster;
beforeAll(async () => {
  env = await startEngineCluster();
  await env.namespace(ARGOCD_NAMESPACE);
});
afterAll(() => env?.close());

const context = (sharedState: Record<string, unknown> = {}) => stepContext('/nonexistent', { client: env.client, alias: 'wait', sharedState });

async function appWithHealth(name: string, health: string, sync = 'Synced') {
  await env.client.create(engineResources.application, applicationObject(name, { labels: { tier: 'web' } }), ARGOCD_NAMESPACE);
  await setHealth(name, health, sync);
}

async function setHealth(name: string, health: string, sync: string) {
  const app = await getApplication(env.client, name);
  app.status = { health: { status: health }, sync: { status: sync } };
  await env.client.update(engineResources.application, app, ARGOCD_NAMESPACE);
}

describe('argocd-wait', () => {
  it('is Running until the Application is healthy and synced, then Succeeded, recording health', async () => {
    await appWithHealth('web', 'Progressing', 'OutOfSync');
    let result = await runStep(argocdWaitStep, context(), { apps: [{ name: 'web' }] });
    expect(result).toMatchObject({ status: 'Running', message: 'Argo CD Application "web" in namespace "argocd" has health status "Progressing"' });
    await setHealth('web', 'Healthy', 'Synced');
    result = await runStep(argocdWaitStep, context(), { apps: [{ name: 'web' }] });
    expect(result).toEqual({ status: 'Succeeded', output: { healthStatus: { 'argocd/web': 'Healthy' } } });
  });

  it('waits only for what waitFor names', async () => {
    await appWithHealth('sync-only', 'Degraded', 'Synced');
    expect(await runStep(argocdWaitStep, context(), { apps: [{ name: 'sync-only', waitFor: ['sync'] }] })).toMatchObject({ status: 'Succeeded' });
    expect(await runStep(argocdWaitStep, context(), { apps: [{ name: 'sync-only', waitFor: ['degraded'] }] })).toMatchObject({ status: 'Succeeded' });
  });

  it('fails for good when health regresses to Degraded while waiting', async () => {
    await appWithHealth('regress', 'Degraded');
    const attempt = runStep(argocdWaitStep, context({ wait: { healthStatus: { 'argocd/regress': 'Healthy' } } }), { apps: [{ name: 'regress' }] });
    await expect(attempt).rejects.toThrow('Argo CD Application "regress" in namespace "argocd" health has regressed from Healthy to Degraded');
    await expect(attempt).rejects.toBeInstanceOf(TerminalStepError);
  });

  it('selects by label, and says so when nothing matches', async () => {
    expect((await getApplication(env.client, 'web')).metadata.labels).toEqual({ tier: 'web' });
    expect(await runStep(argocdWaitStep, context(), { apps: [{ selector: { matchLabels: { tier: 'web' } }, waitFor: ['sync'] }] })).toMatchObject({
      status: 'Succeeded',
    });
    await expect(runStep(argocdWaitStep, context(), { apps: [{ selector: { matchLabels: { tier: 'none' } } }] })).rejects.toThrow(
      'no Argo CD Applications found matching selector in namespace "argocd"',
    );
    await expect(runStep(argocdWaitStep, context(), { apps: [{ name: 'ghost' }] })).rejects.toThrow(
      'unable to find Argo CD Application "ghost" in namespace "argocd"',
    );
  });

  it("agrees with Kargo's schema", () => {
    expectSameVerdicts('argocd-wait', argocdWaitStep.validate, [
      { name: 'name', config: { apps: [{ name: 'a' }] }, valid: true },
      { name: 'waitFor', config: { apps: [{ name: 'a', waitFor: ['health', 'sync'] }] }, valid: true },
      { name: 'duplicate waitFor', config: { apps: [{ name: 'a', waitFor: ['health', 'health'] }] }, valid: false },
      { name: 'unknown waitFor', config: { apps: [{ name: 'a', waitFor: ['ready'] }] }, valid: false },
      { name: 'empty waitFor', config: { apps: [{ name: 'a', waitFor: [] }] }, valid: false },
      { name: 'sources not allowed', config: { apps: [{ name: 'a', sources: [] }] }, valid: false },
      { name: 'empty name', config: { apps: [{ name: '' }] }, valid: false },
    ]);
  });
});
