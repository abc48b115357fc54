// `kargo refresh stage NAME --wait` against the embedded controller: the
// refresh token the CLI writes into the Stage's `kargo.akuity.io/refresh`
// annotation comes back in status.lastHandledRefresh, as Kargo's Stage
// reconciler records it, so the wait returns.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/cli/exit-codes.js';
import { REFRESH_ANNOTATION } from '../../src/model/annotations.js';
import { FREIGHT } from './fixtures.js';
import { type Bench, type TestProject, eventually, openProject, startBench } from './support.js';

let bench: Bench;
let project: TestProject;

beforeAll(async () => {
  bench = await startBench();
});
afterAll(async () => bench?.close());
afterEach(() => {
  project?.close();
  expect(bench.errors).toEqual([]);
});

describe('refreshing a regular Stage', () => {
  it('returns once the controller has handled the token, every time it is asked', async () => {
    project = await openProject(bench);
    const tokens: string[] = [];
    for (let round = 0; round < 2; round++) {
      const run = await project.kargo(['refresh', 'stage', 'deliver', '--wait', '--timeout', '10s']);
      expect(run.code, run.stderr).toBe(ExitCode.Success);
      const stage = await project.stage('deliver');
      const token = stage.metadata.annotations?.[REFRESH_ANNOTATION] ?? '';
      expect(token).not.toBe('');
      expect(stage.status?.lastHandledRefresh).toBe(token);
      tokens.push(token);
    }
    expect(tokens[0]).not.toBe(tokens[1]);
  });

  it('returns for a Stage with a Promotion behind it too, and leaves its status otherwise as it was', async () => {
    project = await openProject(bench);
    const promoted = await project.kargo(['promote', '--stage', 'deliver', '--freight', FREIGHT.one.alias, '--wait', '--timeout', '20s']);
    expect(promoted.code, promoted.stderr).toBe(ExitCode.Success);
    // `promote --wait` returns at Succeeded; the Stage records it in its next pass.
    const before = await eventually(async () => {
      const status = (await project.stage('deliver')).status;
      return status?.lastPromotion?.status?.phase === 'Succeeded' && status.freightHistory?.[0]?.verificationHistory?.[0]?.phase === 'Successful'
        ? status
        : undefined;
    });
    const run = await project.kargo(['refresh', 'stage', 'deliver', '--wait', '--timeout', '10s']);
    expect(run.code, run.stderr).toBe(ExitCode.Success);
    const after = (await project.stage('deliver')).status;
    expect(after?.lastPromotion).toEqual(before?.lastPromotion);
    expect(after?.freightHistory).toEqual(before?.freightHistory);
  });
});
