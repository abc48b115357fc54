// The HTTP kube client against the embedded API server: paging, errors, watch
// streaming, the informer's resume/relist, -v logging and connection failures.

import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeClient } from '../../src/kube/client.js';
import { KubeApiError, KubeConfigError, KubeConnectionError, KubeUnavailableError } from '../../src/kube/errors.js';
import { createKubeClient } from '../../src/kube/http-client.js';
import { inform, nameSelector, type InformerEvent } from '../../src/kube/informer.js';
import { resources } from '../../src/kube/resources.js';
import type { Warehouse } from '../../src/model/kargo.js';
import { startTestCluster, type TestCluster } from '../support/test-cluster.js';
import { rewriteKubeconfig } from './support/kubeconfigs.js';
import { captureStream, isolatedHome } from './support/run-kargo.js';

const PROJECT = 'paging';
let cluster: TestCluster;
let admin: KubeClient;

function warehouse(name: string): Warehouse {
  return {
    apiVersion: 'kargo.akuity.io/v1alpha1',
    kind: 'Warehouse',
    metadata: { name, namespace: PROJECT },
    spec: { subscriptions: [{ image: { repoURL: `ghcr.io/example/${name}` } }] },
  };
}

async function client(kubeconfig: string, verbose = false, stderr = captureStream()): Promise<KubeClient> {
  return createKubeClient({ kubeconfig, verbose }, { env: isolatedHome(), stderr, requestTimeoutMs: 3000 });
}

beforeAll(async () => {
  cluster = await startTestCluster();
  admin = await client(cluster.kubeconfigPath);
  await admin.create(resources.namespace, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: PROJECT } });
  for (let index = 0; index < 7; index++) await admin.create(resources.warehouse, warehouse(`w${index}`), PROJECT);
});

afterAll(async () => {
  await cluster?.close();
});

describe('requests', () => {
  it('follows continue tokens: 7 objects in pages of 3 take 3 LIST requests', async () => {
    cluster.server.clearRequests();
    const listed = await admin.list<Warehouse>(resources.warehouse, PROJECT, { limit: 3 });
    expect(listed.items.map((item) => item.metadata.name)).toEqual(['w0', 'w1', 'w2', 'w3', 'w4', 'w5', 'w6']);
    expect(listed.items[0]?.kind).toBe('Warehouse');
    expect(listed.resourceVersion).not.toBe('');
    const lists = cluster.server.requests.filter((request) => request.verb === 'list');
    expect(lists).toHaveLength(3);
  });

  it('gets one object and maps a missing one to a 404 KubeApiError with the Status', async () => {
    const found = await admin.get<Warehouse>(resources.warehouse, 'w1', PROJECT);
    expect(found.metadata.name).toBe('w1');
    const error = await admin.get(resources.warehouse, 'nope', PROJECT).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KubeApiError);
    expect((error as KubeApiError).code).toBe(404);
    expect((error as KubeApiError).reason).toBe('NotFound');
    expect((error as KubeApiError).url).toContain('/apis/kargo.akuity.io/v1alpha1/namespaces/paging/warehouses/nope');
  });

  it('patches with merge patch and reports the served groups and version', async () => {
    const patched = await admin.patch<Warehouse>(resources.warehouse, 'w2', { metadata: { labels: { team: 'web' } } }, PROJECT);
    expect(patched.metadata.labels).toEqual({ team: 'web' });
    const selected = await admin.list(resources.warehouse, PROJECT, { labelSelector: 'team=web' });
    expect(selected.items.map((item) => item.metadata.name)).toEqual(['w2']);
    expect(await admin.isServed('kargo.akuity.io', 'v1alpha1')).toBe(true);
    expect(await admin.isServed('example.com', 'v1')).toBe(false);
    expect(await admin.serverVersion()).toMatch(/^v\d+\.\d+/);
  });

  it('logs each request with -v (method, URL, status, time) and never the token', async () => {
    const stderr = captureStream();
    const verbose = await client(cluster.kubeconfigPath, true, stderr);
    await verbose.get(resources.warehouse, 'w0', PROJECT);
    expect(stderr.text).toMatch(/^GET https:\/\/127\.0\.0\.1:\d+\/apis\/kargo\.akuity\.io\/v1alpha1\/namespaces\/paging\/warehouses\/w0 200 in \d+ms\n$/);
    expect(stderr.text).not.toContain(cluster.server.adminToken);
  });
});

describe('watch and informer', () => {
  it('streams watch events as they happen', async () => {
    const controller = new AbortController();
    const listed = await admin.list(resources.warehouse, PROJECT);
    const events: string[] = [];
    const done = (async () => {
      for await (const event of admin.watch<Warehouse>(resources.warehouse, PROJECT, { resourceVersion: listed.resourceVersion, signal: controller.signal })) {
        events.push(`${event.type} ${event.object.metadata.name}`);
        if (events.length === 2) controller.abort();
      }
    })();
    await admin.create(resources.warehouse, warehouse('streamed'), PROJECT);
    await admin.delete(resources.warehouse, 'streamed', PROJECT);
    await done;
    expect(events).toEqual(['ADDED streamed', 'DELETED streamed']);
  });

  it('resumes after the server drops the stream, without missing or repeating changes', async () => {
    const controller = new AbortController();
    const seen: InformerEvent<Warehouse>[] = [];
    let synced!: () => void;
    const firstSync = new Promise<void>((resolve) => (synced = resolve));
    const done = (async () => {
      for await (const event of inform<Warehouse>(admin, resources.warehouse, PROJECT, {
        fieldSelector: nameSelector('w3'),
        signal: controller.signal,
        retryDelayMs: 10,
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      })) {
        seen.push(event);
        if (event.type === 'SYNCED') synced();
        if (event.type === 'MODIFIED' && event.object?.metadata.labels?.step === '2') controller.abort();
      }
    })();
    await firstSync;
    await admin.patch(resources.warehouse, 'w3', { metadata: { labels: { step: '1' } } }, PROJECT);
    await waitFor(() => seen.some((event) => event.object?.metadata.labels?.step === '1'));
    expect(cluster.server.faults.dropWatches()).toBeGreaterThan(0);
    await admin.patch(resources.warehouse, 'w3', { metadata: { labels: { step: '2' } } }, PROJECT);
    await done;
    expect(seen.map((event) => `${event.type} ${event.object?.metadata.labels?.step ?? '-'}`)).toEqual(['ADDED -', 'SYNCED -', 'MODIFIED 1', 'MODIFIED 2']);
    expect(seen.at(-1)?.cache.size).toBe(1);
  });

  it('relists after 410 Gone and replays only what changed', async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    const fault = cluster.server.faults.add({
      match: { verb: 'watch', resource: 'warehouses' },
      status: 410,
      reason: 'Expired',
      message: 'too old resource version',
      times: 1,
    });
    const done = (async () => {
      for await (const event of inform<Warehouse>(admin, resources.warehouse, PROJECT, {
        labelSelector: 'team=web',
        signal: controller.signal,
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      })) {
        seen.push(`${event.type} ${event.object?.metadata.name ?? ''}`.trim());
        if (seen.filter((entry) => entry === 'SYNCED').length === 2) controller.abort();
      }
    })();
    await done;
    expect(fault.hits).toBe(1);
    // The first list's object is not replayed after the relist: nothing changed.
    expect(seen).toEqual(['ADDED w2', 'SYNCED', 'SYNCED']);
  });
});

describe('connection and credential failures', () => {
  it('names the server URL and context when nothing listens there', async () => {
    const path = rewriteKubeconfig(cluster.kubeconfigPath, 'unreachable', (config) => {
      config.clusters[0]!.cluster.server = 'https://127.0.0.1:1';
    });
    const error = await (await client(path)).list(resources.stage, 'x').catch((caught: unknown) => caught);
    // Refused connections are retried (src/kube/request-policy.ts); the last cause is kept.
    expect(error).toBeInstanceOf(KubeUnavailableError);
    expect((error as KubeUnavailableError).lastCause).toBeInstanceOf(KubeConnectionError);
    expect(((error as KubeUnavailableError).lastCause as KubeConnectionError).kind).toBe('unreachable');
    expect((error as Error).message).toContain('https://127.0.0.1:1');
    expect((error as Error).message).toContain('context "kargo-embedded"');
  });

  it('reports a TLS failure when the CA is not trusted', async () => {
    const path = rewriteKubeconfig(cluster.kubeconfigPath, 'untrusted', (config) => {
      delete config.clusters[0]!.cluster['certificate-authority-data'];
    });
    const error = await (await client(path)).list(resources.stage, 'x').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KubeConnectionError);
    expect((error as KubeConnectionError).kind).toBe('tls');
  });

  it('surfaces 401 for a bad token', async () => {
    const path = rewriteKubeconfig(cluster.kubeconfigPath, 'badtoken', (config) => {
      config.users[0]!.user.token = 'not-a-token';
    });
    const error = await (await client(path)).list(resources.stage, 'x').catch((caught: unknown) => caught);
    expect((error as KubeApiError).code).toBe(401);
  });

  it('authenticates through an exec credential plugin', async () => {
    const plugin = join(dirname(cluster.kubeconfigPath), 'credential-plugin.mjs');
    const credential = { apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token: cluster.server.adminToken } };
    writeFileSync(plugin, `process.stdout.write(${JSON.stringify(JSON.stringify(credential))});\n`);
    const path = rewriteKubeconfig(cluster.kubeconfigPath, 'exec-plugin', (config) => {
      config.users[0]!.user = { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: process.execPath, args: [plugin], interactiveMode: 'Never' } };
    });
    const listed = await (await client(path)).list(resources.warehouse, PROJECT);
    expect(listed.items.length).toBeGreaterThan(0);
  });

  it('talks plain HTTP to an http:// server, as kubectl does', async () => {
    const plain = await startTestCluster({ crds: false, server: { tls: false } });
    try {
      const kube = await client(plain.kubeconfigPath);
      expect(kube.identity.server).toMatch(/^http:\/\//);
      expect(await kube.serverVersion()).toMatch(/^v\d+/);
    } finally {
      await plain.close();
    }
  });

  it('reports a failing exec plugin as a kubeconfig problem', async () => {
    const path = rewriteKubeconfig(cluster.kubeconfigPath, 'exec-broken', (config) => {
      config.users[0]!.user = {
        exec: { apiVersion: 'client.authentication.k8s.io/v1', command: process.execPath, args: ['-e', 'process.exit(3)'], interactiveMode: 'Never' },
      };
    });
    const error = await (await client(path)).list(resources.stage, 'x').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KubeConfigError);
    expect((error as Error).message).toContain('cannot get credentials for context "kargo-embedded"');
  });

  it('rejects an unknown context and a missing kubeconfig file', async () => {
    await expect(
      createKubeClient({ kubeconfig: cluster.kubeconfigPath, context: 'nope', verbose: false }, { env: {}, stderr: captureStream() }),
    ).rejects.toThrow(/context "nope" is not in the kubeconfig \(known contexts: kargo-embedded\)/);
    await expect(createKubeClient({ kubeconfig: '/nonexistent/config', verbose: false }, { env: {}, stderr: captureStream() })).rejects.toBeInstanceOf(
      KubeConfigError,
    );
  });

  it('reads KUBECONFIG (several files, first wins) when --kubeconfig is absent', async () => {
    const extra = rewriteKubeconfig(cluster.kubeconfigPath, 'second', (config) => {
      config.contexts[0]!.name = 'second';
      config['current-context'] = 'second';
    });
    const kube = await createKubeClient({ verbose: false }, { env: { KUBECONFIG: `${cluster.kubeconfigPath}:${extra}` }, stderr: captureStream() });
    expect(kube.identity.contextName).toBe('kargo-embedded');
    const chosen = await createKubeClient(
      { context: 'second', verbose: false },
      { env: { KUBECONFIG: `${cluster.kubeconfigPath}:${extra}` }, stderr: captureStream() },
    );
    expect(chosen.identity.contextName).toBe('second');
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
