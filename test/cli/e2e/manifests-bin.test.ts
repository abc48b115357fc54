// End-to-end: the built bin/kargo as a child process applying manifests piped on
// stdin (`-f -`), from a directory, and deleting them again, against the embedded
// server, as a CI job would run it.

import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from '../../support/test-cluster.js';
import { EXAMPLES_DIR } from '../support/examples.js';
import { isolatedHome } from '../support/run-kargo.js';

const BIN = join(fileURLToPath(new URL('../../../', import.meta.url)), 'bin', 'kargo.js');
let cluster: TestCluster;
let env: Record<string, string>;

function kargo(argv: string[], stdin?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(BIN, argv, { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

beforeAll(async () => {
  cluster = await startTestCluster();
  env = { ...isolatedHome(), KUBECONFIG: cluster.kubeconfigPath };
});

afterAll(async () => {
  await cluster?.close();
});

describe('bin/kargo apply | create | delete', () => {
  it('creates a project, applies manifests from stdin and a directory, and deletes them', { timeout: 60_000 }, async () => {
    const project = await kargo(['create', 'project', 'piped']);
    expect(project.stdout).toBe('project.kargo.akuity.io/piped created\n');
    expect(project.code).toBe(0);

    const warehouse = `apiVersion: kargo.akuity.io/v1alpha1
kind: Warehouse
metadata:
  name: images
spec:
  subscriptions:
    - image:
        repoURL: ghcr.io/example/images
`;
    const piped = await kargo(['apply', '-p', 'piped', '-f', '-'], warehouse);
    expect(piped.stderr).toBe('');
    expect(piped.stdout).toBe('warehouse.kargo.akuity.io/images created\n');
    expect(piped.code).toBe(0);

    const examples = await kargo(['apply', '-f', EXAMPLES_DIR, '-o', 'name']);
    expect(examples.code).toBe(0);
    expect(examples.stdout.split('\n')).toContain('stage.kargo.akuity.io/prod-us');

    const bad = await kargo(['apply', '-f', '-'], 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  namespace: piped\n');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error: stdin: kind Pod \(v1\) is not one kargo manages/);

    const deleted = await kargo(['delete', '-f', '-', '-p', 'piped'], warehouse);
    expect(deleted.stdout).toBe('warehouse.kargo.akuity.io/images deleted\n');
    expect(deleted.code).toBe(0);
  });
});
