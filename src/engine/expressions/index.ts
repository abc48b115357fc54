// The expression language of the promotion engine. `core/` is expr-lang
// (reusable, e.g. for Argo Rollouts analysis conditions); the rest is Kargo's
// `${{ }}` templates, functions and environment.

export { compileExpression, evaluateExpression, ExpressionError, GoStruct } from './core/index.js';
export { evaluateTemplate } from './template.js';
export { kargoExpressionEnv } from './kargo-env.js';
export type { KargoExpressionData } from './kargo-data.js';
export { evaluateKargoVars, VariableError } from './kargo-vars.js';
export { evaluateStepCondition, ConditionError } from './kargo-condition.js';
export { kargoFunctions, type KargoFunctionData } from './kargo-env.js';
export {
  evaluateVerificationArgs,
  VerificationArgumentError,
  type EvaluatedArgument,
  type VerificationScope,
} from './kargo-verification.js';
