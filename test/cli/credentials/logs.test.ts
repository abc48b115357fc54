// `kargo logs` reads a verification's job logs through `pods/log`. Neither the
// embedded server nor a kube-apiserver without nodes serves pod logs, so a small
// real HTTP server stands in front of the embedded server: it answers the pod
// list and `pods/NAME/log` (streaming with follow=true) itself and forwards
// every other request.

import { writeFile } from 'node:fs/promises';
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeClient } from '../../../src/kube/client.js';
import { createKubeClient } from '../../../src/kube/http-client.js';
import { resources } from '../../../src/kube/resources.js';
import type { AnalysisRun } from '../../../src/model/analysis.js';
import { startTestCluster, type TestCluster } from '../../support/test-cluster.js';
import { captureStream, isolatedHome, runKargo } from '../support/run-kargo.js';

const PROJECT = 'shop';
let cluster: TestCluster;
let admin: KubeClient;
let kubelet: Server;
let env: Record<string, string>;
const logRequests: string[] = [];

/** Pods of Job `verify-1` in namespace shop: two attempts of container `test`. */
const PODS = [
  { name: 'verify-1-b', created: '2026-12-01T10:01:00Z', log: 'attempt 2: all checks passed\n' },
  { name: 'verify-1-a', created: '2026-12-01T10:00:00Z', log: 'attempt 1: connection refused\n' },
];

function answerKubelet(request: IncomingMessage, response: ServerResponse, upstream: string): void {
  const url = new URL(request.url ?? '/', 'http://kubelet');
  const list = /^\/api\/v1\/namespaces\/([^/]+)\/pods$/.exec(url.pathname);
  if (list && request.method === 'GET') {
    const items = url.searchParams.get('labelSelector') === 'job-name=verify-1' && list[1] === PROJECT ? PODS : [];
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify({
        kind: 'PodList',
        apiVersion: 'v1',
        metadata: {},
        items: items.map((pod) => ({ metadata: { name: pod.name, namespace: PROJECT, creationTimestamp: pod.created } })),
      }),
    );
    return;
  }
  const log = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/log$/.exec(url.pathname);
  if (log) {
    logRequests.push(`${log[2]} container=${url.searchParams.get('container')} follow=${url.searchParams.get('follow') ?? 'false'}`);
    const pod = PODS.find((candidate) => candidate.name === log[2]);
    response.writeHead(200, { 'content-type': 'text/plain' });
    if (url.searchParams.get('follow') !== 'true') return void response.end(pod?.log);
    response.write(pod?.log ?? '');
    setTimeout(() => response.end('still running… done\n'), 300);
    return;
  }
  const forward = httpRequest(`${upstream}${request.url ?? ''}`, { method: request.method, headers: request.headers }, (answer) => {
    response.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(response);
  });
  request.pipe(forward);
}

function analysisRun(name: string, metrics: { name: string; containers: string[] }[], withResult = true): AnalysisRun {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AnalysisRun',
    metadata: { name, namespace: PROJECT, labels: { 'kargo.akuity.io/stage': 'dev' } },
    spec: {
      metrics: metrics.map((metric) => ({
        name: metric.name,
        provider: { job: { spec: { template: { spec: { containers: metric.containers.map((container) => ({ name: container, image: 'busybox' })) } } } } },
      })),
    },
    ...(withResult
      ? {
          status: {
            phase: 'Successful',
            metricResults: metrics.map((metric) => ({
              name: metric.name,
              phase: 'Successful',
              measurements: [{ phase: 'Successful', metadata: { 'job-name': 'verify-1', 'job-namespace': PROJECT } }],
            })),
          },
        }
      : {}),
  } as AnalysisRun;
}

beforeAll(async () => {
  cluster = await startTestCluster({ crds: false, server: { tls: false } });
  admin = await createKubeClient({ kubeconfig: cluster.kubeconfigPath, verbose: false }, { env: {}, stderr: captureStream() });
  await admin.create(resources.namespace, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: PROJECT } });
  for (const run of [
    analysisRun('dev.one', [{ name: 'smoke', containers: ['test'] }]),
    analysisRun('dev.two', [
      { name: 'smoke', containers: ['test'] },
      { name: 'load', containers: ['k6', 'sidecar'] },
    ]),
    analysisRun('dev.pending', [{ name: 'smoke', containers: ['test'] }], false),
  ]) {
    // Argo Rollouts' AnalysisRun CRD has no status subresource: the status is written with the object.
    await admin.create(resources.analysisRun, run, PROJECT);
  }
  const upstream = admin.identity.server;
  kubelet = createServer((request, response) => answerKubelet(request, response, upstream));
  await new Promise<void>((resolve) => kubelet.listen(0, '127.0.0.1', resolve));
  const kubeconfig = `${cluster.kubeconfigPath}.kubelet`;
  await writeFile(kubeconfig, cluster.server.kubeconfig().replace(upstream, `http://127.0.0.1:${(kubelet.address() as AddressInfo).port}`), { mode: 0o600 });
  env = { ...isolatedHome(), KUBECONFIG: kubeconfig, KARGO_PROJECT: PROJECT };
});

afterAll(async () => {
  await new Promise<void>((resolve) => kubelet?.close(() => resolve()));
  await cluster?.close();
});

describe('kargo logs', () => {
  it("prints every attempt's log of the one job metric, oldest first", async () => {
    logRequests.length = 0;
    const result = await runKargo(['logs', 'dev.one'], { env });
    expect(result).toMatchObject({ code: 0, stdout: 'attempt 1: connection refused\nattempt 2: all checks passed\n' });
    expect(result.stderr).toContain('==> pod verify-1-a (attempt 1 of 2) <==');
    expect(logRequests).toEqual(['verify-1-a container=test follow=false', 'verify-1-b container=test follow=false']);
  });

  it('follows the last pod with -f until its log ends', async () => {
    logRequests.length = 0;
    const result = await runKargo(['logs', 'dev.two', '--metric', 'smoke', '-f'], { env });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('attempt 1: connection refused\nattempt 2: all checks passed\nstill running… done\n');
    expect(logRequests).toEqual(['verify-1-a container=test follow=false', 'verify-1-b container=test follow=true']);
  });

  it("asks for --metric and --container with Kargo's words", async () => {
    const metric = await runKargo(['logs', 'dev.two'], { env });
    expect(metric.code).toBe(2);
    expect(metric.stderr).toContain('has multiple job metrics; please specify a metric name (--metric: smoke, load)');
    const container = await runKargo(['logs', 'dev.two', '--metric', 'load'], { env });
    expect(container.code).toBe(2);
    expect(container.stderr).toContain('has multiple containers in Jobs for metric "load"');
    const unknown = await runKargo(['logs', 'dev.two', '--metric', 'load', '--container', 'nope'], { env });
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toContain('has no container named "nope" in Jobs for metric "load"');
  });

  it('says when there is nothing to read yet, or no such run', async () => {
    const pending = await runKargo(['logs', 'dev.pending'], { env });
    expect(pending.code).toBe(3);
    expect(pending.stderr).toContain('has no result for metric "smoke"');
    const missing = await runKargo(['logs', 'nope'], { env });
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('AnalysisRun "nope" not found in project "shop"');
  });
});
