// Verification arguments: pkg/rollouts/analysis_run_builder_test.go
// (TestAnalysisRunBuilder_buildArgs) and the env regular_stages.go builds.

import { describe, expect, it } from 'vitest';
import { evaluateVerificationArgs, VerificationArgumentError } from '../../../src/engine/expressions/index.js';
import { fakeData } from './cases/kargo-fixtures.js';

const scope = fakeData();

describe('evaluateVerificationArgs', () => {
  it('evaluate argument, leaving literal values and empty ones alone', () => {
    const args = [{ name: 'param1', value: 'value1' }, { name: 'stage', value: '${{ ctx.stage }}' }, { name: 'defaulted' }];
    expect(evaluateVerificationArgs(scope, [], args)).toEqual([
      { name: 'param1', value: 'value1' },
      { name: 'stage', value: 'fake-stage' },
      { name: 'defaulted' },
    ]);
  });

  it('evaluate variable in argument (a later var overrides, seeing the earlier one)', () => {
    const vars = [
      { name: 'test', value: 'value1' },
      { name: 'test', value: "${{ vars.test + '-suffix'}}" },
    ];
    expect(evaluateVerificationArgs(scope, vars, [{ name: 'param1', value: '${{ vars.test }}' }])).toEqual([{ name: 'param1', value: 'value1-suffix' }]);
  });

  it('sees the freight functions but not the Promotion', () => {
    const args = [
      { name: 'tag', value: "${{ imageFrom('fake-image-repo').Tag }}" },
      { name: 'promotion', value: '${{ quote(ctx.promotion) }}' },
    ];
    expect(evaluateVerificationArgs(scope, [], args)).toEqual([
      { name: 'tag', value: 'fake-image-tag' },
      { name: 'promotion', value: 'null' },
    ]);
  });

  it.each([
    ['argument evaluation error', [], [{ name: 'param1', value: '${{ nothing.test }}' }], 'evaluate argument "param1": cannot fetch test'],
    ['variable evaluation error', [{ name: 'test', value: '${{ nothing.test }}' }], [], 'evaluate variable "test": cannot fetch test'],
    ['a value that is not a string', [], [{ name: 'n', value: '${{ 40 + 2 }}' }], 'evaluated argument "n" value is not a string but float64'],
  ])('%s', (_name, vars, args, message) => {
    expect(() => evaluateVerificationArgs(scope, vars, args)).toThrow(VerificationArgumentError);
    expect(() => evaluateVerificationArgs(scope, vars, args)).toThrow(message);
  });
});
