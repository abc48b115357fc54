// The sandbox's Argo CD stand-in, against a sandbox started with bin/kargo.js:
// an Application asked to sync (as argocd-update asks) is synced to the
// commit its source names in a local bare repository, with the status Argo CD
// writes, and its workload is served on 127.0.0.1 with the version the
// manifests name — healthy, or failing with a high error rate for a release
// pushed as broken.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeClient } from '../../../src/kube/client.js';
import { resources } from '../../../src/kube/resources.js';
import { APPLICATIONS, type Application } from '../../../src/sandbox/argocd-standin/application.js';
import { sandboxPaths } from '../../../src/sandbox/paths.js';
import { pushImage, registryHost } from '../../../src/sandbox/sandbox-registry.js';
import { git, seedBareRepo, type BareRepo } from '../../engine/support/bare-repo.js';
import { sandboxHome, type Sandbox } from '../../sandbox/support.js';

let sandbox: Sandbox;
let admin: KubeClient;
let repo: BareRepo;
let host: string;

const deployment = (image: string): string =>
  [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: web',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: web',
    `          image: ${image}`,
    '',
  ].join('\n');

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 20_000;
  let last: T = await read();
  while (!done(last)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    last = await read();
  }
  return last;
}

const app = (): Promise<Application> => admin.get<Application>(APPLICATIONS, 'web-dev', 'argocd');

async function requestSync(promotion: string): Promise<void> {
  await admin.patch(
    APPLICATIONS,
    'web-dev',
    {
      operation: {
        initiatedBy: { username: 'kargo-controller', automated: true },
        info: [{ name: 'kargo.akuity.io/promotion', value: promotion }],
        sync: { revisions: [] },
      },
    },
    'argocd',
    { patchType: 'merge' },
  );
}

/** Commits the manifest naming `image` onto main and returns the commit. */
function release(image: string): string {
  const clone = mkdtempSync(join(sandbox.home, 'clone-'));
  git(clone, ['clone', '--quiet', repo.path, '.']);
  writeFileSync(join(clone, 'deployment.yaml'), deployment(image));
  git(clone, ['commit', '--quiet', '-am', `release ${image}`]);
  git(clone, ['push', '--quiet', 'origin', 'HEAD:main']);
  return git(clone, ['rev-parse', 'HEAD']);
}

async function fetchJson(url: string): Promise<Record<string, unknown>> {
  return (await (await fetch(url)).json()) as Record<string, unknown>;
}

beforeAll(async () => {
  sandbox = sandboxHome();
  const started = await sandbox.kargo(['sandbox', 'start']);
  expect(started.code, started.stderr).toBe(0);
  admin = await sandbox.admin();
  const paths = sandboxPaths(sandbox.env, sandbox.stateDir);
  host = registryHost(paths) ?? '';
  await pushImage(paths, 'web', '1.5.0', { broken: false });
  await pushImage(paths, 'web', '1.6.0', { broken: true });
  repo = seedBareRepo(mkdtempSync(join(sandbox.home, 'git-')), { 'deployment.yaml': deployment(`${host}/web:1.5.0`) });
  await admin.create(resources.namespace, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'argocd' } });
  await admin.create<Application>(
    APPLICATIONS,
    {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: 'web-dev', namespace: 'argocd' },
      spec: {
        project: 'default',
        source: { repoURL: repo.url, path: '.', targetRevision: 'main' },
        destination: { server: 'https://kubernetes.default.svc', namespace: 'web' },
      },
    },
    'argocd',
  );
}, 120_000);

afterAll(async () => {
  await sandbox?.close();
});

describe('the Argo CD stand-in', () => {
  it('reports a new Application OutOfSync and Missing, as Argo CD does before a sync', async () => {
    const seen = await eventually(app, (current) => current.status?.sync !== undefined, 'a first status');
    expect(seen.status?.sync?.status).toBe('OutOfSync');
    expect(seen.status?.health?.status).toBe('Missing');
  });

  it('syncs to the revision asked for, writes what Argo CD writes, and serves that version healthy', async () => {
    await requestSync('dev.01first');
    const synced = await eventually(app, (current) => current.status?.operationState?.phase === 'Succeeded' && current.operation === undefined, 'the sync');
    expect(synced.status?.sync).toMatchObject({ status: 'Synced', revision: repo.head });
    expect(synced.status?.health?.status).toBe('Healthy');
    expect(synced.status?.operationState?.syncResult?.revision).toBe(repo.head);
    expect(synced.status?.operationState?.operation?.['info']).toEqual([{ name: 'kargo.akuity.io/promotion', value: 'dev.01first' }]);
    expect(Date.parse(synced.status?.reconciledAt ?? '')).toBeGreaterThanOrEqual(Date.parse(synced.status?.operationState?.finishedAt ?? ''));
    expect(synced.status?.summary?.images).toEqual([`${host}/web:1.5.0`]);

    const url = synced.status?.summary?.externalURLs?.[0] ?? '';
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await fetchJson(`${url}/healthz`)).toEqual({ status: 'ok', version: '1.5.0' });
    const query = (await fetchJson(`${url}/api/v1/query?query=errors`)) as { data: { resultType: string; result: { value: [number, string] }[] } };
    expect(query.data.resultType).toBe('vector');
    expect(Number(query.data.result[0]?.value[1])).toBeLessThan(0.01);
    const recorded = JSON.parse(readFileSync(join(sandbox.stateDir, 'argocd', 'workloads.json'), 'utf8')) as Record<string, { url: string; version: string }>;
    expect(recorded['argocd/web-dev']).toMatchObject({ url, version: '1.5.0' });
  });

  it('serves a release pushed as broken as failing, with a high error rate', async () => {
    const commit = release(`${host}/web:1.6.0`);
    await requestSync('dev.02second');
    const synced = await eventually(app, (current) => current.status?.sync?.revision === commit && current.operation === undefined, 'the second sync');
    const url = synced.status?.summary?.externalURLs?.[0] ?? '';
    expect(await fetchJson(`${url}/healthz`)).toEqual({ status: 'failing', version: '1.6.0' });
    expect((await fetch(`${url}/readyz`)).status).toBe(503);
    const query = (await fetchJson(`${url}/api/v1/query?query=errors`)) as { data: { result: { value: [number, string] }[] } };
    expect(Number(query.data.result[0]?.value[1])).toBeGreaterThan(0.1);
  });

  it('answers a refresh request by reconciling again and removing the request', async () => {
    const before = await app();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await admin.patch(APPLICATIONS, 'web-dev', { metadata: { annotations: { 'argocd.argoproj.io/refresh': 'hard' } } }, 'argocd', { patchType: 'merge' });
    const refreshed = await eventually(app, (current) => current.metadata.annotations?.['argocd.argoproj.io/refresh'] === undefined, 'the refresh');
    expect(Date.parse(refreshed.status?.reconciledAt ?? '')).toBeGreaterThan(Date.parse(before.status?.reconciledAt ?? ''));
  });

  it('keeps the workload on its port across a restart', async () => {
    const url = (await app()).status?.summary?.externalURLs?.[0] ?? '';
    expect((await sandbox.kargo(['sandbox', 'stop'])).code).toBe(0);
    expect((await sandbox.kargo(['sandbox', 'start'])).code).toBe(0);
    const answer = await eventually(
      () => fetchJson(`${url}/healthz`).catch((): Record<string, unknown> => ({})),
      (body) => body['version'] !== undefined,
      'the workload after the restart',
    );
    expect(answer).toEqual({ status: 'failing', version: '1.6.0' });
    expect(execFileSync('git', ['--git-dir', repo.path, 'rev-parse', 'main'], { encoding: 'utf8' }).trim()).toBe(
      (await sandbox.admin().then((client) => client.get<Application>(APPLICATIONS, 'web-dev', 'argocd'))).status?.sync?.revision,
    );
  }, 60_000);
});
