// Embedded controller benchmark, with `kargo controller run` (the bundled CLI)
// as a child process against the embedded API server in this process:
//   1. a 5-step promotion (git-clone → kustomize-set-image → git-commit →
//      git-push → http rollout check) from `kargo promote --wait` to exit:
//      median and spread over RUNS, beside `node -e 0` for the start-up floor;
//   2. one controller with STAGES Stages and FREIGHT Freight: time until every
//      Stage is reconciled from cold, then the latency of one promotion among
//      them (`kargo promote --wait`), and the controller's peak RSS (VmHWM).
//
//   npm run build && npx tsx bench/controller-bench.ts [runs] [stages] [freight]

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createKubeClient } from '../src/kube/http-client.js';
import type { KubeClient } from '../src/kube/client.js';
import { resources } from '../src/kube/resources.js';
import type { Freight, Stage } from '../src/model/kargo.js';
import { startTestCluster, type TestCluster } from '../test/support/test-cluster.js';
import { createLiveProject, FREIGHT } from '../test/workflow/live/pipeline.js';
import { startWorld } from '../test/workflow/live/world.js';

const RUNS = Number(process.argv[2] ?? 7);
const STAGES = Number(process.argv[3] ?? 50);
const FREIGHT_COUNT = Number(process.argv[4] ?? 2000);
const BIN = resolve('bin/kargo.js');

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const spread = (values: number[]) => `${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)} ms`;

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ ms: number; code: number | null; stderr: string }> {
  const started = performance.now();
  return new Promise((done) => {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => done({ ms: performance.now() - started, code, stderr }));
  });
}

function startController(env: NodeJS.ProcessEnv, stateDir: string, showLog = false): ChildProcess {
  const child = spawn(process.execPath, [BIN, 'controller', 'run', '--force', '--state-dir', stateDir], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr?.on('data', (chunk: Buffer) => {
    if (showLog) process.stderr.write(chunk);
  });
  return child;
}

const peakRssMb = (pid: number) => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

async function until<T>(check: () => Promise<T | undefined>, timeoutMs = 600_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function promotionLatency(cluster: TestCluster, env: NodeJS.ProcessEnv): Promise<void> {
  const admin = await createKubeClient({ kubeconfig: cluster.kubeconfigPath, verbose: false }, { env: {}, stderr: process.stderr });
  const world = await startWorld();
  await createLiveProject(admin, 'bench-live', world);
  const floors: number[] = [];
  const promotes: number[] = [];
  const freight = [FREIGHT.current, FREIGHT.next];
  for (let i = 0; i < RUNS; i++) {
    floors.push((await run(['-e', '0'], env)).ms);
    const result = await run([BIN, 'promote', '-p', 'bench-live', '--stage', 'dev', '--freight', freight[i % 2]!.alias, '--wait'], env);
    if (result.code !== 0) throw new Error(`promote exited ${result.code}: ${result.stderr}`);
    promotes.push(result.ms);
  }
  await world.close();
  console.log(`\n5-step promotion, kargo promote --wait from spawn to exit (${RUNS} runs)`);
  console.log(`  kargo promote --wait   median ${median(promotes).toFixed(0)} ms  (${spread(promotes)})`);
  console.log(`  node -e 0              median ${median(floors).toFixed(0)} ms  (${spread(floors)})`);
  console.log(`  promotion itself ≈ ${(median(promotes) - median(floors)).toFixed(0)} ms above Node's start-up`);
}

const STEPS = [{ uses: 'compose-output', as: 'out', config: { tag: '${{ imageFrom("ghcr.io/example/shop").Tag }}' } }];

function stage(project: string, name: string): Stage {
  return {
    apiVersion: 'kargo.akuity.io/v1alpha1',
    kind: 'Stage',
    metadata: { name, namespace: project },
    spec: {
      requestedFreight: [{ origin: { kind: 'Warehouse', name: 'images' }, sources: { direct: true } }],
      promotionTemplate: { spec: { steps: STEPS } },
    },
  };
}

async function loadScale(admin: KubeClient, project: string): Promise<void> {
  await admin.create(resources.namespace, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: project, labels: { 'kargo.akuity.io/project': 'true' } } });
  await admin.create(resources.project, { apiVersion: 'kargo.akuity.io/v1alpha1', kind: 'Project', metadata: { name: project } });
  await admin.create(
    resources.warehouse,
    {
      apiVersion: 'kargo.akuity.io/v1alpha1',
      kind: 'Warehouse',
      metadata: { name: 'images', namespace: project },
      spec: { freightCreationPolicy: 'Manual', subscriptions: [{ image: { repoURL: 'ghcr.io/example/shop' } }] },
    },
    project,
  );
  const writes: (() => Promise<unknown>)[] = [];
  for (let i = 0; i < FREIGHT_COUNT; i++) {
    const freight: Freight = {
      apiVersion: 'kargo.akuity.io/v1alpha1',
      kind: 'Freight',
      metadata: { name: `f${String(i).padStart(39, '0')}`, namespace: project, labels: { 'kargo.akuity.io/alias': `freight-${i}` } },
      alias: `freight-${i}`,
      origin: { kind: 'Warehouse', name: 'images' },
      images: [{ repoURL: 'ghcr.io/example/shop', tag: `1.0.${i}` }],
    };
    writes.push(() => admin.create(resources.freight, freight, project));
  }
  for (let i = 0; i < STAGES; i++) writes.push(() => admin.create(resources.stage, stage(project, `stage-${i}`), project));
  for (let i = 0; i < writes.length; i += 64) await Promise.all(writes.slice(i, i + 64).map((write) => write()));
}

async function scale(cluster: TestCluster, env: NodeJS.ProcessEnv): Promise<void> {
  const admin = await createKubeClient({ kubeconfig: cluster.kubeconfigPath, verbose: false }, { env: {}, stderr: process.stderr });
  const project = 'bench-scale';
  await loadScale(admin, project);
  const stateDir = mkdtempSync(join(tmpdir(), 'kargo-controller-bench-'));
  const started = performance.now();
  const controller = startController(env, stateDir);
  let lastReport = performance.now();
  const reconciled = async () => {
    const stages = (await admin.list<Stage>(resources.stage, project)).items;
    const ready = stages.filter((s) => s.status?.conditions?.some((c) => c.type === 'Ready')).length;
    if (performance.now() - lastReport > 10_000) {
      lastReport = performance.now();
      console.log(`  … ${ready}/${stages.length} Stages reconciled after ${((lastReport - started) / 1000).toFixed(0)}s`);
    }
    return ready === stages.length ? ready : undefined;
  };
  await until(reconciled);
  const coldMs = performance.now() - started;

  const latencies: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const target = `stage-${(i * 7) % STAGES}`;
    const args = [BIN, 'promote', '-p', project, '--stage', target, '--freight', `freight-${FREIGHT_COUNT - 1 - i}`, '--wait'];
    const result = await run(args, env);
    if (result.code !== 0) throw new Error(`promote exited ${result.code}: ${result.stderr}`);
    latencies.push(result.ms);
  }
  const rss = controller.pid ? peakRssMb(controller.pid) : Number.NaN;
  controller.kill('SIGTERM');
  await new Promise((resolve) => controller.once('close', resolve));
  rmSync(stateDir, { recursive: true, force: true });
  console.log(`\nOne controller, ${STAGES} Stages and ${FREIGHT_COUNT} Freight in one project`);
  console.log(`  cold start → every Stage reconciled (Ready condition)   ${coldMs.toFixed(0)} ms`);
  console.log(`  kargo promote --wait among them, spawn → exit (${RUNS} runs) median ${median(latencies).toFixed(0)} ms  (${spread(latencies)})`);
  console.log(`  controller peak RSS (VmHWM)                             ${rss.toFixed(0)} MiB`);
}

const cluster = await startTestCluster();
const home = mkdtempSync(join(tmpdir(), 'kargo-controller-bench-home-'));
const env = {
  PATH: process.env.PATH,
  HOME: home,
  XDG_STATE_HOME: join(home, 'state'),
  XDG_CONFIG_HOME: join(home, 'config'),
  KUBECONFIG: cluster.kubeconfigPath,
  CI: 'true',
};
const controller = startController(env, mkdtempSync(join(tmpdir(), 'kargo-controller-bench-live-')));
console.log(
  `load average at start: ${loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')}`,
);
try {
  await promotionLatency(cluster, env);
} finally {
  controller.kill('SIGTERM');
  await new Promise((resolve) => controller.once('close', resolve));
}
await scale(cluster, env);
console.log(
  `load average at end: ${loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')}`,
);
await cluster.close();
rmSync(home, { recursive: true, force: true });
