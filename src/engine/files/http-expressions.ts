// The http step's expressions over the response: success and failure
// criteria (booleans), the error message, and the outputs. A malformed
// expression is final; one that fails to evaluate may pass on a later poll.

import { compileExpression, evaluateExpression } from '../expressions/index.js';
import { TerminalStepError } from '../step.js';
import { errorMessage } from './fs-errors.js';

/** undefined when no expression is configured. */
export function evaluateCriterion(which: 'success' | 'failure', source: string | undefined, env: Record<string, unknown>): boolean | undefined {
  if (!source) return undefined;
  const quoted = JSON.stringify(source);
  const context = `error evaluating ${which} criteria`;
  try {
    compileExpression(source);
  } catch (error) {
    throw new TerminalStepError(`${context}: error compiling ${which} expression ${quoted}: ${errorMessage(error)}`);
  }
  let value: unknown;
  try {
    value = evaluateExpression(source, env);
  } catch (error) {
    throw new Error(`${context}: error evaluating ${which} expression ${quoted}: ${errorMessage(error)}`);
  }
  if (typeof value !== 'boolean') {
    throw new Error(`${context}: ${which} expression ${quoted} did not evaluate to a boolean (got ${goType(value)})`);
  }
  return value;
}

/** The error expression's string, or '' when there is none or it does not give a string (as Kargo). */
export function evaluateErrorMessage(source: string | undefined, env: Record<string, unknown>): string {
  if (!source) return '';
  try {
    compileExpression(source);
  } catch (error) {
    throw new TerminalStepError(`error compiling error expression ${JSON.stringify(source)}: ${errorMessage(error)}`);
  }
  try {
    const value = evaluateExpression(source, env);
    return typeof value === 'string' ? value : '';
  } catch {
    return '';
  }
}

export function evaluateOutputs(outputs: readonly { name: string; fromExpression: string }[], env: Record<string, unknown>): Record<string, unknown> {
  const results: Record<string, unknown> = {};
  for (const output of outputs) {
    const quoted = JSON.stringify(output.name);
    try {
      compileExpression(output.fromExpression);
    } catch (error) {
      throw new TerminalStepError(`error compiling output expression ${quoted}: ${errorMessage(error)}`);
    }
    try {
      results[output.name] = evaluateExpression(output.fromExpression, env);
    } catch (error) {
      throw new Error(`error extracting outputs from HTTP response: error evaluating output expression ${quoted}: ${errorMessage(error)}`);
    }
  }
  return results;
}

function goType(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float64';
  if (typeof value === 'string') return 'string';
  if (Array.isArray(value)) return '[]interface {}';
  if (typeof value === 'function') return 'func';
  return 'map[string]interface {}';
}
