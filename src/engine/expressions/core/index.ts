// expr-lang, the core language: what the Argo Rollouts analysis layer (its
// successCondition/failureCondition) shares with Kargo's templates. Nothing
// here knows about Kargo.

export { compileExpression, evaluateExpression } from './evaluate.js';
export type { Environment } from './evaluator.js';
export { EvaluationFault, ExpressionError } from './errors.js';
export { formatValue } from './go-format.js';
export { marshalJSON } from './go-json.js';
export { equal, GoStruct, goTypeName, isNil, type ExprFunction } from './values.js';
