// Bad input ends the Promotion Errored or Failed with Kargo's kind of message,
// and leaves the working directory as it was.

import { existsSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PromotionStep } from '../../../src/model/kargo.js';
import { defaultFixture, manualClock, promotionWith, runPass, type RunnerFixture } from '../support/promotion.js';
import { makeWorkDir } from '../support/step-context.js';

let workDir: string;
let cleanup: () => void;
let outside: ReturnType<typeof makeWorkDir>;
let fixture: RunnerFixture;
beforeEach(() => {
  ({ workDir, cleanup } = makeWorkDir());
  outside = makeWorkDir();
  fixture = defaultFixture(workDir, manualClock());
  mkdirSync(join(workDir, 'repo'));
  writeFileSync(join(workDir, 'repo', 'app.yaml'), 'a: 1\n');
});
afterEach(() => {
  cleanup();
  outside.cleanup();
});

const write: PromotionStep = { uses: 'file-write', as: 'write', config: { path: 'repo/new.yaml', contents: 'x' } };

async function expectEnds(steps: PromotionStep[], phase: string, message: string | RegExp): Promise<void> {
  const before = readdirSync(join(workDir, 'repo')).sort();
  const promotion = promotionWith(steps);
  const { status } = await runPass(promotion, fixture);
  expect({ phase: status.phase }).toEqual({ phase });
  if (typeof message === 'string') expect(status.message).toBe(message);
  else expect(status.message).toMatch(message);
  expect(status.stepExecutionMetadata?.at(-1)?.status).toBe('Skipped');
  expect(readdirSync(join(workDir, 'repo')).sort()).toEqual(before);
  expect(existsSync(join(workDir, 'repo', 'new.yaml'))).toBe(false);
}

describe('runner: bad input changes nothing', () => {
  it('a malformed expression: Errored, naming where', async () => {
    await expectEnds(
      [{ uses: 'copy', config: { inPath: '${{ outputs. }}', outPath: 'x' } }, write],
      'Errored',
      /^failed to build step context: failed to get step config: .+ at 1:\d+ in /,
    );
  });

  it('an unknown function: Errored', async () => {
    await expectEnds(
      [{ uses: 'copy', config: { inPath: '${{ nosuchfn(1) }}', outPath: 'x' } }, write],
      'Errored',
      /^failed to build step context: failed to get step config: .*nosuchfn/,
    );
  });

  it('a missing var: the null it yields fails the schema, Failed', async () => {
    await expectEnds(
      [{ uses: 'copy', config: { inPath: '${{ vars.nope }}', outPath: 'x' } }, write],
      'Failed',
      'step "step-1": invalid copy config: inPath: Invalid type. Expected: string, given: null',
    );
  });

  it('a var that fails to evaluate: Errored, naming the var', async () => {
    await expectEnds(
      [{ uses: 'copy', vars: [{ name: 'src', value: '${{ 1 + }}' }], config: { inPath: '${{ vars.src }}', outPath: 'x' } }, write],
      'Errored',
      /^failed to build step context: failed to get step config: error pre-processing promotion variable "src": /,
    );
  });

  it('a config failing its schema: Failed, naming the field', async () => {
    await expectEnds([{ uses: 'copy', config: { inPath: 'repo' } }, write], 'Failed', 'step "step-1": invalid copy config: (root): outPath is required');
  });

  it('a step without the config its schema requires: Failed', async () => {
    await expectEnds([{ uses: 'copy' }, write], 'Failed', 'step "step-1": invalid copy config: (root): Invalid type. Expected: object, given: null');
  });

  it('a path escaping the working directory (../, absolute, symlink): Failed', async () => {
    const { symlinkSync } = await import('node:fs');
    symlinkSync(outside.workDir, join(workDir, 'escape'));
    await expectEnds(
      [{ uses: 'copy', config: { inPath: 'repo', outPath: '../elsewhere' } }, write],
      'Failed',
      'step "step-1": path "../elsewhere" attempts to traverse outside the working directory',
    );
    await expectEnds(
      [{ uses: 'copy', config: { inPath: 'repo', outPath: '/tmp/elsewhere' } }, write],
      'Failed',
      /^step "step-1": path "\/tmp\/elsewhere" must be relative/,
    );
    await expectEnds(
      [{ uses: 'copy', config: { inPath: 'repo', outPath: 'escape/copied' } }, write],
      'Failed',
      'step "step-1": path "escape/copied" resolves outside the working directory through a symlink',
    );
    expect(readdirSync(outside.workDir)).toEqual([]);
  });

  it("an unknown step kind: Errored with Kargo's message", async () => {
    await expectEnds(
      [{ uses: 'send-message', config: {} }, write],
      'Errored',
      'step kind "send-message" is not registered; verify the kind is correct; if you are a Kargo Enterprise user, you may need to enable the promotion controller',
    );
  });

  it('an if that is not a boolean: Errored', async () => {
    await expectEnds(
      [{ uses: 'compose-output', if: '${{ "yes" }}', config: { a: 1 } }, write],
      'Errored',
      'error checking if step "step-1" should be skipped: expression must evaluate to a boolean, got string',
    );
  });

  it('a hosted-provider step: Errored, saying the engine does not support it', async () => {
    await expectEnds(
      [{ uses: 'git-open-pr', config: { repoURL: 'https://github.com/example/repo', sourceBranch: 'a', targetBranch: 'b' } }, write],
      'Errored',
      /^an unrecoverable error occurred: error running step "step-1": step kind "git-open-pr" is not supported by this engine/,
    );
  });

  it('Freight that is gone or no longer available: Errored before any step', async () => {
    fixture.freight = undefined;
    let promotion = promotionWith([write]);
    let { status } = await runPass(promotion, fixture);
    expect([status.phase, status.message]).toEqual(['Errored', 'Freight "f1abcde" not found in namespace "demo"']);
    fixture = defaultFixture(workDir, manualClock());
    fixture.stage.spec.requestedFreight = [{ origin: { kind: 'Warehouse', name: 'apps' }, sources: { stages: ['upstream'] } }];
    promotion = promotionWith([write]);
    ({ status } = await runPass(promotion, fixture));
    expect([status.phase, status.message]).toEqual(['Errored', 'Freight "f1abcde" is not available to Stage "test" in namespace "demo"']);
    expect(status.stepExecutionMetadata).toBeUndefined();
    expect(existsSync(join(workDir, 'repo', 'new.yaml'))).toBe(false);
  });
});
