// The controller's test bench: the embedded API server, the real controller
// (startController) against it, a local HTTP endpoint that keeps answering
// "not ready", the real CLI, and a recorder of the phases each Promotion went through.

import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startController } from '../../src/controller/index.js';
import type { LeaseOptions } from '../../src/controller/lease/leader.js';
import type { KubeClient } from '../../src/kube/client.js';
import { resources } from '../../src/kube/resources.js';
import type { Freight, Promotion, Stage } from '../../src/model/kargo.js';
import { systemClock } from '../../src/runtime/clock.js';
import { startTestCluster, type TestCluster } from '../support/test-cluster.js';
import { type CapturedStream, type KargoRun, clientFor, runKargo } from '../workflow/harness.js';
import { createProject } from './fixtures.js';

export interface Bench {
  cluster: TestCluster;
  admin: KubeClient;
  /** Base URL of the local endpoint the `gated` and `stuck` Stages' steps call. */
  gateUrl: string;
  /** Failed reconciles the controller reported (a healthy run has none). */
  errors: unknown[];
  /** From now on the gate answers "ready". */
  openGate(): void;
  stopController(): Promise<void>;
  /** Stops the controller (if running) and starts a new one with the same working directories. */
  restartController(): Promise<void>;
  /** Starts a second controller (its own working directory) against the same server; resolves to its stop. */
  startAnother(): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface BenchOptions {
  /** Leader-election timings (default: startController's). */
  lease?: Partial<LeaseOptions>;
}

export async function startBench(options: BenchOptions = {}): Promise<Bench> {
  const cluster = await startTestCluster();
  const admin = await clientFor(cluster.kubeconfigPath);
  const gateState = { ready: false };
  // `/slow` never answers; anything else answers whether the gate is open.
  const gate = await listen(
    createServer((request, response) => {
      if (request.url !== '/slow') response.setHeader('content-type', 'application/json').end(JSON.stringify({ ready: gateState.ready }));
    }),
  );
  const workRoot = await mkdtemp(join(tmpdir(), 'kargo-controller-test-'));
  const errors: unknown[] = [];
  const runController = async (root = workRoot): Promise<() => Promise<void>> => {
    const stop = new AbortController();
    const running = startController({
      client: await clientFor(cluster.kubeconfigPath),
      clock: systemClock,
      workRoot: root,
      ...(options.lease ? { lease: options.lease } : {}),
      signal: stop.signal,
      requeue: { defaultMs: 60_000, minMs: 200 },
      onError: (_key, error) => errors.push(error),
    });
    return async () => {
      stop.abort();
      await running;
    };
  };
  let stopController: (() => Promise<void>) | undefined = await runController();
  const port = (gate.address() as AddressInfo).port;
  return {
    cluster,
    admin,
    gateUrl: `http://127.0.0.1:${port}`,
    errors,
    openGate: () => {
      gateState.ready = true;
    },
    async stopController() {
      await stopController?.();
      stopController = undefined;
    },
    async restartController() {
      await stopController?.();
      stopController = await runController();
    },
    async startAnother() {
      return runController(await mkdtemp(join(workRoot, 'another-')));
    },
    async close() {
      await stopController?.();
      gate.closeAllConnections();
      await new Promise((resolve) => gate.close(resolve));
      await cluster.close();
      await rm(workRoot, { recursive: true, force: true });
    },
  };
}

let counter = 0;

export interface TestProject {
  name: string;
  kargo(argv: string[], options?: { stderr?: CapturedStream }): Promise<KargoRun>;
  promotion(name: string): Promise<Promotion>;
  /** The Stage's Promotions, oldest first (names carry a ULID). */
  promotionsOf(stage: string): Promise<Promotion[]>;
  stage(name: string): Promise<Stage>;
  freight(name: string): Promise<Freight>;
  /** Every phase each Promotion was seen in, in order (consecutive repeats dropped). */
  phases: Map<string, string[]>;
  /** How many Promotions of a Stage were Running at once, at most. */
  maxRunning(stage: string): number;
  close(): void;
}

export async function openProject(bench: Bench): Promise<TestProject> {
  const name = `ctl-${process.pid}-${++counter}`;
  const { admin } = bench;
  await createProject(admin, name, bench.gateUrl);
  const phases = new Map<string, string[]>();
  const latest = new Map<string, Promotion>();
  const peaks = new Map<string, number>();
  const stop = new AbortController();
  const watching = (async () => {
    for await (const event of admin.watch<Promotion>(resources.promotion, name, { signal: stop.signal })) {
      const promotion = event.object;
      const key = promotion.metadata.name ?? '';
      latest.set(key, promotion);
      const seen = phases.get(key) ?? [];
      const phase = promotion.status?.phase ?? '';
      if (seen[seen.length - 1] !== phase) seen.push(phase);
      phases.set(key, seen);
      const stage = promotion.spec.stage;
      const running = [...latest.values()].filter((other) => other.spec.stage === stage && other.status?.phase === 'Running').length;
      peaks.set(stage, Math.max(peaks.get(stage) ?? 0, running));
    }
  })().catch(() => undefined);
  return {
    name,
    kargo: (argv, options = {}) => runKargo(['-p', name, ...argv], { kubeconfig: bench.cluster.kubeconfigPath, ...options }),
    promotion: (promotion) => admin.get<Promotion>(resources.promotion, promotion, name),
    async promotionsOf(stage) {
      const all = (await admin.list<Promotion>(resources.promotion, name)).items;
      return all.filter((promotion) => promotion.spec.stage === stage).sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1));
    },
    stage: (stage) => admin.get<Stage>(resources.stage, stage, name),
    freight: (freight) => admin.get<Freight>(resources.freight, freight, name),
    phases,
    maxRunning: (stage) => peaks.get(stage) ?? 0,
    close() {
      stop.abort();
      void watching;
    },
  };
}

/** Polls `check` until it returns a value (not undefined), or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs}ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function listen(server: Server): Promise<Server> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}
