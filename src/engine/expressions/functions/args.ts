// Argument checks of Kargo's expression functions, with their messages
// (pkg/expressions/function/functions.go).

import { goTypeName } from '../core/index.js';

export function expectCount(args: readonly unknown[], count: number): void {
  if (args.length !== count) {
    throw new Error(`expected ${count} argument${count === 1 ? '' : 's'}, got ${args.length}`);
  }
}

export function expectRange(args: readonly unknown[], min: number, max: number): void {
  if (args.length < min || args.length > max) throw new Error(`expected ${min}-${max} arguments, got ${args.length}`);
}

/** `label` is how Kargo names the argument: "argument", "first argument"… */
export function expectString(value: unknown, label: string): string {
  if (typeof value !== 'string') throw new Error(`${label} must be string, got ${goTypeName(value)}`);
  return value;
}
