import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultFixture, manualClock, promotionWith, runPass, type RunnerFixture } from '../support/promotion.js';
import { makeWorkDir } from '../support/step-context.js';

let workDir: string;
let cleanup: () => void;
let fixture: RunnerFixture;
let clock: ReturnType<typeof manualClock>;
beforeEach(() => {
  ({ workDir, cleanup } = makeWorkDir());
  clock = manualClock();
  fixture = defaultFixture(workDir, clock);
});
afterEach(() => cleanup());

describe('runner: a promotion that succeeds', () => {
  it('runs every step with vars, outputs and ctx, records metadata and state, and ends Succeeded', async () => {
    const promotion = promotionWith(
      [
        { uses: 'compose-output', as: 'meta', config: { image: "${{ imageFrom('ghcr.io/example/app').Tag }}", target: '${{ vars.env }}' } },
        {
          uses: 'file-write',
          config: {
            path: '${{ vars.dir }}/values.txt',
            contents: '${{ outputs.meta.image }} for ${{ ctx.stage }} by ${{ ctx.meta.promotion.actor }} (${{ ctx.targetFreight.alias }})',
          },
          vars: [{ name: 'dir', value: 'out-${{ outputs.meta.target }}' }],
        },
        { uses: 'copy', as: 'dup', config: { inPath: 'out-prod/values.txt', outPath: 'copy/values.txt' } },
      ],
      {
        vars: [
          { name: 'env', value: 'prod' },
          { name: 'dir', value: 'ignored-by-step-var' },
        ],
      },
    );
    const { status } = await runPass(promotion, fixture);
    expect(status.stepExecutionMetadata?.map((meta) => meta.message)).toEqual([undefined, undefined, undefined]);
    expect(status.phase).toBe('Succeeded');
    expect(status.message, 'no message is no field, as Go omits it').toBeUndefined();
    expect(status.currentStep).toBe(2);
    expect(readFileSync(join(workDir, 'copy', 'values.txt'), 'utf8')).toBe('1.2.3 for test by kubernetes:alice (happy-fox)');
    expect(status.state).toEqual({ meta: { image: '1.2.3', target: 'prod' }, 'step-2': null, dup: null });
    expect(status.stepExecutionMetadata).toEqual([
      { alias: 'meta', status: 'Succeeded', startedAt: '2026-01-01T10:00:00Z', finishedAt: '2026-01-01T10:00:00Z' },
      { alias: 'step-2', status: 'Succeeded', startedAt: '2026-01-01T10:00:00Z', finishedAt: '2026-01-01T10:00:00Z' },
      { alias: 'dup', status: 'Succeeded', startedAt: '2026-01-01T10:00:00Z', finishedAt: '2026-01-01T10:00:00Z' },
    ]);
    expect(status.startedAt).toBe('2026-01-01T10:00:00Z');
    expect(status.finishedAt).toBe('2026-01-01T10:00:00Z');
    expect(status.freight?.name).toBe('f1abcde');
    expect(Object.keys(status.freightCollection?.items ?? {})).toEqual(['Warehouse/apps']);
    expect(status.freightCollection?.id).toMatch(/^[0-9a-f]{40}$/);
  });

  it('skips after a failure by default, runs always() and failure() steps, and honours continueOnError', async () => {
    const promotion = promotionWith([
      { uses: 'fail', as: 'tolerated', continueOnError: true, config: { message: 'ignored' } },
      { uses: 'compose-output', as: 'after-tolerated', config: { ok: true } },
      { uses: 'fail', as: 'broken', config: { message: 'boom' } },
      { uses: 'compose-output', as: 'skipped', config: { never: true } },
      { uses: 'compose-output', as: 'cleanup', if: '${{ always() }}', config: { ran: true } },
      { uses: 'compose-output', as: 'on-failure', if: '${{ failure() }}', config: { ran: true } },
      { uses: 'compose-output', as: 'on-success', if: '${{ success() }}', config: { ran: true } },
      { uses: 'compose-output', as: 'by-status', if: "${{ status('broken') == 'Failed' }}", config: { ran: true } },
    ]);
    const { status } = await runPass(promotion, fixture);
    const byAlias = Object.fromEntries((status.stepExecutionMetadata ?? []).map((meta) => [meta.alias, meta.status]));
    expect(byAlias).toEqual({
      tolerated: 'Failed',
      'after-tolerated': 'Succeeded',
      broken: 'Failed',
      skipped: 'Skipped',
      cleanup: 'Succeeded',
      'on-failure': 'Succeeded',
      'on-success': 'Skipped',
      'by-status': 'Succeeded',
    });
    expect(status.stepExecutionMetadata?.[0]?.continueOnError).toBe(true);
    expect(status.phase).toBe('Failed');
    expect(status.message).toBe('step "broken": failed: boom');
  });

  it('ends Succeeded when only a continueOnError step failed', async () => {
    const promotion = promotionWith([
      { uses: 'nonexistent-step', continueOnError: true },
      { uses: 'compose-output', config: { a: 1 } },
    ]);
    const { status } = await runPass(promotion, fixture);
    expect(status.phase).toBe('Succeeded');
    expect(status.stepExecutionMetadata?.map((meta) => meta.status)).toEqual(['Errored', 'Succeeded']);
  });

  it('propagates compose-output into its task, for task.outputs inside and outputs.<task> outside', async () => {
    const promotion = promotionWith([
      { uses: 'compose-output', as: 'task-1::step-1', config: { tag: 'v1' } },
      { uses: 'compose-output', as: 'task-1::step-2', config: { seen: '${{ task.outputs["step-1"].tag }}' } },
      { uses: 'compose-output', as: 'outside', config: { fromTask: '${{ outputs["task-1"].tag }}-${{ outputs["task-1"].seen }}' } },
    ]);
    const { status } = await runPass(promotion, fixture);
    expect(status.phase).toBe('Succeeded');
    expect(status.state?.['task-1']).toEqual({ tag: 'v1', seen: 'v1' });
    expect(status.state?.outside).toEqual({ fromTask: 'v1-v1' });
  });

  it('gives steps without an alias step-N', async () => {
    const { status } = await runPass(
      promotionWith([
        { uses: 'compose-output', config: { a: 1 } },
        { uses: 'compose-output', as: 'named', config: { b: '${{ outputs["step-1"].a }}' } },
      ]),
      fixture,
    );
    expect(status.state).toEqual({ 'step-1': { a: 1 }, named: { b: 1 } });
  });

  it('reads configMap() and secret() from the snapshot', async () => {
    fixture.snapshot = {
      ...fixture.snapshot,
      configMaps: [{ metadata: { name: 'settings', namespace: 'demo' }, data: { region: 'eu' } }],
      secrets: [{ metadata: { name: 'token', namespace: 'demo' }, data: { value: Buffer.from('s3cret').toString('base64') } }],
    };
    const { status } = await runPass(
      promotionWith([{ uses: 'compose-output', config: { region: "${{ configMap('settings').region }}", length: "${{ len(secret('token').value) }}" } }]),
      fixture,
    );
    expect(status.state?.['step-1']).toEqual({ region: 'eu', length: 6 });
  });

  it('evaluates vars in order: promotion vars (no outputs), then step vars (outputs, earlier vars), later names winning', async () => {
    const promotion = promotionWith(
      [
        { uses: 'compose-output', as: 'first', config: { n: 2 } },
        {
          uses: 'compose-output',
          as: 'second',
          vars: [
            { name: 'doubled', value: '${{ outputs.first.n * vars.factor }}' },
            { name: 'label', value: '${{ vars.prefix }}-${{ vars.doubled }}' },
          ],
          config: { label: '${{ vars.label }}', factor: '${{ vars.factor }}' },
        },
      ],
      {
        vars: [
          { name: 'factor', value: '${{ 3 }}' },
          { name: 'prefix', value: 'x' },
          { name: 'prefix', value: '${{ vars.prefix }}y' },
        ],
      },
    );
    const { status } = await runPass(promotion, fixture);
    expect(status.stepExecutionMetadata?.[1]?.message).toBeUndefined();
    expect(status.state?.second).toEqual({ label: 'xy-6', factor: 3 });
  });

  it('a promotion var cannot see outputs', async () => {
    const promotion = promotionWith(
      [
        { uses: 'compose-output', as: 'first', config: { n: 1 } },
        { uses: 'compose-output', config: { seen: '${{ vars.early }}' } },
      ],
      { vars: [{ name: 'early', value: '${{ outputs.first.n }}' }] },
    );
    const { status } = await runPass(promotion, fixture);
    expect(status.phase).toBe('Errored');
    expect(status.message).toMatch(/^failed to build step context: failed to get step config: error pre-processing promotion variable "early": /);
  });
});
