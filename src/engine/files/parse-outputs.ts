// The `outputs: [{name, fromExpression}]` of yaml-parse, json-parse and
// toml-parse: each expression runs with the parsed document as its whole
// environment (Kargo passes the document straight to expr.Run).

import { compileExpression, evaluateExpression } from '../expressions/index.js';
import type { ExpressionOutput } from './config-parts.js';
import { errorMessage } from './fs-errors.js';

export function extractOutputs(document: unknown, outputs: readonly ExpressionOutput[]): Record<string, unknown> {
  const env = isRecord(document) ? document : {};
  const results: Record<string, unknown> = {};
  for (const output of outputs) {
    const quoted = JSON.stringify(output.fromExpression);
    try {
      compileExpression(output.fromExpression);
    } catch (error) {
      throw new Error(`failed to extract outputs: error compiling expression ${quoted}: ${errorMessage(error)}`);
    }
    try {
      results[output.name] = evaluateExpression(output.fromExpression, env);
    } catch (error) {
      throw new Error(`failed to extract outputs: error evaluating expression ${quoted}: ${errorMessage(error)}`);
    }
  }
  return results;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
