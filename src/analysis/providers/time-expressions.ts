// rangeQuery.start/end are expr expressions such as `now() - duration("5m")`
// (EvalTime in utils/evaluate/evaluate.go). Times and durations are carried
// as milliseconds here, so the usual arithmetic on them works.

import { evaluateExpression, ExpressionError } from '../../engine/expressions/index.js';
import { parseGoDuration } from '../go-duration.js';

export function evaluateTime(expression: string, now: Date): Date {
  const env = {
    now: (): number => now.getTime(),
    duration: (text: unknown): number => parseGoDuration(String(text)),
    isNaN: (value: unknown): boolean => Number.isNaN(value),
    isInf: (value: unknown): boolean => value === Infinity || value === -Infinity,
  };
  let output: unknown;
  try {
    output = evaluateExpression(expression, env);
  } catch (error) {
    throw new Error(error instanceof ExpressionError ? error.reason : String(error));
  }
  if (typeof output !== 'number') throw new Error(`expected time.Time, but got ${output === null ? '<nil>' : typeof output}`);
  return new Date(output);
}
