// A step's `if`: pkg/promotion/evaluator_test.go TestStepEvaluator_ShouldSkip
// (Kargo skips the step when the condition is false).

import { describe, expect, it } from 'vitest';
import { ConditionError, evaluateKargoVars, evaluateStepCondition, kargoExpressionEnv } from '../../../src/engine/expressions/index.js';
import type { KargoExpressionData } from '../../../src/engine/expressions/index.js';
import { fakeData } from './cases/kargo-fixtures.js';

function shouldRun(condition: string, data: Partial<KargoExpressionData> = {}, promotionVars = [] as { name: string; value: string }[]): boolean {
  const base = fakeData({ stepExecutionMetadata: [], state: {}, ...data });
  return evaluateStepCondition(condition, kargoExpressionEnv({ ...base, vars: evaluateKargoVars(base, promotionVars) }));
}

describe('evaluateStepCondition (TestStepEvaluator_ShouldSkip)', () => {
  it('if condition uses vars', () => {
    expect(shouldRun("${{ vars.foo == 'bar' }}", {}, [{ name: 'foo', value: 'bar' }])).toBe(true);
  });
  it('if condition uses outputs', () => {
    expect(shouldRun("${{ outputs.foo == 'bar' }}", { state: { foo: 'bar' } })).toBe(true);
  });
  it('if condition uses task outputs', () => {
    const data = { state: { 'task::alias': { foo: 'baz' } }, stepAlias: 'task::other-alias' };
    expect(shouldRun("${{ task.outputs.alias.foo == 'bar' }}", data)).toBe(false);
  });
  it('if condition uses expression function', () => {
    const data = {
      freight: [{ name: 'f', origin: { kind: 'Warehouse', name: 'fake-warehouse' }, commits: [{ repoURL: 'https://git.example.com', id: 'foo' }] }],
    };
    expect(shouldRun("${{ commitFrom('https://git.example.com', warehouse('fake-warehouse')).ID == 'foo' }}", data)).toBe(true);
  });
  it('if condition evaluates to false - step should be skipped', () => {
    expect(shouldRun('${{ false }}')).toBe(false);
  });
  it('if condition evaluates to true - step should not be skipped', () => {
    expect(shouldRun('${{ true }}')).toBe(true);
  });
  it('always() runs after a failure; failure() only then', () => {
    const failed = { stepExecutionMetadata: [{ alias: 'a', status: 'Failed' as const }] };
    expect(shouldRun('${{ always() }}', failed)).toBe(true);
    expect(shouldRun('${{ failure() }}', failed)).toBe(true);
    expect(shouldRun('${{ failure() }}')).toBe(false);
  });
  it.each([
    ['invalid condition', 'expression must evaluate to a boolean, got string'],
    ['${{ 1 }}', 'expression must evaluate to a boolean, got float64'],
    ['${{ nil }}', 'expression must evaluate to a boolean, got <nil>'],
  ])('if condition does not evaluate to a boolean: %s', (condition, message) => {
    expect(() => shouldRun(condition)).toThrow(ConditionError);
    expect(() => shouldRun(condition)).toThrow(message);
  });
});
