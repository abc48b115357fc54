// successCondition/failureCondition with Argo's environment, against the
// results analysis-semantics.md §2.4 records from running expr v1.15.5 with
// Rollouts' env, and EvaluateResult's truth table (§1.5.2).

import { describe, expect, it } from 'vitest';
import { evaluateCondition, evaluateConditions } from '../../src/analysis/conditions.js';

const ROWS: { result: unknown; condition: string; expected: boolean | { error: string } }[] = [
  { result: '200', condition: 'result == "200"', expected: true },
  { result: 200, condition: 'result == "200"', expected: { error: 'invalid operation: == (mismatched types float64 and string)' } },
  { result: 200, condition: 'result == 200', expected: true },
  { result: true, condition: "result == 'true'", expected: { error: 'invalid operation: == (mismatched types bool and string)' } },
  { result: true, condition: 'result == true', expected: true },
  { result: { status: 'ok' }, condition: "result.status == 'ok'", expected: true },
  { result: { x: 1 }, condition: "result.status == 'ok'", expected: false },
  { result: { ok: true, successPercent: 0.95 }, condition: 'result.ok && result.successPercent >= 0.90', expected: true },
  { result: '0.5', condition: 'asFloat(result) < 1', expected: true },
  { result: 'abc', condition: 'asInt(result) < 1', expected: { error: 'strconv.ParseInt: parsing "abc": invalid syntax' } },
  { result: null, condition: 'result == nil', expected: true },
  { result: null, condition: 'default(result, 5) == 5', expected: true },
  { result: null, condition: 'isNil(result)', expected: true },
  { result: [1, 2, 3], condition: 'len(result) == 3 && result[0] == 1', expected: true },
  { result: [0.01], condition: 'result[0] < 0.05', expected: true },
  { result: [], condition: 'len(result) == 0 || result[0] < 0.05', expected: true },
  { result: [NaN], condition: 'isNaN(result[0])', expected: true },
  { result: [NaN], condition: 'result[0] < 0.05', expected: false },
  { result: [0.01, 0.02], condition: 'all(result, {# < 0.05})', expected: true },
  { result: 0.01, condition: 'result < 0.05', expected: true },
  { result: 1.5, condition: 'result + 1', expected: { error: 'expected bool, but got float64' } },
  { result: 1, condition: 'foo == 1', expected: { error: 'unknown name foo' } },
  { result: 'hello world', condition: 'result contains "world"', expected: true },
  { result: 'v1.2.3', condition: 'result matches "^v1\\\\."', expected: true },
  { result: { x: null }, condition: '(result.x ?? 3) == 3', expected: true },
  { result: { x: null }, condition: 'result?.x?.y == nil', expected: true },
  { result: '5', condition: 'result < 10', expected: { error: 'invalid operation: < (mismatched types string and int)' } },
  { result: [Infinity], condition: 'isInf(result[0])', expected: true },
  { result: 0.01, condition: 'result[0] < 0.05', expected: { error: 'type float64[int] is undefined' } },
  { result: [0.5], condition: 'result == 0.5', expected: { error: 'invalid operation: == (mismatched types []float64 and float64)' } },
  { result: { a: 1 }, condition: 'result == "x"', expected: { error: 'invalid operation: == (mismatched types map[string]interface {} and string)' } },
  { result: 7, condition: 'default(0, 1) == 7', expected: true },
];

describe('a condition (EvalCondition)', () => {
  it.each(ROWS)('$condition with result $result', ({ result, condition, expected }) => {
    const outcome = evaluateCondition(result, condition);
    if (typeof expected === 'boolean') expect(outcome).toEqual({ ok: true, value: expected });
    else expect(outcome).toEqual({ ok: false, message: expected.error });
  });

  it('an empty vector indexed is an Error, not false', () => {
    expect(evaluateCondition([], 'result[0] < 0.05').ok).toBe(false);
  });

  it('a syntax error is reported without its position', () => {
    const outcome = evaluateCondition(1, 'result <');
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.message).not.toMatch(/\d+:\d+/);
  });
});

describe('conditions → a measurement phase (EvaluateResult)', () => {
  it.each([
    { success: undefined, failure: undefined, phase: 'Successful' },
    { success: 'result > 1', failure: undefined, phase: 'Successful' },
    { success: 'result > 5', failure: undefined, phase: 'Failed' },
    { success: undefined, failure: 'result > 1', phase: 'Failed' },
    { success: undefined, failure: 'result > 5', phase: 'Successful' },
    { success: 'result > 1', failure: 'result > 1', phase: 'Failed' },
    { success: 'result > 1', failure: 'result > 5', phase: 'Successful' },
    { success: 'result > 5', failure: 'result > 5', phase: 'Inconclusive' },
  ])('success=$success failure=$failure → $phase', ({ success, failure, phase }) => {
    expect(evaluateConditions(2, { successCondition: success, failureCondition: failure })).toEqual({ ok: true, phase });
  });

  it('an error in either condition is an Error', () => {
    expect(evaluateConditions(2, { successCondition: 'result > 1', failureCondition: 'result == "x"' })).toEqual({
      ok: false,
      message: 'invalid operation: == (mismatched types float64 and string)',
    });
  });
});
