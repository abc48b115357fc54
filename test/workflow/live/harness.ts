// Runs the live scenarios: a cluster reachable through kubeconfig files (the
// embedded server or a real kube-apiserver), the embedded Kargo controller
// against it, and per scenario a fresh project and world.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startController } from '../../../src/controller/index.js';
import type { KubeClient } from '../../../src/kube/client.js';
import { resources } from '../../../src/kube/resources.js';
import type { Promotion } from '../../../src/model/kargo.js';
import { systemClock } from '../../../src/runtime/clock.js';
import { type KargoRun, type RunOptions, type WorkflowTarget, clientFor, runKargo } from '../harness.js';
import { createLiveProject } from './pipeline.js';
import { startWorld, type World } from './world.js';

export interface LiveController {
  /** Reconciles that failed (retried by the controller), keyed `namespace/name`; a healthy run has none. */
  errors: { key: string; error: unknown }[];
  workRoot: string;
  stop(options?: { keepWorkRoot?: boolean }): Promise<void>;
}

/**
 * Starts the controller; give `workRoot` to resume where an earlier one (stopped with
 * `keepWorkRoot`) left off, `shard` to run only that Kargo shard's objects (lease `kube-system/kargo-cli-controller-<shard>`).
 */
export async function runLiveController(kubeconfig: string, options: { workRoot?: string; shard?: string } = {}): Promise<LiveController> {
  const workRoot = options.workRoot ?? (await mkdtemp(join(tmpdir(), 'kargo-live-controller-')));
  const stopper = new AbortController();
  const errors: LiveController['errors'] = [];
  const running = startController({
    client: await clientFor(kubeconfig),
    clock: systemClock,
    workRoot,
    signal: stopper.signal,
    requeue: { defaultMs: 60_000, minMs: 200 },
    warehouses: true,
    ...(options.shard ? { shard: options.shard } : {}),
    onError: (key, error) => errors.push({ key, error }),
  });
  return {
    errors,
    workRoot,
    async stop(stopOptions = {}) {
      stopper.abort();
      await running;
      if (!stopOptions.keepWorkRoot) await rm(workRoot, { recursive: true, force: true });
    },
  };
}

export interface LiveProject {
  project: string;
  admin: KubeClient;
  world: World;
  kargo(argv: string[], options?: Partial<RunOptions>): Promise<KargoRun>;
  promotions(stage?: string): Promise<Promotion[]>;
  close(): Promise<void>;
}

let counter = 0;

/** `shard`: the project's Stages and Warehouse belong to that Kargo shard. */
export async function openLiveProject(target: WorkflowTarget, shard?: string): Promise<LiveProject> {
  const project = `live-${process.pid}-${++counter}`;
  const admin = await clientFor(target.adminKubeconfig);
  const world = await startWorld();
  await createLiveProject(admin, project, world, shard);
  return {
    project,
    admin,
    world,
    kargo: (argv, options = {}) => runKargo(['-p', project, ...argv], { kubeconfig: target.adminKubeconfig, ...options }),
    async promotions(stage) {
      const all = (await admin.list<Promotion>(resources.promotion, project)).items;
      return all.filter((promotion) => !stage || promotion.spec.stage === stage).sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
    },
    async close() {
      // The Warehouse goes first: its next discovery would find the world's Git host gone.
      await admin.delete(resources.warehouse, 'images', project);
      await world.close();
    },
  };
}
