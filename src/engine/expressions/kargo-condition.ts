// A step's `if` as Kargo's StepEvaluator.ShouldSkip reads it
// (pkg/promotion/evaluator.go): a template that must come out a boolean.

import { goTypeName, type Environment } from './core/index.js';
import { evaluateTemplate } from './template.js';

/** True when the step should run. Throws Kargo's error when the result is not a bool. */
export function evaluateStepCondition(condition: string, env: Environment): boolean {
  const value = evaluateTemplate(condition, env);
  if (typeof value !== 'boolean') {
    // Kargo's templates yield numbers as float64, whatever the expression computed.
    const type = typeof value === 'number' ? 'float64' : goTypeName(value);
    throw new ConditionError(`expression must evaluate to a boolean, got ${type}`);
  }
  return value;
}

export class ConditionError extends Error {
  override readonly name = 'ConditionError';
}
