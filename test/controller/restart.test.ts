// A controller stopped mid-promotion leaves the Promotion as it was; a new
// one (same working directories) resumes it from its current step: completed
// steps are not run again.

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

it('resumes a Running Promotion after a restart without repeating its finished steps', async () => {
  const project = await openProject(bench);
  try {
    const created = await project.kargo(['promote', '--stage', 'resume', '--freight', FREIGHT.two.alias]);
    expect(created.code, created.stderr).toBe(ExitCode.Success);
    const running = await eventually(async () => {
      const [promotion] = (await bench.admin.list<Promotion>(resources.promotion, project.name)).items;
      return promotion?.status?.stepExecutionMetadata?.[1]?.status === 'Running' ? promotion : undefined;
    });
    await bench.stopController();
    const stopped = await project.promotion(running.metadata.name ?? '');
    expect(stopped.status?.phase).toBe('Running');

    bench.openGate();
    await bench.restartController();
    const run = await project.kargo(['promote', '--name', running.metadata.name ?? '', '--wait', '--timeout', '20s']);
    expect(run.code, run.stderr).toBe(ExitCode.Success);
    const done = await project.promotion(running.metadata.name ?? '');
    expect(done.status?.phase).toBe('Succeeded');
    const [write, wait] = done.status?.stepExecutionMetadata ?? [];
    const [writeBefore, waitBefore] = running.status?.stepExecutionMetadata ?? [];
    // The finished step was not run again; the waiting one carried on where it was.
    expect(write).toEqual(writeBefore);
    expect(write?.status).toBe('Succeeded');
    expect(wait?.startedAt).toBe(waitBefore?.startedAt);
    expect(wait?.status).toBe('Succeeded');
    expect(done.status?.currentStep).toBe(1);
    expect(done.status?.startedAt).toBe(running.status?.startedAt);
  } finally {
    project.close();
  }
  expect(bench.errors).toEqual([]);
});
