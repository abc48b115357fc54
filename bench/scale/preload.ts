// Loads the scale benchmark's project into an embedded server's state directory
// far faster than writing it through the API (about 110 writes/s with fsync): the
// project, Warehouse and PromotionTask from examples/ and the first Stage and
// Freight go through the API, so the server checks them against the CRDs; every
// other Stage and Freight is written beside them in the same file layout, and the
// server loads them all when it starts on that directory.

import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KubeObject } from '../../src/model/kargo.js';
import { startServer } from '../../src/server/index.js';
import { SHARED_CRD_DIRS } from '../../test/support/test-cluster.js';
import { freightObject, PROJECT, stageObject, type ScaleShape } from './fixture.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const EXAMPLES = ['00-project.yaml', '10-warehouses.yaml', '20-promotion-task.yaml'].map((file) => join(repo, 'examples', file));
// Above every resourceVersion the API handed out while seeding.
const FIRST_RESOURCE_VERSION = 1_000_000;

/** Files written at once: the disk, not the CPU, bounds a preload of tens of thousands. */
const PARALLEL_WRITES = 64;

export async function preloadState(stateDir: string, shape: ScaleShape, kubectl: string): Promise<void> {
  await seedThroughApi(stateDir, shape, kubectl);
  const created = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  let resourceVersion = FIRST_RESOURCE_VERSION;
  const write = (resource: string, object: KubeObject): Promise<void> => {
    object.metadata = { ...object.metadata, uid: randomUUID(), resourceVersion: String(resourceVersion++), generation: 1, creationTimestamp: created };
    const file = `${encodeURIComponent(PROJECT)}~${encodeURIComponent(object.metadata.name ?? '')}.json`;
    return writeFile(join(stateDir, 'objects', resource, file), JSON.stringify(object));
  };
  mkdirSync(join(stateDir, 'objects', 'stages.kargo.akuity.io'), { recursive: true });
  mkdirSync(join(stateDir, 'objects', 'freights.kargo.akuity.io'), { recursive: true });
  const jobs: (() => Promise<void>)[] = [];
  for (let index = 1; index < shape.stages; index++) jobs.push(() => write('stages.kargo.akuity.io', stageObject(shape, index)));
  for (let index = 1; index < shape.freight; index++) jobs.push(() => write('freights.kargo.akuity.io', freightObject(shape, index)));
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) await jobs[next++]!();
  };
  await Promise.all(Array.from({ length: PARALLEL_WRITES }, worker));
}

async function seedThroughApi(stateDir: string, shape: ScaleShape, kubectl: string): Promise<void> {
  const server = await startServer({ stateDir, crdDirs: SHARED_CRD_DIRS, log: () => undefined });
  try {
    const kubeconfig = join(stateDir, 'seed.kubeconfig');
    await writeFile(kubeconfig, server.kubeconfig(), { mode: 0o600 });
    const env = { ...process.env, KUBECONFIG: kubeconfig };
    await run(kubectl, ['apply', ...EXAMPLES.flatMap((file) => ['-f', file])], env);
    for (const object of [stageObject(shape, 0), freightObject(shape, 0)]) {
      const { status, ...spec } = object;
      await run(kubectl, ['create', '-f', '-'], env, JSON.stringify(spec));
      const kind = object.kind === 'Stage' ? 'stage' : 'freight';
      await run(
        kubectl,
        ['patch', kind, object.metadata.name ?? '', '-n', PROJECT, '--subresource=status', '--type=merge', '-p', JSON.stringify({ status })],
        env,
      );
    }
  } finally {
    await server.close();
  }
}

function run(file: string, args: string[], env: NodeJS.ProcessEnv, input?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = execFile(file, args, { env }, (error, _stdout, stderr) =>
      error ? reject(new Error(`${file} ${args.join(' ')}: ${stderr || error.message}`)) : resolve(),
    );
    if (input !== undefined) child.stdin?.end(input);
  });
}
