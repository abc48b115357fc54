// Kargo's step evaluation: pkg/promotion/evaluator_test.go (TestStepEvaluator_Vars,
// TestStepEvaluator_Config) through evaluateKargoVars, kargoExpressionEnv and evaluateTemplate.

import { describe, expect, it } from 'vitest';
import { evaluateKargoVars, evaluateTemplate, kargoExpressionEnv, VariableError } from '../../../src/engine/expressions/index.js';
import type { KargoExpressionData } from '../../../src/engine/expressions/index.js';
import type { ExpressionVariable } from '../../../src/model/kargo.js';
import { fakeData } from './cases/kargo-fixtures.js';

const v = (name: string, value: string): ExpressionVariable => ({ name, value });

describe('vars (TestStepEvaluator_Vars)', () => {
  const cases: {
    name: string;
    data?: Partial<KargoExpressionData>;
    promotion?: ExpressionVariable[];
    step?: ExpressionVariable[];
    want: Record<string, unknown>;
  }[] = [
    { name: 'global vars with literal values', promotion: [v('str', 'foo'), v('bool', 'true'), v('num', '42')], want: { str: 'foo', bool: 'true', num: '42' } },
    {
      name: 'global vars with expressions',
      promotion: [v('str', "${{ 'f' + 'o' + 'o' }}"), v('bool', '${{ 1 == 1 }}'), v('num', '${{ 40 + 2 }}')],
      want: { str: 'foo', bool: true, num: 42 },
    },
    { name: 'step vars with literal values', step: [v('str', 'foo'), v('bool', 'true'), v('num', '42')], want: { str: 'foo', bool: 'true', num: '42' } },
    {
      name: 'step vars with expressions',
      step: [v('str', "${{ 'f' + 'o' + 'o' }}"), v('bool', '${{ 1 == 1 }}'), v('num', '${{ 40 + 2 }}')],
      want: { str: 'foo', bool: true, num: 42 },
    },
    {
      name: 'step vars referencing global vars',
      promotion: [v('global', 'global-value')],
      step: [v('local', "${{ vars.global + '-suffix' }}")],
      want: { global: 'global-value', local: 'global-value-suffix' },
    },
    {
      name: 'step vars referencing other step vars',
      step: [v('v1', 'value1'), v('v2', "${{ vars.v1 + '-suffix' }}")],
      want: { v1: 'value1', v2: 'value1-suffix' },
    },
    {
      name: 'step vars referencing outputs',
      data: { state: { output1: 'output-value' } },
      step: [v('fromOutput', "${{ outputs.output1 + '-suffix' }}")],
      want: { fromOutput: 'output-value-suffix' },
    },
    {
      name: 'step vars referencing task outputs',
      data: { state: { 'task::alias': { foo: 'baz' } }, stepAlias: 'task::other-alias' },
      step: [v('fromTask', "${{ task.outputs.alias.foo + '-suffix' }}")],
      want: { fromTask: 'baz-suffix' },
    },
    { name: 'warehouse function in vars', step: [v('wh', "${{ warehouse('fake-warehouse') }}")], want: { wh: { kind: 'Warehouse', name: 'fake-warehouse' } } },
    {
      name: 'context properties in vars',
      step: [
        v('proj', '${{ ctx.project }}'),
        v('stage', '${{ ctx.stage }}'),
        v('promo', '${{ ctx.promotion }}'),
        v('actor', '${{ ctx.meta.promotion.actor }}'),
        v('targetFreight', '${{ ctx.targetFreight.origin.name }}'),
      ],
      want: { proj: 'fake-project', stage: 'fake-stage', promo: 'fake-promotion', actor: 'fake-creator', targetFreight: 'fake-warehouse' },
    },
    { name: 'freight functions in vars', step: [v('commit', "${{ commitFrom('https://fake-git-repo').ID }}")], want: { commit: 'fake-commit-id' } },
  ];

  it.each(cases)('$name', ({ data, promotion, step, want }) => {
    expect(evaluateKargoVars(fakeData(data), promotion, step)).toEqual(want);
  });

  it.each([
    ['invalid expression in global var', [v('invalid', '${{ invalid.expression }}')], []],
    ['invalid expression in step var', [], [v('invalid', '${{ invalid.expression }}')]],
  ])('%s', (_name, promotion, step) => {
    expect(() => evaluateKargoVars(fakeData(), promotion, step)).toThrow(VariableError);
    expect(() => evaluateKargoVars(fakeData(), promotion, step)).toThrow(
      'error pre-processing promotion variable "invalid": cannot fetch expression from <nil> at 1:10 in " invalid.expression "',
    );
  });

  it("a Promotion's own vars cannot see outputs; a step's can", () => {
    const data = fakeData({ state: { out: 'x' } });
    expect(evaluateKargoVars(data, [v('p', '${{ outputs }}')])).toEqual({ p: null });
    expect(evaluateKargoVars(data, [], [v('s', '${{ outputs.out }}')])).toEqual({ s: 'x' });
  });
});

describe('config (TestStepEvaluator_Config)', () => {
  const config = (template: unknown, data: Partial<KargoExpressionData> = {}, promotionVars: ExpressionVariable[] = []) => {
    const base = fakeData({ stepExecutionMetadata: [], ...data });
    const vars = evaluateKargoVars(base, promotionVars);
    return evaluateTemplate(template, kargoExpressionEnv({ ...base, vars }));
  };

  it('test context', () => {
    const template = {
      project: '${{ ctx.project }}',
      stage: '${{ ctx.stage }}',
      promotion: '${{ ctx.promotion }}',
      actor: '${{ ctx.meta.promotion.actor }}',
      targetFreight: { name: '${{ ctx.targetFreight.name }}', origin: '${{ ctx.targetFreight.origin.name }}' },
    };
    expect(config(template)).toEqual({
      project: 'fake-project',
      stage: 'fake-stage',
      promotion: 'fake-promotion',
      actor: 'fake-creator',
      targetFreight: { name: 'fake-freight', origin: 'fake-warehouse' },
    });
  });

  const varsTemplate = { strVar: '${{ vars.strVar }}', boolVar: '${{ vars.boolVar }}', numVar: '${{ vars.numVar }}' };
  it('test vars with literal values', () => {
    expect(config(varsTemplate, {}, [v('strVar', 'foo'), v('boolVar', 'true'), v('numVar', '42')])).toEqual({ strVar: 'foo', boolVar: true, numVar: 42 });
  });
  it('test vars with expressions', () => {
    const vars = [v('strVar', "${{ 'f' + 'o' + 'o' }}"), v('boolVar', "${{ vars.strVar == 'foo' }}"), v('numVar', '${{ 40 + 2 }}')];
    expect(config(varsTemplate, {}, vars)).toEqual({ strVar: 'foo', boolVar: true, numVar: 42 });
  });
  it('test outputs', () => {
    const template = { strOutput: '${{ outputs.strOutput }}', boolOutput: '${{ outputs.boolOutput }}', numOutput: '${{ outputs.numOutput }}' };
    const state = { strOutput: 'foo', boolOutput: true, numOutput: 42 };
    expect(config(template, { state })).toEqual({ strOutput: 'foo', boolOutput: true, numOutput: 42 });
  });

  it.each([
    ['test asYAML keeps nil contents as a string', '${{ asYAML(nil) }}', 'null\n'],
    ['test asYAML boolean', '${{ asYAML(true) }}', 'true\n'],
    ['test asYAML number', '${{ asYAML(42) }}', '42\n'],
    ['test asJSON nil', '${{ asJSON(nil) }}', 'null\n'],
    ['test asJSON boolean', '${{ asJSON(true) }}', 'true\n'],
    ['test asJSON string', "${{ asJSON('foo') }}", '"foo"\n'],
    ['test asYAML structured map', "${{ asYAML({ 'foo': 'bar', 'count': 2 }) }}", 'count: 2\nfoo: bar\n'],
    ['test asYAML structured list', "${{ asYAML([ 'one', 'two' ]) }}", '- one\n- two\n'],
    ['test asJSON structured object', "${{ asJSON({ 'foo': 'bar', 'count': 2 }) }}", '{\n  "count": 2,\n  "foo": "bar"\n}\n'],
  ])('%s', (_name, contents, want) => {
    expect(config({ path: 'out.yaml', contents })).toEqual({ path: 'out.yaml', contents: want });
  });

  it('test warehouse function', () => {
    const template = {
      origin1: "${{ warehouse('fake-warehouse') }}",
      origin2: '${{ warehouse(vars.warehouseName) }}',
      origin3: '${{ warehouse(ctx.targetFreight.origin.name) }}',
    };
    const data = { targetFreight: { name: 'fake-freight', origin: { name: 'fake-origin-warehouse' } } };
    expect(config(template, data, [v('warehouseName', 'fake-warehouse')])).toEqual({
      origin1: { kind: 'Warehouse', name: 'fake-warehouse' },
      origin2: { kind: 'Warehouse', name: 'fake-warehouse' },
      origin3: { kind: 'Warehouse', name: 'fake-origin-warehouse' },
    });
  });

  it('test commitFrom function', () => {
    const template = {
      commitID1: "${{ commitFrom('https://fake-git-repo').ID }}",
      commitID2: '${{ commitFrom(vars.repoURL).ID }}',
      commitID3: "${{ commitFrom('https://fake-git-repo', warehouse('fake-warehouse')).ID }}",
      commitID4: '${{ commitFrom(vars.repoURL, warehouse(vars.warehouseName)).ID }}',
    };
    const vars = [v('warehouseName', 'fake-warehouse'), v('repoURL', 'https://fake-git-repo')];
    expect(config(template, {}, vars)).toEqual({
      commitID1: 'fake-commit-id',
      commitID2: 'fake-commit-id',
      commitID3: 'fake-commit-id',
      commitID4: 'fake-commit-id',
    });
  });

  it('test imageFrom function', () => {
    const template = {
      imageTag1: "${{ imageFrom('fake-image-repo').Tag }}",
      imageTag2: '${{ imageFrom(vars.repoURL).Tag }}',
      imageTag3: "${{ imageFrom('fake-image-repo', warehouse('fake-warehouse')).Tag }}",
      imageTag4: '${{ imageFrom(vars.repoURL, warehouse(vars.warehouseName)).Tag }}',
    };
    const vars = [v('warehouseName', 'fake-warehouse'), v('repoURL', 'fake-image-repo')];
    expect(config(template, {}, vars)).toEqual({
      imageTag1: 'fake-image-tag',
      imageTag2: 'fake-image-tag',
      imageTag3: 'fake-image-tag',
      imageTag4: 'fake-image-tag',
    });
  });

  it('test chartFrom function', () => {
    const template = {
      chartVersion1: "${{ chartFrom('oci://fake-oci-repo/fake-chart').Version }}",
      chartVersion2: '${{ chartFrom(vars.ociRepoURL).Version }}',
      chartVersion3: "${{ chartFrom('oci://fake-oci-repo/fake-chart', warehouse('fake-warehouse')).Version }}",
      chartVersion4: '${{ chartFrom(vars.ociRepoURL, warehouse(vars.warehouseName)).Version }}',
      chartVersion5: "${{ chartFrom('https://fake-chart-repo', 'fake-chart').Version }}",
      chartVersion6: '${{ chartFrom(vars.repoURL, vars.chartName).Version }}',
      chartVersion7: "${{ chartFrom('https://fake-chart-repo', 'fake-chart', warehouse('fake-warehouse')).Version }}",
      chartVersion8: '${{ chartFrom(vars.repoURL, vars.chartName, warehouse(vars.warehouseName)).Version }}',
    };
    const vars = [
      v('warehouseName', 'fake-warehouse'),
      v('repoURL', 'https://fake-chart-repo'),
      v('chartName', 'fake-chart'),
      v('ociRepoURL', 'oci://fake-oci-repo/fake-chart'),
    ];
    const oci = 'fake-oci-chart-version';
    const https = 'fake-chart-version';
    expect(config(template, {}, vars)).toEqual({
      chartVersion1: oci,
      chartVersion2: oci,
      chartVersion3: oci,
      chartVersion4: oci,
      chartVersion5: https,
      chartVersion6: https,
      chartVersion7: https,
      chartVersion8: https,
    });
  });

  it.each([
    ['test success function', { wasSuccessful: '${{ success() }}' }, { wasSuccessful: true }],
    ['test failure function', { wasFailure: '${{ failure() }}' }, { wasFailure: false }],
    ['test always function', { alwaysTrue: '${{ always() }}' }, { alwaysTrue: true }],
  ])('%s', (_name, template, want) => {
    expect(config(template)).toEqual(want);
  });

  it('test status function', () => {
    const data = { stepExecutionMetadata: [{ alias: 'test-step', status: 'Failed' as const }] };
    expect(config({ status: '${{ status("test-step") }}' }, data)).toEqual({ status: 'Failed' });
  });
});
