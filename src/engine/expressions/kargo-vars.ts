// Kargo's StepEvaluator.Vars (pkg/promotion/evaluator.go): the Promotion's
// vars first, in order, each seeing the ones before it but no outputs; then
// the step's vars, which also see `outputs`, `task.outputs` and `stepMetas`.
// A later var of the same name replaces an earlier one.

import type { ExpressionVariable } from '../../model/kargo.js';
import { ExpressionError } from './core/index.js';
import { kargoExpressionEnv } from './kargo-env.js';
import type { KargoExpressionData } from './kargo-data.js';
import { evaluateTemplate } from './template.js';

const STATUS_FUNCTIONS = ['success', 'failure', 'always', 'status'];

export function evaluateKargoVars(
  data: KargoExpressionData,
  promotionVars: readonly ExpressionVariable[] = [],
  stepVars: readonly ExpressionVariable[] = [],
): Record<string, unknown> {
  const vars: Record<string, unknown> = {};
  const promotionData: KargoExpressionData = { ...data, vars, state: undefined, stepExecutionMetadata: undefined };
  for (const variable of promotionVars) vars[variable.name] = evaluateVar(variable, promotionData);
  const stepData: KargoExpressionData = { ...data, vars, state: data.state ?? {} };
  for (const variable of stepVars) vars[variable.name] = evaluateVar(variable, stepData);
  return vars;
}

function evaluateVar(variable: ExpressionVariable, data: KargoExpressionData): unknown {
  const env = kargoExpressionEnv(data);
  for (const name of STATUS_FUNCTIONS) delete env[name];
  try {
    return evaluateTemplate(variable.value ?? '', env);
  } catch (error) {
    if (!(error instanceof ExpressionError)) throw error;
    throw new VariableError(variable.name, error);
  }
}

/** Kargo's `error pre-processing promotion variable "<name>": <cause>`. */
export class VariableError extends Error {
  override readonly name = 'VariableError';

  constructor(
    readonly variable: string,
    override readonly cause: ExpressionError,
  ) {
    super(`error pre-processing promotion variable ${JSON.stringify(variable)}: ${cause.message}`);
  }
}
