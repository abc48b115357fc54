// Kargo's StepEvaluator: a step's `if` and `config` evaluated against the
// expression environment (ctx, vars, outputs, task.outputs, stepMetas, the
// status functions and the cluster snapshot).

import type { ExpressionVariable, PromotionStep, StepExecutionMetadata } from '../model/kargo.js';
import { evaluateKargoVars, evaluateTemplate, kargoExpressionEnv, type KargoExpressionData } from './expressions/index.js';

/** Everything but the per-step parts of the expression data. */
export type PromotionExpressionData = Omit<KargoExpressionData, 'stepAlias' | 'vars' | 'state' | 'stepExecutionMetadata'>;

export interface EvaluationScope {
  data: PromotionExpressionData;
  promotionVars: readonly ExpressionVariable[];
  state: Readonly<Record<string, unknown>>;
  metas: readonly StepExecutionMetadata[];
}

function stepData(scope: EvaluationScope, alias: string): KargoExpressionData {
  return { ...scope.data, stepAlias: alias, state: scope.state, stepExecutionMetadata: scope.metas };
}

function stepEnv(scope: EvaluationScope, step: PromotionStep, alias: string): Record<string, unknown> {
  const data = stepData(scope, alias);
  const vars = evaluateKargoVars(data, scope.promotionVars, step.vars ?? []);
  return kargoExpressionEnv({ ...data, vars });
}

/** Kargo's hasFailures: an earlier step Failed or Errored without continueOnError. */
function hasFailures(metas: readonly StepExecutionMetadata[]): boolean {
  return metas.some((meta) => !meta.continueOnError && (meta.status === 'Failed' || meta.status === 'Errored'));
}

/** Whether the step is skipped: by its `if`, or (without one) because something failed. Throws on a bad `if`. */
export function shouldSkip(scope: EvaluationScope, step: PromotionStep, alias: string): boolean {
  if (!step.if) return hasFailures(scope.metas);
  const value = evaluateTemplate(step.if, stepEnv(scope, step, alias));
  if (typeof value !== 'boolean') {
    throw new Error(`expression must evaluate to a boolean, got ${goTypeName(value)}`);
  }
  return !value;
}

/** The step's config with every `${{ }}` evaluated; `null` when the step has none (as Kargo passes nil). */
export function evaluateConfig(scope: EvaluationScope, step: PromotionStep, alias: string): unknown {
  if (step.config === undefined || step.config === null) return null;
  return evaluateTemplate(step.config, stepEnv(scope, step, alias));
}

/** Go's %T for a value decoded from JSON. */
function goTypeName(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return 'float64';
  if (Array.isArray(value)) return '[]interface {}';
  if (typeof value === 'object') return 'map[string]interface {}';
  return typeof value;
}
