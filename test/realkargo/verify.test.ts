// Verification against real Kargo: Kargo's controller creates the AnalysisRuns
// and records every VerificationInfo; the test only plays Argo Rollouts by
// ending each AnalysisRun as Rollouts would.

import { describe, expect, it } from 'vitest';
import { EXIT } from './cli.js';
import { analysisRunNames, completeAnalysisRun, currentVerification, getFreight, getStage, newAnalysisRun, recordedVerification } from './kargo-state.js';
import { FREIGHT, type Scenario, useScenarios, whenStderr } from './scenario.js';
import { waitFor } from './wait.js';

const { open } = useScenarios();

/** dev, then staging with its first verification ended `phase` by the test. */
async function verifiedInStaging(s: Scenario, phase: 'Successful' | 'Failed' = 'Successful'): Promise<string> {
  expect((await s.kargo(['promote', '--stage', 'dev', '--freight', FREIGHT.v1.alias, '--wait'])).code).toBe(EXIT.success);
  const staging = s.startKargo(['promote', '--stage', 'staging', '--freight', FREIGHT.v1.alias, '--wait=verification']);
  const run = await newAnalysisRun(s, 'staging');
  await completeAnalysisRun(s, run, phase);
  expect((await staging.done).code).toBe(phase === 'Successful' ? EXIT.success : EXIT.verificationFailed);
  return run;
}

/** Runs `verify stage staging --wait` while ending the AnalysisRun it starts with `phase`. */
async function reverify(s: Scenario, phase: 'Successful' | 'Failed') {
  const known = await analysisRunNames(s, 'staging');
  const waiting = s.startKargo(['verify', 'stage', 'staging', '--wait']);
  const run = await newAnalysisRun(s, 'staging', known);
  await completeAnalysisRun(s, run, phase);
  return { run, result: await waiting.done };
}

describe('verification against Kargo v1.11.2', () => {
  it('promote --wait=verification exits 0 when the AnalysisRun succeeds, once Kargo marked the Freight verified', async () => {
    const s = await open();
    await verifiedInStaging(s, 'Successful');
    const freight = await getFreight(s, s.freight[FREIGHT.v1.alias]!);
    expect(freight.status?.verifiedIn?.staging).toBeDefined();
  });

  it('promote --wait=verification exits 6 when the AnalysisRun fails', async () => {
    const s = await open();
    await verifiedInStaging(s, 'Failed');
    expect((await currentVerification(s, 'staging'))?.phase).toBe('Failed');
  });

  it('verify stage without --wait asks Kargo for a new run and returns at once', async () => {
    const s = await open();
    const first = await verifiedInStaging(s);
    const run = await s.kargo(['verify', 'stage', 'staging']);
    expect(run.code).toBe(EXIT.success);
    const second = await newAnalysisRun(s, 'staging', [first]);
    expect(second).not.toBe(first);
  });

  // Regression: with an older finished entry in the history, --wait used to end at once
  // with that entry's "Successful" while the run it had asked for went on to fail.
  it('verify stage --wait follows its own re-run, not an older finished one', async () => {
    const s = await open();
    await verifiedInStaging(s);
    const second = await reverify(s, 'Successful');
    expect(second.result.code).toBe(EXIT.success);
    const third = await reverify(s, 'Failed');
    expect(third.result.stderr).toMatch(/Verification in Stage staging Failed/);
    expect(third.result.code).toBe(EXIT.verificationFailed);
    expect((await recordedVerification(s, 'staging', 'Failed', third.run)).analysisRun?.name).toBe(third.run);
  });

  // Kargo v1.11.2 records an aborted verification as Failed, "Verification aborted by user"
  // (never Aborted): the waiting command reports what Kargo wrote and exits 6.
  it('verify stage --abort: Kargo records Failed "Verification aborted by user"; the waiting verify exits 6', async () => {
    const s = await open();
    const first = await verifiedInStaging(s);
    const waiting = s.startKargo(['verify', 'stage', 'staging', '--wait']);
    const run = await newAnalysisRun(s, 'staging', [first]);
    await waitFor('Kargo to record the new verification as running', async () => {
      const current = await currentVerification(s, 'staging');
      return current?.analysisRun?.name === run ? current : undefined;
    });
    const abort = await s.kargo(['verify', 'stage', 'staging', '--abort', '--wait']);
    expect(abort.code).toBe(EXIT.success);
    expect(abort.stderr).toMatch(/ended Failed: Verification aborted by user/);
    const recorded = await recordedVerification(s, 'staging', 'Failed', run);
    expect(recorded.message).toBe('Verification aborted by user');
    const result = await waiting.done;
    expect(result.stderr).toMatch(/Verification in Stage staging Failed.*Verification aborted by user/);
    expect(result.code).toBe(EXIT.verificationFailed);
  });

  // Regression: the metric lines said "Successful" while the wait went on, saying nothing of why.
  it('says what it waits for while Kargo has recorded Successful but not yet marked the Freight verified', async () => {
    const s = await open();
    expect((await s.kargo(['promote', '--stage', 'dev', '--freight', FREIGHT.v1.alias, '--wait'])).code).toBe(EXIT.success);
    const waiting = s.startKargo(['promote', '--stage', 'staging', '--freight', FREIGHT.v1.alias, '--wait=verification', '--timeout', '45s']);
    const run = await newAnalysisRun(s, 'staging');
    // Without a finish time Kargo records the phase but never marks the Freight verified
    // (its reconciler then fails on every pass), so the wait can only time out.
    await completeAnalysisRun(s, run, 'Successful', { withoutCompletedAt: true });
    await recordedVerification(s, 'staging', 'Successful', run);
    await whenStderr(
      waiting,
      /Verification in Stage staging: Successful \(AnalysisRun \S+\); waiting for Kargo to mark Freight calm-otter verified in Stage staging/,
    );
    const result = await waiting.done;
    expect(result.code).toBe(EXIT.timedOut);
    expect(result.stderr).toMatch(/Timed out after \d+s waiting for the verification in Stage staging/);
    expect((await getFreight(s, s.freight[FREIGHT.v1.alias]!)).status?.verifiedIn?.staging).toBeUndefined();
  });

  it('shows a running verification while Kargo waits for the AnalysisRun', async () => {
    const s = await open();
    expect((await s.kargo(['promote', '--stage', 'dev', '--freight', FREIGHT.v1.alias, '--wait'])).code).toBe(EXIT.success);
    const waiting = s.startKargo(['promote', '--stage', 'staging', '--freight', FREIGHT.v1.alias, '--wait=verification']);
    const run = await newAnalysisRun(s, 'staging');
    await whenStderr(waiting, /Verification in Stage staging/);
    await completeAnalysisRun(s, run, 'Successful');
    const result = await waiting.done;
    expect(result.code).toBe(EXIT.success);
    expect((await getStage(s, 'staging')).status?.freightHistory?.[0]?.verificationHistory?.[0]?.finishTime).toBeDefined();
  });
});
