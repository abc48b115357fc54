// End-to-end: credentials through the built bin/kargo as a child process, the
// password piped on the real stdin, against the embedded server. No output of
// any command carries the password.

import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreResources } from '../../../src/kube/core-resources.js';
import { createKubeClient } from '../../../src/kube/http-client.js';
import { resources } from '../../../src/kube/resources.js';
import type { Secret } from '../../../src/model/core.js';
import { startTestCluster, type TestCluster } from '../../support/test-cluster.js';
import { captureStream, isolatedHome } from '../support/run-kargo.js';

const BIN = join(fileURLToPath(new URL('../../../', import.meta.url)), 'bin', 'kargo.js');
const PASSWORD = 'e2e-pa55word-must-not-leak';
let cluster: TestCluster;
let env: Record<string, string>;
const outputs: string[] = [];

function kargo(argv: string[], stdin?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...argv], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      outputs.push(stdout, stderr);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(stdin ?? '');
  });
}

beforeAll(async () => {
  cluster = await startTestCluster({ crds: false });
  const admin = await createKubeClient({ kubeconfig: cluster.kubeconfigPath, verbose: false }, { env: {}, stderr: captureStream() });
  await admin.create(resources.namespace, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
  env = { ...isolatedHome(), KUBECONFIG: cluster.kubeconfigPath, KARGO_PROJECT: 'shop' };
});

afterAll(async () => {
  for (const text of outputs) expect(text).not.toContain(PASSWORD);
  await cluster?.close();
});

describe('bin/kargo credentials', () => {
  it('creates with the password from stdin, shows it redacted, deletes', async () => {
    const created = await kargo(
      ['create', 'repo-credentials', 'app', '--git', '--repo-url=https://git.example.com/app.git', '--username=bot'],
      `${PASSWORD}\n`,
    );
    expect(created).toMatchObject({ code: 0, stdout: 'secret/app created\n' });
    const admin = await createKubeClient({ kubeconfig: cluster.kubeconfigPath, verbose: false }, { env: {}, stderr: captureStream() });
    const secret = await admin.get<Secret>(coreResources.secret, 'app', 'shop');
    expect(Buffer.from(secret.data?.password ?? '', 'base64').toString()).toBe(PASSWORD);
    const yaml = await kargo(['get', 'repo-credentials', 'app', '-o', 'yaml']);
    expect(yaml.code).toBe(0);
    expect(yaml.stdout).toContain('password: "*** REDACTED ***"');
    const table = await kargo(['get', 'repo-creds']);
    expect(table.stdout).toMatch(/^NAME\s+TYPE\s+REGEX\s+REPO\s+AGE\napp\s+git\s+https:\/\/git\.example\.com\/app\.git/);
    expect(await kargo(['delete', 'repo-credentials', 'app'])).toMatchObject({ code: 0, stdout: 'secret/app deleted\n' });
  });
});
