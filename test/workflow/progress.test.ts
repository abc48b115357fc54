// The live progress a CI log shows while `--wait` follows a Promotion and then
// its verification: append-only lines, printed only when they change, plus a
// heartbeat while nothing changes. Checked against golden files.

import { describe, expect, it } from 'vitest';
import type { AnalysisRun, Promotion, Stage } from '../../src/model/kargo.js';
import { promotionFrame } from '../../src/output/progress-promotion.js';
import { verificationFrame } from '../../src/output/progress-verification.js';
import { createProgressView } from '../../src/output/progress-view.js';
import { CapturedStream } from './harness.js';

const steps = [{ uses: 'git-clone' }, { uses: 'kustomize-set-image', as: 'set-image' }, { uses: 'argocd-update' }];

function promotion(status: Promotion['status']): Promotion {
  return { metadata: { name: 'staging.01jd3xq8v6n2k9w4r7t5y1m3bz.c3d4e5f' }, spec: { stage: 'staging', freight: 'c3d4e5f6', steps }, status };
}

const at = (second: number) => `2026-11-23T03:00:${String(second).padStart(2, '0')}Z`;

describe('promotion progress (append-only)', () => {
  it('prints each change once: pending reason, steps, final line', async () => {
    const stream = new CapturedStream();
    const view = createProgressView({ stream, interactive: false, now: () => new Date(at(0)) });
    const snapshots = [
      { promotion: promotion({ phase: 'Pending' }), pendingReason: 'queued behind promotion staging.01jd3xpz0000000000000000aa.b2c3d4e (Running)' },
      { promotion: promotion({ phase: 'Pending' }), pendingReason: 'queued behind promotion staging.01jd3xpz0000000000000000aa.b2c3d4e (Running)' },
      { promotion: promotion({ phase: 'Running', currentStep: 0, stepExecutionMetadata: [{ alias: 'step-1', startedAt: at(1), status: 'Running' }] }) },
      {
        promotion: promotion({
          phase: 'Running',
          currentStep: 1,
          stepExecutionMetadata: [
            { alias: 'step-1', startedAt: at(1), finishedAt: at(3), status: 'Succeeded' },
            { alias: 'set-image', startedAt: at(3), status: 'Running', errorCount: 1, message: 'remote rejected; step will be retried' },
          ],
        }),
      },
      {
        promotion: promotion({
          phase: 'Failed',
          message: 'step "set-image" failed: kustomization.yaml not found',
          stepExecutionMetadata: [
            { alias: 'step-1', startedAt: at(1), finishedAt: at(3), status: 'Succeeded' },
            { alias: 'set-image', startedAt: at(3), finishedAt: at(9), status: 'Failed', errorCount: 2, message: 'kustomization.yaml not found' },
            { alias: 'step-3', status: 'Skipped' },
          ],
        }),
      },
    ];
    for (const snapshot of snapshots) view.show(promotionFrame(snapshot));
    view.finish('failure', 'Promotion staging.01jd3xq8v6n2k9w4r7t5y1m3bz.c3d4e5f Failed at step set-image: kustomization.yaml not found.');
    await expect(stream.text).toMatchFileSnapshot('../golden/workflow/promotion-progress.txt');
  });

  it('prints a heartbeat when nothing changed for a while', async () => {
    const stream = new CapturedStream();
    let now = Date.parse(at(0));
    const view = createProgressView({ stream, interactive: false, heartbeatMs: 30_000, now: () => new Date(now) });
    view.show(promotionFrame({ promotion: promotion({ phase: 'Pending' }), pendingReason: 'waiting for the Stage to admit it' }));
    now += 31_000;
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    view.finish('info', 'done');
    expect(stream.text.split('\n')[1]).toBe(
      '… still waiting (31s): Promotion staging.01jd3xq8v6n2k9w4r7t5y1m3bz.c3d4e5f to Stage staging: Pending — waiting for the Stage to admit it',
    );
  });
});

describe('verification progress (append-only)', () => {
  it('shows the standing and each metric with its counters and last value', async () => {
    const stream = new CapturedStream();
    const view = createProgressView({ stream, interactive: false, now: () => new Date(at(0)) });
    const stage: Stage = { metadata: { name: 'staging' }, spec: {}, status: { health: { status: 'Progressing' } } };
    const run = (phase: AnalysisRun['status']): AnalysisRun => ({ metadata: { name: 'staging.01jd3xr.55d4523' }, spec: { metrics: [] }, status: phase });
    view.show(
      verificationFrame({
        stage,
        standing: { kind: 'waiting', reason: 'waiting for the Stage to become Healthy (now Progressing); verification starts after that' },
      }),
    );
    const info = { id: 'v1', phase: 'Running' as const, analysisRun: { name: 'staging.01jd3xr.55d4523' } };
    view.show(
      verificationFrame({
        stage,
        standing: { kind: 'running', verification: info },
        analysisRun: run({
          phase: 'Running',
          metricResults: [{ name: 'error-rate', phase: 'Running', count: 1, successful: 1, measurements: [{ phase: 'Successful', value: '0.02' }] }],
        }),
      }),
    );
    view.show(
      verificationFrame({
        stage,
        standing: {
          kind: 'finished',
          verification: { ...info, phase: 'Failed', message: 'Metric "error-rate" assessed Failed due to failed (1) > failureLimit (0)' },
        },
        analysisRun: run({
          phase: 'Failed',
          metricResults: [
            {
              name: 'error-rate',
              phase: 'Failed',
              count: 2,
              successful: 1,
              failed: 1,
              measurements: [
                { phase: 'Successful', value: '0.02' },
                { phase: 'Failed', value: '0.31' },
              ],
            },
          ],
        }),
      }),
    );
    await expect(stream.text).toMatchFileSnapshot('../golden/workflow/verification-progress.txt');
  });
});

/** Enough of a tty.WriteStream for ora: it redraws with cursor moves and line clears. */
class FakeTerminal {
  readonly isTTY = true;
  readonly columns = 120;
  text = '';
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
  cursorTo(): boolean {
    return true;
  }
  moveCursor(): boolean {
    this.text += '<up>';
    return true;
  }
  clearLine(): boolean {
    return true;
  }
}

describe('promotion progress (terminal)', () => {
  it('redraws one block under a spinner, keeps the final block, and ignores events after the outcome', () => {
    const terminal = new FakeTerminal();
    const view = createProgressView({ stream: terminal, interactive: true, now: () => new Date(at(0)) });
    view.show(promotionFrame({ promotion: promotion({ phase: 'Running', currentStep: 0, stepExecutionMetadata: [{ alias: 'step-1', status: 'Running' }] }) }));
    view.show(
      promotionFrame({
        promotion: promotion({
          phase: 'Running',
          currentStep: 1,
          stepExecutionMetadata: [
            { alias: 'step-1', status: 'Succeeded' },
            { alias: 'set-image', status: 'Running' },
          ],
        }),
      }),
    );
    view.finish('success', 'Promotion staging.01jd3xq8v6n2k9w4r7t5y1m3bz.c3d4e5f Succeeded in 12s');
    const finished = terminal.text;
    view.show(promotionFrame({ promotion: promotion({ phase: 'Succeeded' }) }));
    expect(terminal.text).toBe(finished);
    expect(finished).toContain('<up>');
    const lastBlock = finished.slice(finished.lastIndexOf('Promotion staging.01jd3xq8v6n2k9w4r7t5y1m3bz.c3d4e5f Succeeded in 12s'));
    expect(lastBlock).toContain('✔ step-1 [git-clone] Succeeded');
    expect(lastBlock).toContain('◌ set-image [kustomize-set-image] Running');
  });

  it('falls back to appended lines when the terminal width is unknown', () => {
    const terminal = Object.assign(new FakeTerminal(), { columns: 0 });
    const view = createProgressView({ stream: terminal, interactive: true, now: () => new Date(at(0)) });
    view.show(promotionFrame({ promotion: promotion({ phase: 'Pending' }), pendingReason: 'first in line; waiting for the Stage to admit it' }));
    view.finish('info', 'done');
    expect(terminal.text).toBe(
      'Promotion staging.01jd3xq8v6n2k9w4r7t5y1m3bz.c3d4e5f to Stage staging: Pending — first in line; waiting for the Stage to admit it\ndone\n',
    );
  });
});
