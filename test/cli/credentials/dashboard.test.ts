// `kargo dashboard` against the embedded server: the address from the Ingress
// or the LoadBalancer Service kargo-api, printed, and handed to $BROWSER (a real
// script that records its argument) on request.

import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeClient } from '../../../src/kube/client.js';
import { coreResources } from '../../../src/kube/core-resources.js';
import { createKubeClient } from '../../../src/kube/http-client.js';
import { resources } from '../../../src/kube/resources.js';
import type { Ingress, Service } from '../../../src/model/core.js';
import { startTestCluster, type TestCluster } from '../../support/test-cluster.js';
import { captureStream, isolatedHome, runKargo } from '../support/run-kargo.js';

let cluster: TestCluster;
let admin: KubeClient;
let env: Record<string, string>;

beforeAll(async () => {
  cluster = await startTestCluster({ crds: false });
  admin = await createKubeClient({ kubeconfig: cluster.kubeconfigPath, verbose: false }, { env: {}, stderr: captureStream() });
  await admin.create(resources.namespace, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kargo' } });
  env = { ...isolatedHome(), KUBECONFIG: cluster.kubeconfigPath };
});

afterAll(async () => {
  await cluster?.close();
});

describe('kargo dashboard', () => {
  it('says where Kargo is missing, and what to do', async () => {
    const result = await runKargo(['dashboard'], { env });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('no Service kargo-api in namespace kargo');
  });

  it('suggests a port-forward for a ClusterIP Service, and reads a LoadBalancer address', async () => {
    const service: Service = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'kargo-api', namespace: 'kargo' },
      spec: { type: 'ClusterIP', ports: [{ port: 443, appProtocol: 'https' }] },
    };
    await admin.create(coreResources.service, service, 'kargo');
    const internal = await runKargo(['dashboard'], { env });
    expect(internal.code).toBe(3);
    expect(internal.stderr).toContain('kubectl port-forward -n kargo svc/kargo-api 8443:443');
    await admin.patch(coreResources.service, 'kargo-api', { spec: { type: 'LoadBalancer' } }, 'kargo');
    await admin.patch(coreResources.service, 'kargo-api', { status: { loadBalancer: { ingress: [{ ip: '203.0.113.7' }] } } }, 'kargo', {
      subresource: 'status',
    });
    expect(await runKargo(['dashboard'], { env })).toMatchObject({ code: 0, stdout: 'https://203.0.113.7\n', stderr: '' });
  });

  it('prefers the Ingress host, and opens it with $BROWSER when asked', async () => {
    const ingress: Ingress = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'kargo-api', namespace: 'kargo' },
      spec: { rules: [{ host: 'kargo.example.com', http: { paths: [{ path: '/' }] } }], tls: [{ hosts: ['kargo.example.com'] }] },
    };
    await admin.create(coreResources.ingress, ingress, 'kargo');
    const dir = await mkdtemp(join(tmpdir(), 'kargo-browser-'));
    const browser = join(dir, 'browser.sh');
    await writeFile(browser, `#!/bin/sh\nprintf '%s' "$1" > "${join(dir, 'opened')}"\n`, { mode: 0o755 });
    const result = await runKargo(['dashboard', '--open'], { env: { ...env, BROWSER: browser } });
    expect(result).toMatchObject({ code: 0, stdout: 'https://kargo.example.com\n' });
    expect(result.stderr).toContain('Opening the Kargo Dashboard (from Ingress kargo/kargo-api)');
    await expect.poll(() => readFile(join(dir, 'opened'), 'utf8').catch(() => ''), { timeout: 10_000 }).toBe('https://kargo.example.com');
    const printed = await runKargo(['dashboard', '--no-open'], { env: { ...env, BROWSER: '/nonexistent' }, tty: true });
    expect(printed).toMatchObject({ code: 0, stdout: 'https://kargo.example.com\n', stderr: '' });
  });
});
