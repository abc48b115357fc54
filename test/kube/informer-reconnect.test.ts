// The informer rides out anything short of the caller's deadline: dropped
// watches, 410 Gone followed by a failing re-list, a server restart. It says
// why it is reconnecting, and never leaks abort listeners however often it
// reconnects (no MaxListenersExceededWarning).

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeClient } from '../../src/kube/client.js';
import { inform, type ReconnectInfo } from '../../src/kube/informer.js';
import { resources, type ResourceType } from '../../src/kube/resources.js';
import type { KubeObject } from '../../src/model/kargo.js';
import { systemClock } from '../../src/runtime/clock.js';
import { startServer } from '../../src/server/index.js';
import { startTestCluster, type TestCluster } from '../support/test-cluster.js';
import { recordingClock, testClient } from './support.js';

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
let namespaceCount = 0;

beforeAll(async () => {
  cluster = await startTestCluster({ crds: false });
});

afterAll(async () => {
  await cluster?.close();
});

async function namespace(client: KubeClient): Promise<string> {
  const name = `informer-${++namespaceCount}`;
  await client.create(resources.namespace, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  return name;
}

const configMap = (name: string, ns: string): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ns } });

/** Collects ADDED names until `count` are seen (or `ms` pass). */
async function collectAdded(events: AsyncGenerator<{ type: string; object?: KubeObject }>, count: number, ms = 15_000): Promise<string[]> {
  const seen: string[] = [];
  const deadline = Date.now() + ms;
  for await (const event of events) {
    if (event.type === 'ADDED' && event.object) seen.push(event.object.metadata.name ?? '');
    if (seen.length >= count || Date.now() > deadline) break;
  }
  return seen;
}

describe('informer under faults', () => {
  it('survives 30 dropped watches without missing or repeating a change, and without a listener warning', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error): void => void warnings.push(warning.name);
    process.on('warning', onWarning);
    const controller = new AbortController();
    try {
      const client = await testClient(cluster.kubeconfigPath, { signal: controller.signal });
      const ns = await namespace(client);
      const events = inform<KubeObject>(client, CONFIGMAP, ns, { signal: controller.signal, sleep: systemClock.sleep, retryDelayMs: 10 });
      const writer = (async () => {
        for (let index = 0; index < 30; index++) {
          await client.create(CONFIGMAP, configMap(`cm-${index}`, ns), ns);
          await new Promise((resolve) => setTimeout(resolve, 15));
          cluster.server.faults.dropWatches();
        }
      })();
      const seen = await collectAdded(events, 30);
      await writer;
      expect(seen).toEqual(Array.from({ length: 30 }, (_, index) => `cm-${index}`));
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings).not.toContain('MaxListenersExceededWarning');
    } finally {
      controller.abort();
      process.off('warning', onWarning);
    }
  });

  it('re-lists through a failing list after 410 Gone and says why it is reconnecting', async () => {
    const controller = new AbortController();
    const client = await testClient(cluster.kubeconfigPath, { clock: recordingClock(), signal: controller.signal });
    const ns = await namespace(client);
    const reconnects: ReconnectInfo[] = [];
    let reconnected = 0;
    const events = inform<KubeObject>(client, CONFIGMAP, ns, {
      signal: controller.signal,
      sleep: () => Promise.resolve(),
      onReconnecting: (info) => reconnects.push(info),
      onReconnected: () => (reconnected += 1),
    });
    const first = await events.next();
    expect(first.value?.type).toBe('SYNCED');
    cluster.server.faults.add({ match: { verb: 'watch', namespace: ns }, status: 410, reason: 'Expired', message: 'too old resource version', times: 1 });
    // More failures than one request's retries: the informer itself must keep going.
    const failingList = cluster.server.faults.add({ match: { verb: 'list', namespace: ns }, status: 500, reason: 'InternalError', times: 7 });
    cluster.server.faults.dropWatches();
    await client.create(CONFIGMAP, configMap('after-gone', ns), ns);
    const seen = await collectAdded(events, 1);
    controller.abort();
    expect(seen).toEqual(['after-gone']);
    expect(failingList.hits).toBe(7);
    expect(reconnects.length).toBeGreaterThanOrEqual(1);
    expect(reconnects[0]!.reason).toMatch(/kept failing: HTTP 500 InternalError/);
    expect(reconnected).toBe(1);
  });

  it('rides out a server restart on the same port and state', async () => {
    const stateDir = await mkdtemp(join(tmpdir(), 'kargo-informer-restart-'));
    const controller = new AbortController();
    let server = await startServer({ stateDir, log: () => undefined });
    const port = server.port;
    try {
      const kubeconfig = join(stateDir, 'admin.kubeconfig');
      await writeFile(kubeconfig, server.kubeconfig());
      const client = await testClient(kubeconfig, { clock: recordingClock(), signal: controller.signal });
      const ns = await namespace(client);
      const reconnects: ReconnectInfo[] = [];
      const events = inform<KubeObject>(client, CONFIGMAP, ns, {
        signal: controller.signal,
        sleep: systemClock.sleep,
        retryDelayMs: 20,
        maxRetryDelayMs: 100,
        onReconnecting: (info) => reconnects.push(info),
      });
      expect((await events.next()).value?.type).toBe('SYNCED');
      const added = collectAdded(events, 1);
      await server.close();
      await new Promise((resolve) => setTimeout(resolve, 300));
      server = await startServer({ stateDir, port, log: () => undefined });
      await client.create(CONFIGMAP, configMap('after-restart', ns), ns);
      expect(await added).toEqual(['after-restart']);
      expect(reconnects.some((info) => /cannot reach the Kubernetes API server at https:\/\/127\.0\.0\.1:\d+/.test(info.reason))).toBe(true);
    } finally {
      controller.abort();
      await server.close();
      await rm(stateDir, { recursive: true, force: true });
    }
  });
});
