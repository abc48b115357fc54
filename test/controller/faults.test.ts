// The controller rides out what a real API server does to it: 409s on status
// writes (someone wrote in between), a 500, and watches cut mid-promotion.

import { afterAll, beforeAll, expect, it } from 'vitest';
import { ExitCode } from '../../src/cli/exit-codes.js';
import { resources } from '../../src/kube/resources.js';
import type { Promotion } from '../../src/model/kargo.js';
import { FREIGHT } from './fixtures.js';
import { type Bench, eventually, openProject, startBench } from './support.js';

let bench: Bench;
beforeAll(async () => {
  bench = await startBench();
});
afterAll(async () => bench?.close());

it('retries 409s and a 500 on status writes and resumes cut watches; the Promotion still Succeeds once', async () => {
  const project = await openProject(bench);
  const faults = bench.cluster.server.faults;
  const promotionConflicts = faults.add({
    match: { verb: 'update', resource: 'promotions', subresource: 'status', namespace: project.name },
    status: 409,
    reason: 'Conflict',
    times: 3,
  });
  const stageConflicts = faults.add({
    match: { verb: 'update', resource: 'stages', subresource: 'status', namespace: project.name },
    status: 409,
    reason: 'Conflict',
    times: 3,
  });
  const freightFailure = faults.add({ match: { verb: 'update', resource: 'freights', subresource: 'status', namespace: project.name }, status: 500, times: 1 });
  const cut = setInterval(() => faults.dropWatches(), 300);
  try {
    const run = await project.kargo(['promote', '--stage', 'deliver', '--freight', FREIGHT.one.alias, '--wait', '--timeout', '30s']);
    expect(run.code, run.stderr).toBe(ExitCode.Success);
    const freight = await eventually(async () => {
      const current = await project.freight(FREIGHT.one.name);
      return current.status?.verifiedIn?.deliver && current.status.currentlyIn?.deliver ? current : undefined;
    }, 20_000);
    expect(freight.status?.currentlyIn?.deliver?.since).toBeDefined();
  } finally {
    clearInterval(cut);
    project.close();
  }
  expect([promotionConflicts.hits, stageConflicts.hits, freightFailure.hits]).toEqual([3, 3, 1]);
  // The client's request policy retries the 500, the status writer the 409s: no reconcile failed.
  expect(bench.errors).toEqual([]);

  const promotions = (await bench.admin.list<Promotion>(resources.promotion, project.name)).items;
  expect(promotions).toHaveLength(1);
  expect(promotions[0]?.status?.phase).toBe('Succeeded');
  expect(promotions[0]?.status?.stepExecutionMetadata?.map((meta) => meta.status)).toEqual(['Succeeded', 'Succeeded']);
  const stage = await project.stage('deliver');
  expect(stage.status?.freightHistory).toHaveLength(1);
});
