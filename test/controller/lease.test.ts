// Two controllers against one server: only the holder of the lease
// reconciles, so every Promotion runs exactly once (its one step calls a
// real local HTTP server that counts calls); when the leader stops, the
// other takes over. The lease's rules themselves are checked as a table.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/cli/exit-codes.js';
import { claim, released } from '../../src/controller/lease/record.js';
import { resources } from '../../src/kube/resources.js';
import type { ConfigMap, Promotion, Stage } from '../../src/model/kargo.js';
import { FREIGHT } from './fixtures.js';
import { type Bench, type TestProject, openProject, startBench } from './support.js';

let bench: Bench;
let project: TestProject;
let counter: Server;
let calls = 0;
let stopSecond: (() => Promise<void>) | undefined;

beforeAll(async () => {
  bench = await startBench({ lease: { durationMs: 3_000, renewMs: 300, retryMs: 200 } });
  counter = createServer((_request, response) => {
    calls += 1;
    response.setHeader('content-type', 'application/json').end('{"ok":true}');
  });
  await new Promise<void>((resolve) => counter.listen(0, '127.0.0.1', resolve));
  project = await openProject(bench);
  const url = `http://127.0.0.1:${(counter.address() as AddressInfo).port}/deploy`;
  const stage: Stage = {
    apiVersion: 'kargo.akuity.io/v1alpha1',
    kind: 'Stage',
    metadata: { name: 'counted', namespace: project.name },
    spec: {
      requestedFreight: [{ origin: { kind: 'Warehouse', name: 'images' }, sources: { direct: true } }],
      promotionTemplate: { spec: { steps: [{ uses: 'http', as: 'deploy', config: { url, successExpression: 'response.status == 200' } }] } },
    },
  };
  await bench.admin.create(resources.stage, stage, project.name);
});
afterAll(async () => {
  await stopSecond?.();
  project?.close();
  await bench?.close();
  counter?.closeAllConnections();
  await new Promise((resolve) => counter?.close(resolve));
});
afterEach(() => expect(bench.errors).toEqual([]));

describe('two controllers against one server', () => {
  it('run each Promotion once, and the second takes over when the leader stops', async () => {
    stopSecond = await bench.startAnother();
    for (const freight of [FREIGHT.one, FREIGHT.two]) {
      const run = await project.kargo(['promote', '--stage', 'counted', '--freight', freight.alias, '--wait', '--timeout', '30s']);
      expect(run.code, run.stderr).toBe(ExitCode.Success);
    }
    expect(calls).toBe(2);
    const lock = await bench.admin.get<ConfigMap>(resources.configMap, 'kargo-cli-controller', 'kube-system');
    const holder = JSON.parse(lock.metadata.annotations?.['control-plane.alpha.kubernetes.io/leader'] ?? '{}') as { holderIdentity?: string };
    expect(holder.holderIdentity).toMatch(/_/);

    // Whichever led, stop the first; the lease is released and the second (or the first's successor) leads.
    await bench.stopController();
    const run = await project.kargo(['promote', '--stage', 'counted', '--freight', FREIGHT.three.alias, '--wait', '--timeout', '30s']);
    expect(run.code, run.stderr).toBe(ExitCode.Success);
    expect(calls).toBe(3);
    const promotions = (await bench.admin.list<Promotion>(resources.promotion, project.name)).items.filter((p) => p.spec.stage === 'counted');
    expect(promotions.map((promotion) => promotion.status?.phase)).toEqual(['Succeeded', 'Succeeded', 'Succeeded']);
    for (const promotion of promotions) expect(project.phases.get(promotion.metadata.name ?? '')).toEqual(['', 'Pending', 'Running', 'Succeeded']);
  }, 90_000);
});

describe('the lease record (client-go leader election)', () => {
  const t0 = new Date('2026-12-02T20:00:00Z');
  const at = (seconds: number): Date => new Date(t0.getTime() + seconds * 1000);

  it('is taken when free, renewed by its holder, refused to others until it lapses, and free again once released', () => {
    const mine = claim(undefined, 'a', t0, 15);
    expect(mine).toEqual({ holderIdentity: 'a', leaseDurationSeconds: 15, acquireTime: t0.toISOString(), renewTime: t0.toISOString(), leaderTransitions: 0 });
    if (!mine) throw new Error('unreachable');
    expect(claim(mine, 'a', at(5), 15)).toMatchObject({ holderIdentity: 'a', acquireTime: t0.toISOString(), renewTime: at(5).toISOString() });
    expect(claim(mine, 'b', at(14), 15)).toBeUndefined();
    expect(claim(mine, 'b', at(15), 15)).toMatchObject({ holderIdentity: 'b', acquireTime: at(15).toISOString(), leaderTransitions: 1 });
    const free = released(mine, at(3));
    expect(free).toMatchObject({ holderIdentity: '', leaseDurationSeconds: 1 });
    expect(claim(free, 'b', at(3), 15)).toMatchObject({ holderIdentity: 'b', leaderTransitions: 1 });
  });
});
