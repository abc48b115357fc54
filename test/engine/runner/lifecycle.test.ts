// Retries, Running steps, timeouts, resuming and aborting, over several passes.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PromotionTermination } from '../../../src/engine/abort-request.js';
import { builtinStepRegistry } from '../../../src/engine/builtin-steps.js';
import { defaultFixture, manualClock, promotionWith, runPass, type RunnerFixture } from '../support/promotion.js';
import { makeWorkDir } from '../support/step-context.js';
import { waitForFileStep } from '../support/wait-for-file-step.js';

let workDir: string;
let cleanup: () => void;
let fixture: RunnerFixture;
let clock: ReturnType<typeof manualClock>;
beforeEach(() => {
  ({ workDir, cleanup } = makeWorkDir());
  clock = manualClock();
  fixture = { ...defaultFixture(workDir, clock), registry: builtinStepRegistry().register(waitForFileStep()) };
});
afterEach(() => cleanup());

describe('runner: retries', () => {
  it('retries a failing step until retry.errorThreshold, then Errored', async () => {
    const promotion = promotionWith([{ uses: 'copy', as: 'cp', retry: { errorThreshold: 2 }, config: { inPath: 'missing', outPath: 'x' } }]);
    let { status } = await runPass(promotion, fixture);
    expect(status.phase).toBe('Running');
    expect(status.message).toBe('error running step "cp": failed to copy "missing" to "x": lstat missing: no such file or directory');
    expect(status.stepExecutionMetadata?.[0]).toMatchObject({
      status: 'Errored',
      errorCount: 1,
      message: 'error running step "cp": failed to copy "missing" to "x": lstat missing: no such file or directory; step will be retried',
    });
    expect(status.stepExecutionMetadata?.[0]?.finishedAt).toBeUndefined();
    ({ status } = await runPass(promotion, fixture));
    expect(status.phase).toBe('Errored');
    expect(status.message).toBe(
      'step "cp" met error threshold of 2: error running step "cp": failed to copy "missing" to "x": lstat missing: no such file or directory',
    );
    expect(status.stepExecutionMetadata?.[0]?.errorCount).toBe(2);
  });

  it('the default threshold is 1: the first error is final', async () => {
    const { status } = await runPass(promotionWith([{ uses: 'copy', config: { inPath: 'missing', outPath: 'x' } }]), fixture);
    expect(status.phase).toBe('Errored');
    expect(status.message).toMatch(/^step "step-1" met error threshold of 1: error running step "step-1": failed to copy/);
  });

  it('a retried step that then succeeds lets the Promotion succeed', async () => {
    const promotion = promotionWith([{ uses: 'copy', retry: { errorThreshold: 3 }, config: { inPath: 'late.txt', outPath: 'copy.txt' } }]);
    expect((await runPass(promotion, fixture)).status.phase).toBe('Running');
    writeFileSync(join(workDir, 'late.txt'), 'here');
    const { status } = await runPass(promotion, fixture);
    expect(status.phase).toBe('Succeeded');
    expect(status.stepExecutionMetadata?.[0]).toMatchObject({ status: 'Succeeded', errorCount: 1 });
    expect(readFileSync(join(workDir, 'copy.txt'), 'utf8')).toBe('here');
  });
});

describe('runner: Running steps', () => {
  it('stops at a Running step, keeps currentStep, asks to come back, and resumes there without re-running earlier steps', async () => {
    const promotion = promotionWith([
      // file-write refuses to overwrite: re-running it would fail the Promotion.
      { uses: 'file-write', as: 'write', config: { path: 'once.txt', contents: 'once' } },
      { uses: 'wait-for-file', as: 'wait', config: { path: 'ready' } },
      { uses: 'compose-output', as: 'after', config: { saw: '${{ outputs.wait.found }}' } },
    ]);
    let result = await runPass(promotion, fixture);
    expect(result.status.phase).toBe('Running');
    expect(result.status.currentStep).toBe(1);
    expect(result.retryAfterMs).toBe(5000);
    expect(result.status.stepExecutionMetadata?.[1]).toMatchObject({ alias: 'wait', status: 'Running', message: 'waiting for ready' });
    clock.advance(60_000);
    result = await runPass(promotion, fixture);
    expect(result.status.phase).toBe('Running');
    writeFileSync(join(workDir, 'ready'), '');
    clock.advance(60_000);
    result = await runPass(promotion, fixture);
    expect(result.status.phase).toBe('Succeeded');
    expect(result.status.state).toEqual({ write: null, wait: { found: 'ready' }, after: { saw: 'ready' } });
    expect(result.status.stepExecutionMetadata?.[1]).toMatchObject({ startedAt: '2026-01-01T10:00:00Z', finishedAt: '2026-01-01T10:02:00Z' });
  });

  it('times a Running step out after retry.timeout, counted from its start', async () => {
    const promotion = promotionWith([{ uses: 'wait-for-file', as: 'wait', retry: { timeout: '90s' }, config: { path: 'never' } }]);
    expect((await runPass(promotion, fixture)).status.phase).toBe('Running');
    clock.advance(60_000);
    expect((await runPass(promotion, fixture)).status.phase).toBe('Running');
    clock.advance(31_000);
    const { status } = await runPass(promotion, fixture);
    expect([status.phase, status.message]).toEqual(['Errored', 'step "wait" timed out after 1m30s']);
  });

  it("uses the step's default timeout when retry.timeout is unset", async () => {
    fixture.registry = builtinStepRegistry().register(waitForFileStep({ defaultTimeoutMs: 300_000 }));
    const promotion = promotionWith([{ uses: 'wait-for-file', config: { path: 'never' } }]);
    await runPass(promotion, fixture);
    clock.advance(300_001);
    expect((await runPass(promotion, fixture)).status.message).toBe('step "step-1" timed out after 5m0s');
  });

  it('starts over from the first step in a fresh working directory, keeping state', async () => {
    const promotion = promotionWith([
      { uses: 'compose-output', as: 'first', config: { n: 1 } },
      { uses: 'wait-for-file', as: 'wait', config: { path: 'ready' } },
    ]);
    await runPass(promotion, fixture);
    const fresh = makeWorkDir();
    try {
      writeFileSync(join(fresh.workDir, 'ready'), '');
      const { status } = await runPass(promotion, { ...fixture, workDir: fresh.workDir, freshWorkDir: true });
      expect(status.phase).toBe('Succeeded');
      expect(status.stepExecutionMetadata?.map((meta) => meta.alias)).toEqual(['first', 'wait']);
    } finally {
      fresh.cleanup();
    }
  });
});

describe('runner: abort', () => {
  it('terminates on the abort annotation, marking the Running step Aborted', async () => {
    const promotion = promotionWith([{ uses: 'wait-for-file', as: 'wait', config: { path: 'never' } }]);
    await runPass(promotion, fixture);
    promotion.metadata.annotations = { ...promotion.metadata.annotations, 'kargo.akuity.io/abort': '{"action":"terminate","actor":"kubernetes:bob"}' };
    clock.advance(1000);
    const { status } = await runPass(promotion, fixture);
    expect([status.phase, status.message]).toEqual(['Aborted', 'Promotion terminated by kubernetes:bob']);
    expect(status.stepExecutionMetadata?.[0]).toMatchObject({ status: 'Aborted', finishedAt: '2026-01-01T10:00:01Z' });
    expect(status.finishedAt).toBe('2026-01-01T10:00:01Z');
  });

  it('a bare "terminate" annotation works before anything ran', async () => {
    const promotion = promotionWith([{ uses: 'compose-output', config: { a: 1 } }], { annotations: { 'kargo.akuity.io/abort': 'terminate' } });
    const { status } = await runPass(promotion, fixture);
    expect([status.phase, status.message, status.stepExecutionMetadata]).toEqual(['Aborted', 'Promotion terminated per user request', undefined]);
  });

  it('a termination signal stops between steps; any other abort is a cancellation (Errored, as Kargo)', async () => {
    const controller = new AbortController();
    controller.abort(new PromotionTermination('kubernetes:carol'));
    let { status } = await runPass(promotionWith([{ uses: 'compose-output', config: { a: 1 } }]), { ...fixture, signal: controller.signal });
    expect([status.phase, status.message]).toEqual(['Aborted', 'Promotion terminated by kubernetes:carol']);
    const stopping = new AbortController();
    stopping.abort(new Error('engine stopping'));
    ({ status } = await runPass(promotionWith([{ uses: 'compose-output', config: { a: 1 } }]), { ...fixture, signal: stopping.signal }));
    expect([status.phase, status.message]).toEqual(['Errored', 'execution canceled: engine stopping']);
  });

  it('a terminal Promotion is returned unchanged', async () => {
    const promotion = promotionWith([{ uses: 'compose-output', config: { a: 1 } }]);
    promotion.status = { phase: 'Succeeded', message: 'done' };
    expect((await runPass(promotion, fixture)).status).toEqual({ phase: 'Succeeded', message: 'done' });
  });
});
