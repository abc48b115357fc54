// Output through a pipe must be complete: Node writes to pipes asynchronously, and
// exiting before the queue is flushed used to cut `kargo … | jq` at 64 KiB with exit 0.
// Here megabytes go through a slow reader (a paused pipe) and must arrive whole.

import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeClient } from '../../../src/kube/client.js';
import { createKubeClient } from '../../../src/kube/http-client.js';
import { resources } from '../../../src/kube/resources.js';
import type { Freight } from '../../../src/model/kargo.js';
import { startTestCluster, type TestCluster } from '../../support/test-cluster.js';
import { applyExamples, PROJECT } from '../support/examples.js';
import { captureStream, isolatedHome } from '../support/run-kargo.js';

const BIN = join(fileURLToPath(new URL('../../../', import.meta.url)), 'bin', 'kargo.js');
const EXTRA_FREIGHT = 800;
let cluster: TestCluster;
let admin: KubeClient;
let env: Record<string, string>;

/** Runs bin/kargo with stdout on a pipe that nobody reads for `stallMs`, then reads it all. */
function kargoThroughSlowPipe(argv: string[], stallMs: number): Promise<{ code: number | null; stdout: Buffer; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...argv], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.pause();
    setTimeout(() => child.stdout.resume(), stallMs);
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(chunks), stderr }));
  });
}

function freight(index: number): Freight {
  const name = `bulk${String(index).padStart(6, '0')}${'0'.repeat(30)}`.slice(0, 40);
  return {
    apiVersion: 'kargo.akuity.io/v1alpha1',
    kind: 'Freight',
    metadata: { name, namespace: PROJECT },
    origin: { kind: 'Warehouse', name: 'app-images' },
    images: [{ repoURL: 'ghcr.io/example-org/my-web-app', tag: `9.${index}.0`, digest: `sha256:${String(index).padStart(64, 'a')}` }],
  } as Freight;
}

beforeAll(async () => {
  cluster = await startTestCluster();
  admin = await createKubeClient({ kubeconfig: cluster.kubeconfigPath, verbose: false }, { env: {}, stderr: captureStream() });
  await applyExamples(admin);
  for (let start = 0; start < EXTRA_FREIGHT; start += 50) {
    await Promise.all(Array.from({ length: 50 }, (_, offset) => admin.create(resources.freight, freight(start + offset), PROJECT)));
  }
  env = { PATH: process.env.PATH ?? '', ...isolatedHome(), KUBECONFIG: cluster.kubeconfigPath };
}, 300_000);

afterAll(async () => {
  await cluster?.close();
});

describe('output through a pipe', () => {
  it('delivers more than 512 KiB of -o json whole to a reader that stalls', async () => {
    const result = await kargoThroughSlowPipe(['get', 'freight', '-p', PROJECT, '-o', 'json'], 300);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.length).toBeGreaterThan(8 * 65_536);
    const list = JSON.parse(result.stdout.toString('utf8')) as { items: Freight[] };
    const listed = await admin.list<Freight>(resources.freight, PROJECT);
    expect(list.items.map((item) => item.metadata.name).sort()).toEqual(listed.items.map((item) => item.metadata.name).sort());
  }, 60_000);

  it('delivers every table row', async () => {
    const result = await kargoThroughSlowPipe(['get', 'freight', '-p', PROJECT], 300);
    expect(result.code).toBe(0);
    const lines = result.stdout.toString('utf8').trimEnd().split('\n');
    const listed = await admin.list<Freight>(resources.freight, PROJECT);
    expect(lines).toHaveLength(listed.items.length + 1);
    expect(lines[0]).toMatch(/^NAME/);
  }, 60_000);
});
