import { describe, expect, it } from 'vitest';
import { composeOutputStep } from '../../../src/engine/steps/compose-output.js';
import { failStep } from '../../../src/engine/steps/fail.js';
import { TerminalStepError } from '../../../src/engine/step.js';
import { expectSameVerdicts } from '../support/schema-corpus.js';
import { runStep, stepContext } from '../support/step-context.js';

describe('compose-output', () => {
  it('outputs its config, and propagates into its task', async () => {
    const config = { image: 'nginx:1.27', replicas: 3, nested: { a: [1] } };
    expect(await runStep(composeOutputStep, stepContext('/nonexistent'), config)).toEqual({ status: 'Succeeded', output: config });
    expect(composeOutputStep.propagatesTaskOutput).toBe(true);
  });

  it("agrees with Kargo's schema", () => {
    expectSameVerdicts('compose-output', composeOutputStep.validate, [
      { name: 'one key', config: { a: 1 }, valid: true },
      { name: 'any values', config: { a: null, b: [1], c: { d: 'e' } }, valid: true },
      { name: 'empty', config: {}, valid: false },
      { name: 'not an object', config: ['a'], valid: false },
    ]);
  });
});

describe('fail', () => {
  it('fails terminally, with or without a message', async () => {
    await expect(runStep(failStep, stepContext('/nonexistent'), {})).rejects.toThrow(/^failed$/);
    const withMessage = runStep(failStep, stepContext('/nonexistent'), { message: 'not today' });
    await expect(withMessage).rejects.toThrow('failed: not today');
    await expect(withMessage).rejects.toBeInstanceOf(TerminalStepError);
    await expect(withMessage).rejects.toMatchObject({ status: 'Failed' });
  });

  it("agrees with Kargo's schema", () => {
    expectSameVerdicts('fail', failStep.validate, [
      { name: 'empty', config: {}, valid: true },
      { name: 'message', config: { message: 'x' }, valid: true },
      { name: 'empty message', config: { message: '' }, valid: false },
      { name: 'unknown key', config: { reason: 'x' }, valid: false },
    ]);
  });
});
