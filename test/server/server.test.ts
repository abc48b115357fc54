// Embedded-server behaviour outside the portable protocol suite: persistence,
// the request log, fault injection, bookmarks, history expiry, start-up time.

import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type EmbeddedServer, type ServerOptions } from '../../src/server/index.js';
import { WRITE_VERBS } from '../../src/server/index.js';
import { ApiClient } from '../protocol/api-client.js';

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kargo-server-test-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function serve(
  options: ServerOptions = {},
  register = true,
): Promise<{ server: EmbeddedServer; admin: ApiClient; kubeconfigFor(user: string, groups?: string[]): Promise<ApiClient> }> {
  const server = await startServer(options);
  if (register) cleanups.push(() => server.close());
  const dir = await tempDir();
  const clientFor = async (user: string, groups?: string[]): Promise<ApiClient> => {
    server.addUser(user, groups);
    const path = join(dir, `${user}.kubeconfig`);
    await writeFile(path, server.kubeconfig(user));
    return ApiClient.fromKubeconfig(path);
  };
  return { server, admin: await clientFor('admin'), kubeconfigFor: clientFor };
}

const STAGES = '/apis/kargo.akuity.io/v1alpha1/namespaces/default/stages';
const stage = (name: string, labels: Record<string, string> = {}) => ({
  apiVersion: 'kargo.akuity.io/v1alpha1',
  kind: 'Stage',
  metadata: { name, labels },
  spec: { anything: true },
});

describe('embedded server', () => {
  // Start-up time is measured by bench/server-bench.ts, not asserted here: a busy machine would make it flaky.
  it('listens on 127.0.0.1 over HTTPS', async () => {
    const { server } = await serve();
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  });

  it('serves Kargo kinds without any CRD, accepting any shape', async () => {
    const { admin } = await serve();
    const created = await admin.post<{ spec: Record<string, unknown> }>(STAGES, stage('free'));
    expect(created.status).toBe(201);
    expect(created.body.spec).toEqual({ anything: true });
  });

  it('persists every write under the state dir and reloads it, tokens included', async () => {
    const stateDir = await tempDir();
    const first = await serve({ stateDir }, false);
    const aliceToken = first.server.addUser('alice', ['team']);
    const created = await first.admin.post<{ metadata: { uid: string; resourceVersion: string } }>(STAGES, stage('kept'));
    await first.admin.post(STAGES, stage('dropped'));
    await first.admin.delete(`${STAGES}/dropped`);
    await first.server.close();

    const second = await serve({ stateDir });
    expect(second.server.adminToken).toBe(first.server.adminToken);
    expect(second.server.addUser('alice')).toBe(aliceToken);
    const alice = await second.kubeconfigFor('alice');
    const who = await alice.post<{ status: { userInfo: { groups: string[] } } }>('/apis/authentication.k8s.io/v1/selfsubjectreviews', {
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'SelfSubjectReview',
    });
    expect(who.body.status.userInfo.groups).toEqual(['team', 'system:authenticated']);
    const kept = await second.admin.get<{ metadata: { uid: string; resourceVersion: string } }>(`${STAGES}/kept`);
    expect(kept.status).toBe(200);
    expect(kept.body.metadata.uid).toBe(created.body.metadata.uid);
    expect((await second.admin.get(`${STAGES}/dropped`)).status).toBe(404);
    const next = await second.admin.post<{ metadata: { resourceVersion: string } }>(STAGES, stage('later'));
    expect(Number(next.body.metadata.resourceVersion)).toBeGreaterThan(Number(created.body.metadata.resourceVersion));
    const files = await readdir(join(stateDir, 'objects'), { recursive: true });
    expect(files.some((file) => file.endsWith('.tmp'))).toBe(false);
  });

  it('ignores a half-written temp file left by a crash', async () => {
    const stateDir = await tempDir();
    const first = await serve({ stateDir }, false);
    await first.admin.post(STAGES, stage('whole'));
    await first.server.close();
    const stageDir = join(stateDir, 'objects', encodeURIComponent('stages.kargo.akuity.io'));
    await writeFile(join(stageDir, 'default~torn.json.123.tmp'), '{"apiVersion": "kargo');
    const second = await serve({ stateDir });
    const listed = await second.admin.get<{ items: { metadata: { name: string } }[] }>(STAGES);
    expect(listed.body.items.map((item) => item.metadata.name)).toEqual(['whole']);
  });

  it('logs every request with its user, verb and status, so refusals can be shown to write nothing', async () => {
    const { server, admin, kubeconfigFor } = await serve();
    const bob = await kubeconfigFor('bob');
    server.clearRequests();
    await admin.post(STAGES, stage('logged'));
    await admin.get(`${STAGES}/logged`);
    expect((await bob.delete(`${STAGES}/logged`)).status).toBe(403);
    expect(server.requests.map((record) => [record.user, record.verb, record.resource, record.name, record.status])).toEqual([
      ['admin', 'create', 'stages', '', 201],
      ['admin', 'get', 'stages', 'logged', 200],
      ['bob', 'delete', 'stages', 'logged', 403],
    ]);
    const successfulWrites = server.requests.filter((record) => WRITE_VERBS.has(record.verb) && record.status < 400);
    expect(successfulWrites).toHaveLength(1);
    expect((await admin.get(`${STAGES}/logged`)).status).toBe(200);
  });

  it('injects latency and error answers on matching requests only, a limited number of times', async () => {
    const { server, admin } = await serve();
    const failing = server.faults.add({
      match: { verb: 'create', resource: 'stages' },
      status: 503,
      reason: 'ServiceUnavailable',
      message: 'try later',
      times: 1,
    });
    const refused = await admin.post(STAGES, stage('flaky'));
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({ kind: 'Status', code: 503, reason: 'ServiceUnavailable', message: 'try later' });
    expect((await admin.get(`${STAGES}/flaky`)).status).toBe(404);
    expect((await admin.post(STAGES, stage('flaky'))).status).toBe(201);
    expect(failing.hits).toBe(1);

    const slow = server.faults.add({ match: { verb: 'get', name: 'flaky' }, latencyMs: 800 });
    const started = Date.now();
    await admin.get(`${STAGES}/flaky`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(790);
    expect(slow.hits).toBe(1);
    slow.remove();
    server.faults.clear();
    const quick = Date.now();
    await admin.get(`${STAGES}/flaky`);
    expect(Date.now() - quick).toBeLessThan(700);
  });

  it('drops open watch streams on demand', async () => {
    const { server, admin } = await serve();
    const stream = await admin.watch(`${STAGES}?watch=true`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.faults.dropWatches()).toBe(1);
    await stream.ended;
    expect(await stream.next()).toBeUndefined();
  });

  it('sends bookmarks when asked', async () => {
    const { admin } = await serve({ bookmarkIntervalMs: 100 });
    const listed = await admin.get<{ metadata: { resourceVersion: string } }>(STAGES);
    const stream = await admin.watch(`${STAGES}?watch=true&allowWatchBookmarks=true&resourceVersion=${listed.body.metadata.resourceVersion}`);
    try {
      const event = await stream.next(2000);
      expect(event?.type).toBe('BOOKMARK');
      expect(event?.object).toMatchObject({
        kind: 'Stage',
        apiVersion: 'kargo.akuity.io/v1alpha1',
        metadata: { resourceVersion: expect.stringMatching(/^\d+$/) },
      });
    } finally {
      stream.close();
    }
  });

  it('expires resourceVersions that fell out of the watch history', async () => {
    const { admin } = await serve({ watchHistorySize: 3 });
    const first = await admin.post<{ metadata: { resourceVersion: string } }>(STAGES, stage('h0'));
    for (let index = 1; index <= 5; index += 1) await admin.post(STAGES, stage(`h${index}`));
    const stream = await admin.watch(`${STAGES}?watch=true&resourceVersion=${first.body.metadata.resourceVersion}`);
    const event = await stream.next();
    expect(event).toMatchObject({ type: 'ERROR', object: { code: 410, reason: 'Expired' } });
  });

  it('rejects an oversized body with 413 and keeps serving', async () => {
    const { admin } = await serve({ maxBodyBytes: 1024 });
    const response = await admin.request('POST', STAGES, {
      rawBody: JSON.stringify(stage('big', { note: 'x'.repeat(50) })).padEnd(4096, ' '),
      contentType: 'application/json',
    });
    expect(response.status).toBe(413);
    expect((await admin.get(STAGES)).status).toBe(200);
  });

  it('rejects an invalid continue token with 400', async () => {
    const { admin } = await serve();
    const response = await admin.get(`${STAGES}?limit=1&continue=garbage`);
    expect(response.status).toBe(400);
  });

  it('deletes the contents of a deleted namespace, waiting for finalizers', async () => {
    const { admin } = await serve();
    await admin.post('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'doomed' } });
    const path = '/apis/kargo.akuity.io/v1alpha1/namespaces/doomed/stages';
    await admin.post(path, stage('plain'));
    await admin.post(path, { ...stage('held'), metadata: { name: 'held', finalizers: ['example.com/hold'] } });
    await admin.delete('/api/v1/namespaces/doomed');
    const terminating = await admin.get<{ status: { phase: string } }>('/api/v1/namespaces/doomed');
    expect(terminating.body.status.phase).toBe('Terminating');
    expect((await admin.get(`${path}/plain`)).status).toBe(404);
    expect((await admin.post(path, stage('new'))).status).toBe(403);
    await admin.patch(`${path}/held`, { metadata: { finalizers: null } }, 'application/merge-patch+json');
    expect((await admin.get('/api/v1/namespaces/doomed')).status).toBe(404);
  });

  it('serves a kind once its CRD is created, and stops when it is deleted', async () => {
    const { admin } = await serve();
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'gizmos.example.com' },
      spec: {
        group: 'example.com',
        scope: 'Cluster',
        names: { kind: 'Gizmo', plural: 'gizmos' },
        versions: [
          {
            name: 'v1',
            served: true,
            storage: true,
            schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { n: { type: 'integer' } } } } } },
          },
        ],
      },
    };
    expect((await admin.post('/apis/apiextensions.k8s.io/v1/customresourcedefinitions', crd)).status).toBe(201);
    const stored = await admin.get<{ status: { conditions: { type: string; status: string }[] } }>(
      '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/gizmos.example.com',
    );
    expect(stored.body.status.conditions).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'Established', status: 'True' })]));
    const gizmo = { apiVersion: 'example.com/v1', kind: 'Gizmo', metadata: { name: 'g' }, spec: { n: 'x' } };
    expect((await admin.post('/apis/example.com/v1/gizmos', gizmo)).status).toBe(422);
    expect((await admin.post('/apis/example.com/v1/gizmos', { ...gizmo, spec: { n: 1 } })).status).toBe(201);
    expect((await admin.delete('/apis/apiextensions.k8s.io/v1/customresourcedefinitions/gizmos.example.com')).status).toBe(200);
    expect((await admin.get('/apis/example.com/v1/gizmos')).status).toBe(404);
    expect((await admin.post('/apis/apiextensions.k8s.io/v1/customresourcedefinitions', crd)).status).toBe(201);
    const relisted = await admin.get<{ items: unknown[] }>('/apis/example.com/v1/gizmos');
    expect(relisted.body.items).toEqual([]);
  });
});
