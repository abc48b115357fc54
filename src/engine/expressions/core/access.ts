// Reading from values (runtime.Fetch and runtime.Slice of expr-lang):
// `a.b`, `a[i]` with negative indexes, `a[i:j]`.

import { EvaluationFault } from './errors.js';
import { toInt } from './operators.js';
import { GoStruct, goTypeName, isMap, isNil, zeroValueOf } from './values.js';

export function fetch(from: unknown, key: unknown): unknown {
  if (isNil(from)) throw new EvaluationFault(`cannot fetch ${describeKey(key)} from <nil>`);
  if (Array.isArray(from)) return at(from, key);
  if (typeof from === 'string') return at(Array.from(from), key);
  if (from instanceof GoStruct) {
    if (typeof key === 'string' && from.has(key)) return from.members[key] ?? null;
  } else if (isMap(from)) {
    if (isNil(key)) return null;
    const name = typeof key === 'string' ? key : String(key);
    return Object.hasOwn(from, name) ? (from[name] ?? null) : zeroValueOf(from);
  }
  throw new EvaluationFault(`cannot fetch ${describeKey(key)} from ${goTypeName(from)}`);
}

function at(items: readonly unknown[], key: unknown): unknown {
  let index = toInt(key);
  if (index < 0) index += items.length;
  if (index < 0 || index >= items.length) {
    throw new EvaluationFault(`index out of range: ${index} (array length is ${items.length})`);
  }
  return items[index] ?? null;
}

export function slice(from: unknown, start: unknown, end: unknown): unknown {
  if (Array.isArray(from)) return from.slice(...bounds(from.length, start, end));
  if (typeof from === 'string') {
    const chars = Array.from(from);
    return chars.slice(...bounds(chars.length, start, end)).join('');
  }
  throw new EvaluationFault(`cannot slice ${goTypeName(from)}`);
}

function bounds(length: number, start: unknown, end: unknown): [number, number] {
  let a = isNil(start) ? 0 : toInt(start);
  let b = isNil(end) ? length : toInt(end);
  if (a < 0) a = Math.max(0, length + a);
  if (b < 0) b = Math.max(0, length + b);
  b = Math.min(b, length);
  a = Math.min(a, b);
  return [a, b];
}

function describeKey(key: unknown): string {
  return isNil(key) ? '<nil>' : String(key);
}
