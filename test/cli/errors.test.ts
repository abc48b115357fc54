// Every failure a user can meet prints one clear line (plus a hint) and exits with
// its documented code; no stack trace unless -v.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKubeClient } from '../../src/kube/http-client.js';
import { resources, type ResourceType } from '../../src/kube/resources.js';
import { startTestCluster, type TestCluster } from '../support/test-cluster.js';
import { rewriteKubeconfig } from './support/kubeconfigs.js';
import { captureStream, isolatedHome, runKargo } from './support/run-kargo.js';

const PROJECT = 'shop';
const CRD: ResourceType = {
  group: 'apiextensions.k8s.io',
  version: 'v1',
  kind: 'CustomResourceDefinition',
  plural: 'customresourcedefinitions',
  singular: 'customresourcedefinition',
  namespaced: false,
  shortNames: ['crd'],
  hasStatus: true,
};
let cluster: TestCluster;
let home: Record<string, string>;

beforeAll(async () => {
  cluster = await startTestCluster();
  const admin = await createKubeClient({ kubeconfig: cluster.kubeconfigPath, verbose: false }, { env: {}, stderr: captureStream() });
  await admin.create(resources.namespace, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: PROJECT } });
  await admin.create(resources.project, { apiVersion: 'kargo.akuity.io/v1alpha1', kind: 'Project', metadata: { name: PROJECT } });
  home = isolatedHome();
});

afterAll(async () => {
  await cluster?.close();
});

async function kargo(argv: string[], kubeconfig: string = cluster.kubeconfigPath) {
  return runKargo(argv, { env: { ...home, KUBECONFIG: kubeconfig } });
}

function expectOneFailure(stderr: string): void {
  expect(stderr).toMatch(/^error: /);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe('cluster errors', () => {
  it('unreachable server: exit 10, names the URL and the context', async () => {
    const path = rewriteKubeconfig(cluster.kubeconfigPath, 'down', (config) => {
      config.clusters[0]!.cluster.server = 'https://127.0.0.1:1';
    });
    const result = await kargo(['get', 'stages', '-p', PROJECT], path);
    expect(result.code).toBe(10);
    expectOneFailure(result.stderr);
    expect(result.stderr).toContain('cannot reach the Kubernetes API server at https://127.0.0.1:1 (context "kargo-embedded")');
  });

  it('TLS failure: exit 10, says TLS and points at the kubeconfig CA', async () => {
    const path = rewriteKubeconfig(cluster.kubeconfigPath, 'no-ca', (config) => {
      delete config.clusters[0]!.cluster['certificate-authority-data'];
    });
    const result = await kargo(['get', 'stages', '-p', PROJECT], path);
    expect(result.code).toBe(10);
    expectOneFailure(result.stderr);
    expect(result.stderr).toContain(`TLS failure talking to the Kubernetes API server at ${cluster.server.url}`);
    expect(result.stderr).toContain('certificate-authority-data');
  });

  it('401: exit 4, says the credentials were rejected', async () => {
    const path = rewriteKubeconfig(cluster.kubeconfigPath, 'bad-token', (config) => {
      config.users[0]!.user.token = 'expired';
    });
    const result = await kargo(['get', 'stages', '-p', PROJECT], path);
    expect(result.code).toBe(4);
    expectOneFailure(result.stderr);
    expect(result.stderr).toContain('rejected your credentials (401 Unauthorized)');
  });

  it('403: exit 4, names the verb, resource and namespace', async () => {
    const path = await cluster.kubeconfigFor('mallory');
    const result = await kargo(['get', 'stages', '-p', PROJECT], path);
    expect(result.code).toBe(4);
    expectOneFailure(result.stderr);
    expect(result.stderr).toContain('forbidden: you may not list stages.kargo.akuity.io in namespace "shop"');
  });

  it('Kargo API not served: exit 3, "Kargo is not installed in this cluster"', async () => {
    const uninstalled = await startTestCluster();
    try {
      const admin = await createKubeClient({ kubeconfig: uninstalled.kubeconfigPath, verbose: false }, { env: {}, stderr: captureStream() });
      const crds = await admin.list(CRD, undefined);
      for (const crd of crds.items.filter((item) => item.metadata.name?.endsWith('.kargo.akuity.io'))) await admin.delete(CRD, crd.metadata.name!);
      const result = await kargo(['get', 'stages', '-p', PROJECT], uninstalled.kubeconfigPath);
      expect(result.code).toBe(3);
      expectOneFailure(result.stderr);
      expect(result.stderr).toContain('Kargo is not installed in this cluster');
    } finally {
      await uninstalled.close();
    }
  });

  it('missing project namespace: exit 3, names the project', async () => {
    const result = await kargo(['get', 'warehouses', '-p', 'ghost']);
    expect(result.code).toBe(3);
    expectOneFailure(result.stderr);
    expect(result.stderr).toContain('project "ghost" does not exist');
  });

  it('not found: exit 3, names the object and the project', async () => {
    const result = await kargo(['get', 'stage', 'prod', '-p', PROJECT]);
    expect(result.code).toBe(3);
    expectOneFailure(result.stderr);
    expect(result.stderr).toContain('Stage "prod" not found in project "shop"');
  });

  it('unknown kubeconfig context: exit 2', async () => {
    const result = await kargo(['get', 'projects', '--context', 'elsewhere']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('context "elsewhere" is not in the kubeconfig');
  });

  it('shows the stack trace only with -v', async () => {
    const path = rewriteKubeconfig(cluster.kubeconfigPath, 'down-verbose', (config) => {
      config.clusters[0]!.cluster.server = 'https://127.0.0.1:1';
    });
    const result = await kargo(['get', 'stages', '-p', PROJECT, '-v'], path);
    expect(result.code).toBe(10);
    expect(result.stderr).toMatch(/\n\s+at /);
  });
});

describe('usage errors (exit 2, with a hint)', () => {
  it.each([
    [['frobnicate'], "unknown command 'frobnicate'"],
    [['gte', 'stages'], '(Did you mean get?)'],
    [['get', 'stages', '--bogus'], "unknown option '--bogus'"],
    [['get', 'stages', '-o', 'xml'], "argument 'xml' is invalid"],
    [['get'], "missing required argument 'kind'"],
    [['completion', 'tcsh'], 'unsupported shell "tcsh"'],
  ])('kargo %j', async (argv, message) => {
    const result = await kargo(argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stdout).toBe('');
  });

  it('prints help with examples on stdout with exit 0', async () => {
    const result = await kargo(['get', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Examples:');
    expect(result.stdout).toContain('kargo get freight --stage prod-us');
    const root = await kargo([]);
    expect(root.code).toBe(0);
    expect(root.stdout).toContain('Usage: kargo <command> [flags]');
  });
});
