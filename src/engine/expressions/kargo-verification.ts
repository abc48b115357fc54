// The `${{ }}` in a Stage's verification (pkg/controller/stages/regular_stages.go,
// pkg/rollouts/analysis_run_builder.go): the Stage's vars, then each
// AnalysisTemplate argument, with only ctx.project, ctx.stage, vars and the
// data/freight/utility functions in scope. Every argument must come out a string.

import type { ExpressionVariable } from '../../model/kargo.js';
import { ExpressionError, goTypeName } from './core/index.js';
import { kargoFunctions, type KargoFunctionData } from './kargo-env.js';
import { evaluateTemplate } from './template.js';

export interface VerificationScope extends KargoFunctionData {
  stage: string;
}

export interface EvaluatedArgument {
  name: string;
  /** Absent when the argument had no value (the template's default applies). */
  value?: string;
}

export function evaluateVerificationArgs(
  scope: VerificationScope,
  stageVars: readonly ExpressionVariable[],
  args: readonly { name: string; value?: string }[],
): EvaluatedArgument[] {
  const vars: Record<string, unknown> = {};
  const env = { ...kargoFunctions(scope), ctx: { project: scope.project, stage: scope.stage }, vars };
  for (const variable of stageVars) {
    vars[variable.name] = evaluate(variable.value ?? '', env, `evaluate variable ${JSON.stringify(variable.name)}`);
  }
  return args.map((arg) => {
    if (!arg.value) return { name: arg.name };
    const value = evaluate(arg.value, env, `evaluate argument ${JSON.stringify(arg.name)}`);
    if (typeof value !== 'string') {
      // Kargo's templates yield numbers as float64.
      const type = typeof value === 'number' ? 'float64' : goTypeName(value);
      throw new VerificationArgumentError(`evaluated argument ${JSON.stringify(arg.name)} value is not a string but ${type}`);
    }
    return { name: arg.name, value };
  });
}

function evaluate(template: string, env: Record<string, unknown>, context: string): unknown {
  try {
    return evaluateTemplate(template, env);
  } catch (error) {
    if (!(error instanceof ExpressionError)) throw error;
    throw new VerificationArgumentError(`${context}: ${error.message}`);
  }
}

export class VerificationArgumentError extends Error {
  override readonly name = 'VerificationArgumentError';
}
