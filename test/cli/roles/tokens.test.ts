// API tokens of a Kargo role against the embedded server. The sandbox has no
// token controller, so this test plays it: it fills the token Secret kargo
// created, as Kubernetes would, while `create token` waits for it.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { KubeClient } from '../../../src/kube/client.js';
import { coreResources } from '../../../src/kube/core-resources.js';
import { createKubeClient } from '../../../src/kube/http-client.js';
import { resources } from '../../../src/kube/resources.js';
import type { Secret } from '../../../src/model/core.js';
import { startTestCluster, type TestCluster } from '../../support/test-cluster.js';
import { captureStream, isolatedHome, parseTable, runKargo, type RunResult } from '../support/run-kargo.js';

const PROJECT = 'shop';
const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.the-token-itself';
let cluster: TestCluster;
let admin: KubeClient;
let env: Record<string, string>;

const kargo = (argv: string[]) => runKargo(argv, { env });

/** Kubernetes' token controller, for one Secret: fills in the token once the Secret exists. */
async function fillToken(name: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    try {
      await admin.patch(coreResources.secret, name, { data: { token: Buffer.from(TOKEN).toString('base64') } }, PROJECT);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
}

beforeAll(async () => {
  cluster = await startTestCluster({ crds: false });
  admin = await createKubeClient({ kubeconfig: cluster.kubeconfigPath, verbose: false }, { env: {}, stderr: captureStream() });
  await admin.create(resources.namespace, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: PROJECT } });
  env = { ...isolatedHome(), KUBECONFIG: cluster.kubeconfigPath, KARGO_PROJECT: PROJECT };
  expect((await kargo(['create', 'role', 'ci'])).code).toBe(0);
});

afterAll(async () => {
  await cluster?.close();
});

describe('API tokens', () => {
  it('create token writes the token Secret Kargo writes and prints the token once, on stdout', async () => {
    const [result] = (await Promise.all([kargo(['create', 'token', '--role=ci', 'ci-token']), fillToken('ci-token')])) as [RunResult, void];
    expect(result).toMatchObject({ code: 0, stdout: `${TOKEN}\n` });
    expect(result.stderr).toContain('Save it now: it will not be shown again');
    const secret = await admin.get<Secret>(coreResources.secret, 'ci-token', PROJECT);
    expect(secret.type).toBe('kubernetes.io/service-account-token');
    expect(secret.metadata.labels).toEqual({ 'rbac.kargo.akuity.io/api-token': 'true' });
    expect(secret.metadata.annotations).toEqual({ 'kubernetes.io/service-account.name': 'ci', 'rbac.kargo.akuity.io/managed': 'true' });
    expect(secret.metadata.ownerReferences?.[0]).toMatchObject({ apiVersion: 'v1', kind: 'ServiceAccount', name: 'ci' });
  });

  it('lists and shows tokens with the value redacted', async () => {
    const listed = await kargo(['get', 'tokens', '--role=ci']);
    expect(parseTable(listed.stdout).map((row) => row.slice(0, 3))).toEqual([
      ['NAME', 'ROLE', 'KARGO MANAGED'],
      ['ci-token', 'ci', 'true'],
    ]);
    const yaml = await kargo(['get', 'token', 'ci-token', '-o', 'yaml']);
    expect(yaml.code).toBe(0);
    expect(Buffer.from((parse(yaml.stdout) as Secret).data?.token ?? '', 'base64').toString()).toBe('*** REDACTED ***');
    for (const result of [listed, yaml]) expect(result.stdout + result.stderr).not.toContain('the-token-itself');
  });

  it('says so when no token controller fills the Secret, and refuses to delete other Secrets', async () => {
    const unfilled = await kargo(['create', 'token', '--role=ci', 'never-filled']);
    expect(unfilled.code).toBe(124);
    expect(unfilled.stderr).toContain('was not populated with a token');
    await admin.create(coreResources.secret, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'plain' } }, PROJECT);
    const plain = await kargo(['delete', 'token', 'plain']);
    expect(plain.stderr).toContain('Kubernetes Secret "plain" in namespace "shop" is not a service account token');
    expect(await kargo(['delete', 'token', 'ci-token', 'never-filled'])).toMatchObject({
      code: 0,
      stdout: 'secret/ci-token deleted\nsecret/never-filled deleted\n',
    });
    expect((await kargo(['create', 'token', 'x'])).code).toBe(2);
    expect((await kargo(['create', 'token', '--role=nope', 'x'])).code).toBe(3);
  });
});
