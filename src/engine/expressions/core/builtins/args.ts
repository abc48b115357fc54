// Argument checks shared by the builtins, with expr-lang's messages.

import { EvaluationFault } from '../errors.js';
import { toInt } from '../operators.js';
import { conversionMessage } from '../values.js';

export type Builtin = (args: readonly unknown[]) => unknown;

export function arity(args: readonly unknown[], min: number, max = min): void {
  if (args.length < min || args.length > max) {
    const expected = min === max ? String(min) : `${min} or ${max}`;
    throw new EvaluationFault(`invalid number of arguments (expected ${expected}, got ${args.length})`);
  }
}

/** The checker's wording for builtins declared by Go signatures (trim, upper, split…). */
export function signatureArity(name: string, args: readonly unknown[], min: number, max = min): void {
  if (args.length < min) throw new EvaluationFault(`not enough arguments to call ${name}`);
  if (args.length > max) throw new EvaluationFault(`too many arguments to call ${name}`);
}

export function stringArg(value: unknown): string {
  if (typeof value !== 'string') throw new EvaluationFault(conversionMessage(value, 'string'));
  return value;
}

export function intArg(value: unknown): number {
  return toInt(value);
}
