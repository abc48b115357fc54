// successCondition / failureCondition → a measurement's phase
// (EvaluateResult in utils/evaluate/evaluate.go). Conditions are expr-lang,
// evaluated by the project's core; an error of any kind makes the measurement
// Error with the bare message (no line:column), as Argo stores it.

import type { AnalysisPhase, Metric } from '../model/analysis.js';
import { evaluateExpression, ExpressionError } from '../engine/expressions/index.js';
import { conditionEnv } from './condition-env.js';
import { staticTypeError } from './condition-types.js';

export type ConditionOutcome = { ok: true; phase: AnalysisPhase } | { ok: false; message: string };

export function evaluateConditions(result: unknown, metric: Pick<Metric, 'successCondition' | 'failureCondition'>): ConditionOutcome {
  const success = metric.successCondition ? evaluateCondition(result, metric.successCondition) : undefined;
  if (success && !success.ok) return success;
  const failure = metric.failureCondition ? evaluateCondition(result, metric.failureCondition) : undefined;
  if (failure && !failure.ok) return failure;

  if (!success && !failure) return { ok: true, phase: 'Successful' };
  const succeeded = success ? success.value : !(failure?.value ?? false);
  const failed = failure ? failure.value : !succeeded;
  if (failed) return { ok: true, phase: 'Failed' };
  if (!succeeded) return { ok: true, phase: 'Inconclusive' };
  return { ok: true, phase: 'Successful' };
}

type BooleanOutcome = { ok: true; value: boolean } | { ok: false; message: string };

export function evaluateCondition(result: unknown, condition: string): BooleanOutcome {
  const env = conditionEnv(result);
  try {
    const typeError = staticTypeError(condition, env);
    if (typeError) return { ok: false, message: typeError };
    const output = evaluateExpression(condition, env);
    if (typeof output !== 'boolean') return { ok: false, message: `expected bool, but got ${goTypeOf(output)}` };
    return { ok: true, value: output };
  } catch (error) {
    if (error instanceof ExpressionError) return { ok: false, message: error.reason };
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

function goTypeOf(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float64';
  if (typeof value === 'string') return 'string';
  if (Array.isArray(value)) return '[]interface {}';
  return 'map[string]interface {}';
}
