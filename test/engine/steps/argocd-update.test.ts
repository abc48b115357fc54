import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { argocdUpdateStep } from '../../../src/engine/steps/argocd-update.js';
import { engineResources } from '../../../src/engine/kube-resources.js';
import { startEngineCluster, type EngineCluster } from '../support/cluster.js';
import { applicationObject, ARGOCD_NAMESPACE, completeSync, getApplication } from '../support/argocd.js';
import { expectSameVerdicts } from '../support/schema-corpus.js';
import { runStep, stepContext } from '../support/step-context.js';

let env: EngineCluster;
const REPO = 'https://git.example.com/app.git';

beforeAll(async () => {
  env = await startEngineCluster();
  await env.namespace(ARGOCD_NAMESPACE);
});
afterAll(() => env?.close());

const context = (promotion = 'test.01abc.f1') =>
  stepContext('/nonexistent', { client: env.client, project: 'demo', stage: 'test', promotion, promotionActor: 'kubernetes:alice' });

async function createApp(name: string, options: Parameters<typeof applicationObject>[1] = { authorizedStage: 'demo:test' }) {
  await env.client.create(engineResources.application, applicationObject(name, options), ARGOCD_NAMESPACE);
}

const updateConfig = (name: string, revision = 'c0ffee1') => ({
  apps: [
    {
      name,
      sources: [
        { repoURL: REPO, desiredRevision: revision, updateTargetRevision: true, kustomize: { images: [{ repoURL: 'ghcr.io/example/app', tag: '1.2.3' }] } },
      ],
    },
  ],
});

describe('argocd-update', () => {
  it('patches the sources, requests a sync, and reports Running until Argo CD synced it Healthy at the revision', async () => {
    await createApp('guestbook');
    let result = await runStep(argocdUpdateStep, context(), updateConfig('guestbook'));
    expect(result).toMatchObject({ status: 'Running' });
    const app = await getApplication(env.client, 'guestbook');
    expect(app.spec.source).toMatchObject({ repoURL: REPO, targetRevision: 'c0ffee1', kustomize: { images: ['ghcr.io/example/app:1.2.3'] } });
    expect(app.metadata.annotations?.['argocd.argoproj.io/refresh']).toBe('hard');
    expect(app.operation).toMatchObject({
      initiatedBy: { username: 'kubernetes:alice', automated: false },
      info: [{ name: 'Reason' }, { name: 'kargo.akuity.io/promotion', value: 'test.01abc.f1' }],
      sync: { revisions: [] },
    });

    // Argo CD has not acted yet: still Running.
    expect(await runStep(argocdUpdateStep, context(), updateConfig('guestbook'))).toMatchObject({ status: 'Running' });

    await completeSync(env.client, 'guestbook', { revision: 'c0ffee1', health: 'Progressing' });
    result = await runStep(argocdUpdateStep, context(), updateConfig('guestbook'));
    expect(result).toMatchObject({ status: 'Running', message: 'Argo CD Application "guestbook" in namespace "argocd" is progressing' });

    await completeSync(env.client, 'guestbook', { revision: 'c0ffee1', health: 'Healthy' });
    result = await runStep(argocdUpdateStep, context(), updateConfig('guestbook'));
    expect(result).toEqual({
      status: 'Succeeded',
      healthCheck: { uses: 'argocd-update', config: { apps: [{ name: 'guestbook', namespace: 'argocd', desiredRevisions: ['c0ffee1'] }] } },
    });
  });

  it('syncs again when Argo CD synced a different revision', async () => {
    await createApp('drift');
    await runStep(argocdUpdateStep, context(), updateConfig('drift'));
    await completeSync(env.client, 'drift', { revision: 'badbadb' });
    expect(await runStep(argocdUpdateStep, context(), updateConfig('drift'))).toMatchObject({ status: 'Running' });
    expect((await getApplication(env.client, 'drift')).operation?.info?.[1]?.value).toBe('test.01abc.f1');
  });

  it("reports a failed sync with Argo CD's message", async () => {
    await createApp('broken');
    await runStep(argocdUpdateStep, context(), updateConfig('broken'));
    await completeSync(env.client, 'broken', { revision: 'c0ffee1', phase: 'Failed', message: 'one or more objects failed to apply' });
    await expect(runStep(argocdUpdateStep, context(), updateConfig('broken'))).rejects.toThrow(
      'Argo CD Application "broken" in namespace "argocd" failed with: one or more objects failed to apply',
    );
  });

  it('waits for an operation someone else started', async () => {
    await createApp('busy');
    const app = await getApplication(env.client, 'busy');
    app.status = { operationState: { phase: 'Running', operation: { initiatedBy: { username: 'admin' } }, startedAt: '2026-01-01T00:00:00Z' } };
    await env.client.update(engineResources.application, app, ARGOCD_NAMESPACE);
    await expect(runStep(argocdUpdateStep, context(), updateConfig('busy'))).resolves.toMatchObject({ status: 'Running' });
    expect((await getApplication(env.client, 'busy')).operation).toBeUndefined();
  });

  it('refuses an Application that does not authorize the Stage, and changes nothing', async () => {
    await createApp('foreign', { authorizedStage: 'other:prod' });
    await createApp('unannotated', {});
    await expect(runStep(argocdUpdateStep, context(), updateConfig('foreign'))).rejects.toThrow(
      'Argo CD Application "foreign" in namespace "argocd" is not authorized: Argo CD Application "foreign" in namespace "argocd" does not permit mutation by Kargo Stage test in namespace demo',
    );
    await expect(runStep(argocdUpdateStep, context(), updateConfig('unannotated'))).rejects.toThrow(/is not authorized/);
    for (const name of ['foreign', 'unannotated']) {
      const app = await getApplication(env.client, name);
      expect(app.operation).toBeUndefined();
      expect(app.spec.source?.targetRevision).toBe('main');
    }
  });

  it('by selector: only authorized Applications, and a clear error when none are', async () => {
    await createApp('sel-a', { authorizedStage: 'demo:test, demo:prod', labels: { team: 'x' } });
    await createApp('sel-b', { authorizedStage: 'demo:prod', labels: { team: 'x' } });
    const result = await runStep(argocdUpdateStep, context(), { apps: [{ selector: { matchLabels: { team: 'x' } } }] });
    expect(result).toMatchObject({ status: 'Running' });
    expect((await getApplication(env.client, 'sel-a')).operation).toBeDefined();
    expect((await getApplication(env.client, 'sel-b')).operation).toBeUndefined();
    await expect(
      runStep(argocdUpdateStep, context(), { apps: [{ selector: { matchExpressions: [{ key: 'team', operator: 'In', values: ['nobody'] }] } }] }),
    ).rejects.toThrow('no Argo CD Applications found matching selector in namespace "argocd"');
  });

  it('names a source update that matches no source', async () => {
    await createApp('mismatch');
    await expect(
      runStep(argocdUpdateStep, context(), { apps: [{ name: 'mismatch', sources: [{ repoURL: 'https://elsewhere/x.git', desiredRevision: 'a' }] }] }),
    ).rejects.toThrow(
      'error building desired sources for Argo CD Application "mismatch" in namespace "argocd": no source of Argo CD Application "mismatch" in namespace "argocd" matched update for source with repoURL https://elsewhere/x.git',
    );
  });

  it('names a missing Application', async () => {
    await expect(runStep(argocdUpdateStep, context(), { apps: [{ name: 'ghost' }] })).rejects.toThrow(
      'unable to find Argo CD Application "ghost" in namespace "argocd"',
    );
  });

  it("agrees with Kargo's schema", () => {
    expectSameVerdicts('argocd-update', argocdUpdateStep.validate, [
      { name: 'by name', config: { apps: [{ name: 'a' }] }, valid: true },
      { name: 'by selector', config: { apps: [{ selector: { matchLabels: { a: 'b' } } }] }, valid: true },
      { name: 'expressions', config: { apps: [{ selector: { matchExpressions: [{ key: 'a', operator: 'Exists' }] }, namespace: 'argo' }] }, valid: true },
      { name: 'full source', config: updateConfig('a'), valid: true },
      {
        name: 'helm',
        config: { apps: [{ name: 'a', sources: [{ repoURL: 'r', chart: 'c', helm: { images: [{ key: 'image.tag', value: '1' }] } }] }] },
        valid: true,
      },
      {
        name: 'image without tag or digest',
        config: { apps: [{ name: 'a', sources: [{ repoURL: 'r', kustomize: { images: [{ repoURL: 'i' }] } }] }] },
        valid: true,
      },
      {
        name: 'image with both',
        config: { apps: [{ name: 'a', sources: [{ repoURL: 'r', kustomize: { images: [{ repoURL: 'i', tag: 't', digest: 'd' }] } }] }] },
        valid: false,
      },
      { name: 'no apps', config: { apps: [] }, valid: false },
      { name: 'missing apps', config: {}, valid: false },
      { name: 'neither name nor selector', config: { apps: [{}] }, valid: false },
      { name: 'both name and selector', config: { apps: [{ name: 'a', selector: { matchLabels: { a: 'b' } } }] }, valid: false },
      { name: 'empty selector', config: { apps: [{ selector: {} }] }, valid: false },
      { name: 'empty matchLabels', config: { apps: [{ selector: { matchLabels: {} } }] }, valid: false },
      { name: 'bad operator', config: { apps: [{ selector: { matchExpressions: [{ key: 'a', operator: 'Gt' }] } }] }, valid: false },
      {
        name: 'updateTargetRevision without revision',
        config: { apps: [{ name: 'a', sources: [{ repoURL: 'r', updateTargetRevision: true }] }] },
        valid: false,
      },
      { name: 'source without repoURL', config: { apps: [{ name: 'a', sources: [{ desiredRevision: 'x' }] }] }, valid: false },
      { name: 'helm without images', config: { apps: [{ name: 'a', sources: [{ repoURL: 'r', helm: {} }] }] }, valid: false },
    ]);
    expect(argocdUpdateStep.validate({ apps: [{}] })).toEqual(['apps.0: Must validate one and only one schema (oneOf)', 'apps.0: name is required']);
    expect(argocdUpdateStep.validate({ apps: [{ selector: {} }] })).toEqual([
      'apps.0.selector: Must validate at least one schema (anyOf)',
      'apps.0.selector: matchLabels is required',
    ]);
  });
});
