// expr-lang, the core language: what the Argo Rollouts analysis layer (its
// successCondition/failureCondition) shares with Kargo's templates. Nothing
// here knows about Kargo; the Kargo layer imports the core only from here.

export { compileExpression, evaluateExpression } from './evaluate.js';
export type { Environment } from './evaluator.js';
export { EvaluationFault, ExpressionError } from './errors.js';
export { formatValue } from './go-format.js';
export { marshalJSON, toPlainJSON } from './go-json.js';
export { parseGoFloat } from './builtins/numbers.js';
export {
  equal,
  GoStruct,
  goTypeName,
  isMap,
  isNil,
  setOwn,
  withZeroValue,
  type ExprFunction,
} from './values.js';
