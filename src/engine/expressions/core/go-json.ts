// encoding/json's Marshal as Go would run it on expr-lang values: map keys
// sorted, structs in their JSON form, `<`, `>`, `&`, U+2028 and U+2029
// escaped, NaN/Inf and functions refused with Go's message.

import { EvaluationFault } from './errors.js';
import { GoStruct, isMap, isNil, setOwn } from './values.js';

export function marshalJSON(value: unknown, indent?: string): string {
  const plain = toPlainJSON(value);
  const text = indent === undefined ? JSON.stringify(plain) : JSON.stringify(plain, null, indent);
  return text.replace(/[<>&\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The value with every struct replaced by its JSON form and every map's keys sorted. */
export function toPlainJSON(value: unknown): unknown {
  if (isNil(value)) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value)) {
        throw new EvaluationFault(`json: unsupported value: ${Number.isNaN(value) ? 'NaN' : value > 0 ? '+Inf' : '-Inf'}`);
      }
      return value;
    case 'function':
      throw new EvaluationFault('json: unsupported type: func(...interface {}) (interface {}, error)');
  }
  if (Array.isArray(value)) return value.map(toPlainJSON);
  if (value instanceof GoStruct) {
    const form = value.json();
    // A struct's fields keep their declared order; only maps are sorted.
    return isMap(form) ? plainObject(form, Object.keys(form)) : toPlainJSON(form);
  }
  const map = value as Record<string, unknown>;
  return plainObject(map, Object.keys(map).sort());
}

function plainObject(map: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) setOwn(out, key, toPlainJSON(map[key]));
  return out;
}
