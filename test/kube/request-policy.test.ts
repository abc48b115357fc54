// The request policy against the embedded server's fault injection: what is
// retried (429 with Retry-After, 5xx and broken connections on reads and
// idempotent writes, refused connections always), what is not (a plain create,
// delete or JSON patch after a 5xx; TLS failures), and the typed error when
// retries run out. The request log shows how many requests each call sent.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { KubeClient } from '../../src/kube/client.js';
import { KubeApiError, KubeConnectionError, KubeUnavailableError } from '../../src/kube/errors.js';
import { resources, type ResourceType } from '../../src/kube/resources.js';
import { startTestCluster, type TestCluster } from '../support/test-cluster.js';
import { kubeconfigVariant, recordingClock, testClient, type RecordingClock } from './support.js';

const NS = 'policy';
const CONFIGMAP: ResourceType = {
  group: '',
  version: 'v1',
  kind: 'ConfigMap',
  plural: 'configmaps',
  singular: 'configmap',
  namespaced: true,
  shortNames: ['cm'],
  hasStatus: false,
};
let cluster: TestCluster;
let clock: RecordingClock;
let client: KubeClient;

function configMap(
  name: string,
  resourceVersion?: string,
): { apiVersion: string; kind: string; metadata: { name: string; namespace: string; resourceVersion?: string }; data: Record<string, string> } {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: NS, ...(resourceVersion ? { resourceVersion } : {}) }, data: { a: '1' } };
}

const sent = (verb: string, resource = 'configmaps'): number =>
  cluster.server.requests.filter((record) => record.verb === verb && record.resource === resource).length;

beforeAll(async () => {
  cluster = await startTestCluster({ crds: false });
  const admin = await testClient(cluster.kubeconfigPath);
  await admin.create(resources.namespace, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
  await admin.create(CONFIGMAP, configMap('base'), NS);
});

afterAll(async () => {
  await cluster?.close();
});

beforeEach(async () => {
  cluster.server.faults.clear();
  cluster.server.clearRequests();
  clock = recordingClock();
  client = await testClient(cluster.kubeconfigPath, { clock });
});

describe('reads', () => {
  it('waits as long as Retry-After says after a 429, then succeeds', async () => {
    cluster.server.faults.add({ match: { verb: 'get', resource: 'configmaps' }, status: 429, reason: 'TooManyRequests', retryAfterSeconds: 3, times: 2 });
    const got = await client.get(CONFIGMAP, 'base', NS);
    expect(got.metadata.name).toBe('base');
    expect(clock.sleeps).toEqual([3000, 3000]);
    expect(sent('get')).toBe(3);
  });

  it('backs off exponentially with jitter after 5xx, then succeeds', async () => {
    cluster.server.faults.add({ match: { verb: 'list', resource: 'configmaps' }, status: 503, reason: 'ServiceUnavailable', times: 3 });
    const listed = await client.list(CONFIGMAP, NS);
    expect(listed.items.map((item) => item.metadata.name)).toContain('base');
    // random() = 0.5: three quarters of 250, 500, 1000 ms.
    expect(clock.sleeps).toEqual([188, 375, 750]);
    expect(sent('list')).toBe(4);
  });

  it('retries a connection the server cut without answering', async () => {
    cluster.server.faults.add({ match: { verb: 'get', resource: 'configmaps' }, reset: true, times: 1 });
    expect((await client.get(CONFIGMAP, 'base', NS)).metadata.name).toBe('base');
    expect(clock.sleeps).toHaveLength(1);
  });

  it('gives up after five attempts with KubeUnavailableError carrying the last cause', async () => {
    cluster.server.faults.add({
      match: { verb: 'get', resource: 'configmaps' },
      status: 500,
      reason: 'InternalError',
      message: 'etcdserver: request timed out',
    });
    const error = await client.get(CONFIGMAP, 'base', NS).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KubeUnavailableError);
    const unavailable = error as KubeUnavailableError;
    expect(unavailable.attempts).toBe(5);
    expect(unavailable.lastCause).toBeInstanceOf(KubeApiError);
    expect(unavailable.message).toMatch(
      /^the Kubernetes API server at https:\/\/127\.0\.0\.1:\d+ \(context "kargo-embedded"\) kept failing: HTTP 500 InternalError: etcdserver: request timed out \(5 attempts over /,
    );
    expect(sent('get')).toBe(5);
  });

  it('does not wait for a Retry-After longer than it may wait', async () => {
    cluster.server.faults.add({ match: { verb: 'get' }, status: 429, reason: 'TooManyRequests', retryAfterSeconds: 600 });
    const error = await client.get(CONFIGMAP, 'base', NS).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KubeUnavailableError);
    expect((error as Error).message).toContain('asked to retry after 600s');
    expect(clock.sleeps).toEqual([]);
    expect(sent('get')).toBe(1);
  });

  it('treats access reviews as reads', async () => {
    cluster.server.faults.add({ match: { resource: 'selfsubjectaccessreviews' }, status: 503, times: 1 });
    expect((await client.canI({ verb: 'get', group: '', resource: 'configmaps', namespace: NS })).allowed).toBe(true);
    expect(sent('create', 'selfsubjectaccessreviews')).toBe(2);
  });

  it('stops retrying when the command is interrupted', async () => {
    const controller = new AbortController();
    const interrupted = await testClient(cluster.kubeconfigPath, { clock, signal: controller.signal });
    cluster.server.faults.add({ match: { verb: 'get' }, status: 503 });
    controller.abort(new Error('interrupted'));
    await expect(interrupted.get(CONFIGMAP, 'base', NS)).rejects.toThrow('interrupted');
    expect(sent('get')).toBe(0);
  });
});

describe('writes', () => {
  it('retries a create turned away with 429 and creates it once', async () => {
    cluster.server.faults.add({ match: { verb: 'create', resource: 'configmaps' }, status: 429, retryAfterSeconds: 1, times: 1 });
    await client.create(CONFIGMAP, configMap('after-429'), NS);
    expect(sent('create')).toBe(2);
    expect(cluster.server.requests.filter((record) => record.verb === 'create' && record.status === 201)).toHaveLength(1);
  });

  it('does not repeat a create after a 503 (it may have been applied)', async () => {
    cluster.server.faults.add({ match: { verb: 'create', resource: 'configmaps' }, status: 503, times: 1 });
    const error = await client.create(CONFIGMAP, configMap('once'), NS).catch((caught: unknown) => caught);
    expect((error as KubeApiError).code).toBe(503);
    expect(sent('create')).toBe(1);
  });

  it('does not repeat a delete after a 500, nor after a cut connection', async () => {
    cluster.server.faults.add({ match: { verb: 'delete', resource: 'configmaps' }, status: 500, times: 1 });
    expect(((await client.delete(CONFIGMAP, 'base', NS).catch((caught: unknown) => caught)) as KubeApiError).code).toBe(500);
    cluster.server.faults.add({ match: { verb: 'delete', resource: 'configmaps' }, reset: true, times: 1 });
    expect(await client.delete(CONFIGMAP, 'base', NS).catch((caught: unknown) => caught)).toBeInstanceOf(KubeConnectionError);
    expect(sent('delete')).toBe(2);
    expect(cluster.server.requests.every((record) => record.status !== 200)).toBe(true);
  });

  it('retries an update guarded by resourceVersion and a merge patch after a 503', async () => {
    const current = await client.get<ReturnType<typeof configMap>>(CONFIGMAP, 'base', NS);
    cluster.server.faults.add({ match: { verb: 'update', resource: 'configmaps' }, status: 503, times: 1 });
    await client.update(CONFIGMAP, { ...current, data: { a: '2' } }, NS);
    cluster.server.faults.add({ match: { verb: 'patch', resource: 'configmaps' }, status: 503, times: 1 });
    await client.patch(CONFIGMAP, 'base', { data: { b: '3' } }, NS);
    expect(sent('update')).toBe(2);
    expect(sent('patch')).toBe(2);
  });

  it('retries a JSON patch only when it tests the resourceVersion', async () => {
    const current = await client.get(CONFIGMAP, 'base', NS);
    cluster.server.faults.add({ match: { verb: 'patch', resource: 'configmaps' }, status: 503, times: 1 });
    const plain = await client
      .patch(CONFIGMAP, 'base', [{ op: 'add', path: '/data/c', value: '4' }], NS, { patchType: 'json' })
      .catch((caught: unknown) => caught);
    expect((plain as KubeApiError).code).toBe(503);
    cluster.server.faults.add({ match: { verb: 'patch', resource: 'configmaps' }, status: 503, times: 1 });
    const guarded = [
      { op: 'test', path: '/metadata/resourceVersion', value: current.metadata.resourceVersion },
      { op: 'add', path: '/data/c', value: '4' },
    ];
    await client.patch(CONFIGMAP, 'base', guarded, NS, { patchType: 'json' });
    expect(sent('patch')).toBe(3);
  });
});

describe('connections', () => {
  it('retries a refused connection, even for a create, then reports the cluster unreachable', async () => {
    const path = kubeconfigVariant(cluster.kubeconfigPath, 'refused', (document) => {
      document.clusters[0]!.cluster.server = 'https://127.0.0.1:1';
    });
    const unreachable = await testClient(path, { clock });
    const error = await unreachable.create(CONFIGMAP, configMap('x'), NS).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KubeUnavailableError);
    expect((error as KubeUnavailableError).lastCause).toBeInstanceOf(KubeConnectionError);
    expect((error as Error).message).toMatch(
      /^cannot reach the Kubernetes API server at https:\/\/127\.0\.0\.1:1 \(context "kargo-embedded"\): connect ECONNREFUSED 127\.0\.0\.1:1 \(5 attempts over /,
    );
    expect(clock.sleeps).toHaveLength(4);
  });

  it('never retries a TLS failure', async () => {
    const path = kubeconfigVariant(cluster.kubeconfigPath, 'untrusted', (document) => {
      delete document.clusters[0]!.cluster['certificate-authority-data'];
    });
    const error = await (await testClient(path, { clock })).get(CONFIGMAP, 'base', NS).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KubeConnectionError);
    expect((error as KubeConnectionError).kind).toBe('tls');
    expect(clock.sleeps).toEqual([]);
  });

  it('reports a per-request timeout as a connection timeout, retried for reads', async () => {
    cluster.server.faults.add({ match: { verb: 'get', resource: 'configmaps' }, latencyMs: 400, times: 1 });
    const impatient = await testClient(cluster.kubeconfigPath, { clock, requestTimeoutMs: 150 });
    expect((await impatient.get(CONFIGMAP, 'base', NS)).metadata.name).toBe('base');
    expect(clock.sleeps).toHaveLength(1);
    cluster.server.faults.add({ match: { verb: 'get', resource: 'configmaps' }, latencyMs: 400 });
    const error = await impatient.get(CONFIGMAP, 'base', NS).catch((caught: unknown) => caught);
    expect(((error as KubeUnavailableError).lastCause as KubeConnectionError).kind).toBe('timeout');
    expect((error as Error).message).toContain('did not answer within 150ms');
  });
});
