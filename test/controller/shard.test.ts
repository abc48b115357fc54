// Kargo's sharding: a controller started for shard "a" runs only the Promotions
// of Stages with spec.shard "a" (the CLI copies it into the Promotion's shard
// label), the default controller only those of Stages of no shard. Both lead at
// once, each holding its own lease; each Stage's one step calls a real local
// HTTP server that counts calls per Stage.

import { mkdtemp } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/cli/exit-codes.js';
import { startController } from '../../src/controller/index.js';
import { resources } from '../../src/kube/resources.js';
import { SHARD_LABEL } from '../../src/model/labels.js';
import type { ConfigMap, Promotion, Stage } from '../../src/model/kargo.js';
import { systemClock } from '../../src/runtime/clock.js';
import { clientFor } from '../workflow/harness.js';
import { FREIGHT } from './fixtures.js';
import { type Bench, type TestProject, eventually, openProject, startBench } from './support.js';

let bench: Bench;
let project: TestProject;
let counter: Server;
const calls = new Map<string, number>();
const shardErrors: unknown[] = [];
let stopShard: (() => Promise<void>) | undefined;

async function startShardController(): Promise<() => Promise<void>> {
  const stop = new AbortController();
  const running = startController({
    client: await clientFor(bench.cluster.kubeconfigPath),
    clock: systemClock,
    workRoot: await mkdtemp(join(tmpdir(), 'kargo-shard-test-')),
    shard: 'a',
    lease: { durationMs: 3_000, renewMs: 300, retryMs: 200 },
    signal: stop.signal,
    requeue: { defaultMs: 60_000, minMs: 200 },
    onError: (_key, error) => shardErrors.push(error),
  });
  return async () => {
    stop.abort();
    await running;
  };
}

function countedStage(name: string, url: string, shard?: string): Stage {
  return {
    apiVersion: 'kargo.akuity.io/v1alpha1',
    kind: 'Stage',
    metadata: { name, namespace: project.name, ...(shard ? { labels: { [SHARD_LABEL]: shard } } : {}) },
    spec: {
      ...(shard ? { shard } : {}),
      requestedFreight: [{ origin: { kind: 'Warehouse', name: 'images' }, sources: { direct: true } }],
      promotionTemplate: { spec: { steps: [{ uses: 'http', as: 'deploy', config: { url: `${url}/${name}`, successExpression: 'response.status == 200' } }] } },
    },
  };
}

beforeAll(async () => {
  bench = await startBench({ lease: { durationMs: 3_000, renewMs: 300, retryMs: 200 } });
  counter = createServer((request, response) => {
    const stage = (request.url ?? '').slice(1);
    calls.set(stage, (calls.get(stage) ?? 0) + 1);
    response.setHeader('content-type', 'application/json').end('{"ok":true}');
  });
  await new Promise<void>((resolve) => counter.listen(0, '127.0.0.1', resolve));
  project = await openProject(bench);
  const url = `http://127.0.0.1:${(counter.address() as AddressInfo).port}`;
  await bench.admin.create(resources.stage, countedStage('sharded', url, 'a'), project.name);
  await bench.admin.create(resources.stage, countedStage('unsharded', url), project.name);
  stopShard = await startShardController();
});
afterAll(async () => {
  await stopShard?.();
  project?.close();
  await bench?.close();
  counter?.closeAllConnections();
  await new Promise((resolve) => counter?.close(resolve));
});
afterEach(() => {
  expect(bench.errors).toEqual([]);
  expect(shardErrors).toEqual([]);
});

async function promote(stage: string, wait: boolean): Promise<string> {
  const run = await project.kargo(['promote', '--stage', stage, '--freight', FREIGHT.one.alias, ...(wait ? ['--wait', '--timeout', '30s'] : []), '-o', 'name']);
  expect(run.code, run.stderr).toBe(ExitCode.Success);
  return run.stdout.trim().split('/').pop() ?? '';
}

async function phaseAfter(name: string, ms: number): Promise<string | undefined> {
  await new Promise((resolve) => setTimeout(resolve, ms));
  return (await bench.admin.get<Promotion>(resources.promotion, name, project.name)).status?.phase;
}

describe('a controller for shard "a" beside the default controller', () => {
  it('each runs only its own Stages’ Promotions, each under its own lease', async () => {
    const sharded = await promote('sharded', true);
    const promotion = await bench.admin.get<Promotion>(resources.promotion, sharded, project.name);
    expect(promotion.metadata.labels?.[SHARD_LABEL]).toBe('a');
    await promote('unsharded', true);
    expect(Object.fromEntries(calls)).toEqual({ sharded: 1, unsharded: 1 });

    const leases = await Promise.all(
      ['kargo-cli-controller', 'kargo-cli-controller-a'].map((name) => bench.admin.get<ConfigMap>(resources.configMap, name, 'kube-system')),
    );
    expect(leases.map((lease) => lease.metadata.annotations?.['control-plane.alpha.kubernetes.io/leader'])).toEqual([expect.any(String), expect.any(String)]);
  });

  it('the default controller leaves shard "a" alone while that shard’s controller is stopped', async () => {
    await stopShard?.();
    stopShard = undefined;
    const waiting = await promote('sharded', false);
    expect(await phaseAfter(waiting, 1_500)).toBeUndefined();
    await promote('unsharded', true);
    expect(calls.get('sharded')).toBe(1);

    stopShard = await startShardController();
    await eventually(async () => ((await phaseAfter(waiting, 100)) === 'Succeeded' ? true : undefined), 20_000);
    expect(Object.fromEntries(calls)).toEqual({ sharded: 2, unsharded: 2 });
  });

  it('the shard’s controller leaves Stages of no shard alone while the default one is stopped', async () => {
    await bench.stopController();
    const waiting = await promote('unsharded', false);
    expect(await phaseAfter(waiting, 1_500)).toBeUndefined();
    expect(calls.get('unsharded')).toBe(2);
    await bench.restartController();
    await eventually(async () => ((await phaseAfter(waiting, 100)) === 'Succeeded' ? true : undefined), 20_000);
    expect(calls.get('unsharded')).toBe(3);
  });
});
